/**
 * Serve files from a directory over HTTP with Range support (pmtiles reads tiles with range
 * requests), refusing any path that escapes the directory, by name or through a symbolic link.
 */
import { open, realpath, type FileHandle } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';

const TYPES: Record<string, string> = {
	'.json': 'application/json',
	'.geojson': 'application/geo+json',
	'.pbf': 'application/x-protobuf',
	'.pmtiles': 'application/octet-stream',
	'.png': 'image/png',
	'.md': 'text/markdown; charset=utf-8',
	'.txt': 'text/plain; charset=utf-8'
};

function text(status: number, body: string, headers: Record<string, string> = {}): Response {
	return new Response(body, {
		status,
		headers: { 'content-type': 'text/plain; charset=utf-8', ...headers }
	});
}

/** Resolve `rel` inside `root`, or undefined when it would escape it. */
export function safeJoin(root: string, rel: string): string | undefined {
	const base = resolve(root);
	if (rel.includes('\0')) return undefined;
	const full = resolve(base, rel);
	const prefix = base.endsWith(sep) ? base : base + sep;
	return full === base || full.startsWith(prefix) ? full : undefined;
}

/** Parse a single `bytes=a-b` range against a file size; null when absent, 'invalid' when unsatisfiable. */
export function parseRange(
	header: string | null,
	size: number
): { start: number; end: number } | null | 'invalid' {
	if (!header) return null;
	const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
	if (!m || (m[1] === '' && m[2] === '')) return 'invalid';
	let start: number;
	let end: number;
	if (m[1] === '') {
		const suffix = Number(m[2]);
		start = Math.max(0, size - suffix);
		end = size - 1;
	} else {
		start = Number(m[1]);
		end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
	}
	if (start > end || start >= size) return 'invalid';
	return { start, end };
}

/**
 * The real path of `path` when it lies inside the real path of `root` (symbolic links
 * resolved on both), else undefined.
 */
export async function realInside(root: string, path: string): Promise<string | undefined> {
	try {
		const [base, real] = await Promise.all([realpath(root), realpath(path)]);
		return safeJoin(base, real) === real ? real : undefined;
	} catch {
		return undefined;
	}
}

export async function serveFile(root: string, rel: string, request: Request): Promise<Response> {
	const path = safeJoin(root, rel);
	if (!path) return text(400, `bad path: ${rel}`);
	// A symbolic link inside the folder may point out of it: compare the real paths. Refused as
	// not found, so that a probe learns nothing about what lies outside.
	const real = await realInside(root, path);
	if (!real) return text(404, `not found: ${rel}`);
	// Read what was checked: the opened file, not the name again.
	let file: FileHandle;
	let size: number;
	try {
		file = await open(real, 'r');
	} catch {
		return text(404, `not found: ${rel}`);
	}
	try {
		const st = await file.stat();
		if (!st.isFile()) {
			await file.close();
			return text(404, `not found: ${rel}`);
		}
		size = st.size;
	} catch {
		await file.close().catch(() => {});
		return text(404, `not found: ${rel}`);
	}
	const headers: Record<string, string> = {
		'content-type': TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
		'accept-ranges': 'bytes',
		'cache-control': 'public, max-age=3600'
	};
	const range = parseRange(request.headers.get('range'), size);
	if (range === 'invalid') {
		await file.close();
		return text(416, 'range not satisfiable', { 'content-range': `bytes */${size}` });
	}
	const { start, end } = range ?? { start: 0, end: size - 1 };
	let body: ReadableStream<Uint8Array> | null = null;
	if (request.method === 'HEAD' || size === 0) await file.close();
	else
		body = Readable.toWeb(
			file.createReadStream({ start, end, autoClose: true })
		) as ReadableStream<Uint8Array>;
	if (range) headers['content-range'] = `bytes ${start}-${end}/${size}`;
	headers['content-length'] = String(size === 0 ? 0 : end - start + 1);
	return new Response(body, { status: range ? 206 : 200, headers });
}
