import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { parseRange, safeJoin, serveFile } from '../../src/lib/server/static-files';

describe('safeJoin', () => {
	const root = resolve('/srv/geodata');
	const cases: [string, string, string | undefined][] = [
		['a plain file', 'x.json', join(root, 'x.json')],
		['a nested path', 'streets/tiles/nl.pmtiles', join(root, 'streets', 'tiles', 'nl.pmtiles')],
		['a path that goes down and back up', 'a/../b.json', join(root, 'b.json')],
		['the root itself', '', root],
		['an absolute path inside the root', join(root, 'in.json'), join(root, 'in.json')],
		['a parent reference', '../x', undefined],
		['a parent reference after a folder', 'a/../../x', undefined],
		['a deep escape', 'a/b/../../../../etc/passwd', undefined],
		['an absolute path outside', '/etc/passwd', undefined],
		['a sibling with the root as prefix', '../geodata2/x.json', undefined],
		['a NUL byte', 'x.json\0.png', undefined],
		['a NUL byte alone', '\0', undefined]
	];
	for (const [name, rel, want] of cases) {
		it(`${want === undefined ? 'refuses' : 'accepts'} ${name}`, () => {
			expect(safeJoin(root, rel)).toBe(want);
		});
	}

	it('accepts a root given with a trailing separator or relative segments', () => {
		expect(safeJoin(root + sep, 'x.json')).toBe(join(root, 'x.json'));
		expect(safeJoin(join(root, 'sub', '..'), 'x.json')).toBe(join(root, 'x.json'));
	});
});

describe('parseRange', () => {
	const size = 10;
	const cases: [string | null, ReturnType<typeof parseRange>][] = [
		[null, null],
		['', null],
		['bytes=0-9', { start: 0, end: 9 }],
		['bytes=0-0', { start: 0, end: 0 }],
		['bytes=2-5', { start: 2, end: 5 }],
		['bytes=5-', { start: 5, end: 9 }],
		['bytes=-3', { start: 7, end: 9 }],
		['bytes=-10', { start: 0, end: 9 }],
		['bytes=-50', { start: 0, end: 9 }],
		['bytes=3-100', { start: 3, end: 9 }],
		['bytes=9-9', { start: 9, end: 9 }],
		['  bytes=1-2  ', { start: 1, end: 2 }],
		['bytes=10-', 'invalid'],
		['bytes=10-20', 'invalid'],
		['bytes=5-4', 'invalid'],
		['bytes=-0', 'invalid'],
		['bytes=-', 'invalid'],
		['bytes=a-b', 'invalid'],
		['bytes=1.5-3', 'invalid'],
		['bytes 0-9', 'invalid'],
		['items=0-9', 'invalid'],
		['garbage', 'invalid'],
		['bytes=0-1,3-4', 'invalid'],
		['bytes=-1-2', 'invalid']
	];
	for (const [header, want] of cases) {
		it(`${JSON.stringify(header)} of ${size} bytes → ${JSON.stringify(want)}`, () => {
			expect(parseRange(header, size)).toEqual(want);
		});
	}

	it('refuses any range of an empty file', () => {
		for (const h of ['bytes=0-', 'bytes=0-0', 'bytes=-1']) expect(parseRange(h, 0)).toBe('invalid');
	});
});

