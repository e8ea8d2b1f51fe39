/**
 * Serve files from a directory over HTTP with Range support (pmtiles reads tiles with range
 * requests), refusing any path that escapes the directory.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
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

export async function serveFile(root: string, rel: string, request: Request): Promise<Response> {
	const path = safeJoin(root, rel);
	if (!path) return text(400, `bad path: ${rel}`);
	let size: number;
	try {
		const st = await stat(path);
		if (!st.isFile()) return text(404, `not found: ${rel}`);
		size = st.size;
	} catch {
		return text(404, `not found: ${rel}`);
	}
	const headers: Record<string, string> = {
		'content-type': TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
		'accept-ranges': 'bytes',
		'cache-control': 'public, max-age=3600'
	};
	const range = parseRange(request.headers.get('range'), size);
	if (range === 'invalid')
		return text(416, 'range not satisfiable', { 'content-range': `bytes */${size}` });
	const { start, end } = range ?? { start: 0, end: size - 1 };
	const body =
		request.method === 'HEAD' || size === 0
			? null
			: (Readable.toWeb(createReadStream(path, { start, end })) as ReadableStream<Uint8Array>);
	if (range) headers['content-range'] = `bytes ${start}-${end}/${size}`;
	headers['content-length'] = String(size === 0 ? 0 : end - start + 1);
	return new Response(body, { status: range ? 206 : 200, headers });
}