describe('serveFile', () => {
	// A temporary parent with the served folder and a secret file next to it.
	const parent = mkdtempSync(join(tmpdir(), 'uitkijk-static-'));
	const root = join(parent, 'geodata');
	const content = '0123456789abcdefghij'; // 20 bytes

	beforeAll(async () => {
		await mkdir(join(root, 'streets'), { recursive: true });
		await writeFile(join(root, 'data.json'), content);
		await writeFile(join(root, 'streets', 'nl.pmtiles'), content);
		await writeFile(join(root, 'empty.txt'), '');
		await writeFile(join(parent, 'secret.txt'), 'TOP-SECRET-CONTENT');
		await mkdir(join(parent, 'outside'));
		await writeFile(join(parent, 'outside', 'secret.txt'), 'TOP-SECRET-CONTENT');
		// Links inside the served folder: two that escape it, one that stays inside.
		await symlink(join(parent, 'secret.txt'), join(root, 'link-out.txt'));
		await symlink(join(parent, 'outside'), join(root, 'dir-out'));
		await symlink('../../secret.txt', join(root, 'streets', 'rel-out.txt'));
		await symlink(join(root, 'data.json'), join(root, 'link-in.json'));
	});
	afterAll(async () => {
		await rm(parent, { recursive: true, force: true });
	});

	const get = (headers: Record<string, string> = {}, method = 'GET') =>
		new Request('http://localhost/geodata/x', { method, headers });

	it('serves a whole file: 200, body, content-length, type and accept-ranges', async () => {
		const r = await serveFile(root, 'data.json', get());
		expect(r.status).toBe(200);
		expect(await r.text()).toBe(content);
		expect(r.headers.get('content-length')).toBe('20');
		expect(r.headers.get('content-type')).toBe('application/json');
		expect(r.headers.get('accept-ranges')).toBe('bytes');
		expect(r.headers.get('content-range')).toBeNull();
	});

	const ranges: [string, string, string][] = [
		['bytes=0-9', '0123456789', 'bytes 0-9/20'],
		['bytes=15-', 'fghij', 'bytes 15-19/20'],
		['bytes=-3', 'hij', 'bytes 17-19/20'],
		['bytes=18-99', 'ij', 'bytes 18-19/20'],
		['bytes=4-4', '4', 'bytes 4-4/20']
	];
	for (const [range, body, contentRange] of ranges) {
		it(`serves ${range} as 206 with Content-Range ${contentRange}`, async () => {
			const r = await serveFile(root, 'streets/nl.pmtiles', get({ range }));
			expect(r.status).toBe(206);
			expect(r.headers.get('content-range')).toBe(contentRange);
			expect(r.headers.get('content-length')).toBe(String(body.length));
			expect(r.headers.get('content-type')).toBe('application/octet-stream');
			expect(await r.text()).toBe(body);
		});
	}

	for (const range of ['bytes=20-', 'bytes=25-30', 'bytes=0-1,3-4', 'bytes=x']) {
		it(`answers 416 for an unsatisfiable range (${range})`, async () => {
			const r = await serveFile(root, 'data.json', get({ range }));
			expect(r.status).toBe(416);
			expect(r.headers.get('content-range')).toBe('bytes */20');
		});
	}

	for (const rel of ['missing.json', 'streets', 'streets/none.pmtiles', '']) {
		it(`answers 404 for a missing file or a folder (${JSON.stringify(rel)})`, async () => {
			const r = await serveFile(root, rel, get());
			expect(r.status).toBe(404);
		});
	}

	const escapes: [string, string][] = [
		['../x', '../x'],
		['streets/../../x', 'streets/../../x'],
		['the sibling secret', '../secret.txt'],
		['the secret by absolute path', join(parent, 'secret.txt')],
		['/etc/passwd', '/etc/passwd'],
		['a NUL byte', 'data.json\0']
	];
	for (const [name, rel] of escapes) {
		it(`answers 400 for a path that escapes the folder (${name})`, async () => {
			const r = await serveFile(root, rel, get());
			expect(r.status).toBe(400);
			expect(await r.text()).not.toContain('TOP-SECRET');
		});
	}

	for (const rel of ['link-out.txt', 'dir-out/secret.txt', 'streets/rel-out.txt']) {
		it(`refuses a symbolic link that leads out of the folder (${rel})`, async () => {
			for (const method of ['GET', 'HEAD']) {
				const r = await serveFile(root, rel, get({}, method));
				expect(r.status).toBe(404);
				expect(await r.text()).not.toContain('TOP-SECRET');
			}
		});
	}

	it('serves a symbolic link that stays inside the folder', async () => {
		const r = await serveFile(root, 'link-in.json', get());
		expect(r.status).toBe(200);
		expect(await r.text()).toBe(content);
	});

	it('answers HEAD with headers and no body', async () => {
		const r = await serveFile(root, 'data.json', get({}, 'HEAD'));
		expect(r.status).toBe(200);
		expect(r.headers.get('content-length')).toBe('20');
		expect(r.body).toBeNull();
		const p = await serveFile(root, 'data.json', get({ range: 'bytes=2-3' }, 'HEAD'));
		expect([p.status, p.headers.get('content-range'), p.body]).toEqual([206, 'bytes 2-3/20', null]);
	});

	it('serves an empty file with HEAD', async () => {
		const r = await serveFile(root, 'empty.txt', get({}, 'HEAD'));
		expect([r.status, r.headers.get('content-length')]).toEqual([200, '0']);
	});

	it('serves an empty file with GET as 200 and an empty body', async () => {
		const r = await serveFile(root, 'empty.txt', get());
		expect(r.status).toBe(200);
		expect(r.headers.get('content-length')).toBe('0');
		expect(await r.text()).toBe('');
	});
});
