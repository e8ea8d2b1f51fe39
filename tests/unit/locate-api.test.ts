import { describe, expect, it } from 'vitest';
import {
	createLocateHandler,
	supabaseUserCheck,
	type UserCheck
} from '../../src/lib/server/locate-api';

/** The handler with a user check that knows one token, and a locator that echoes the text size. */
function setup(
	check: (t: string) => Promise<UserCheck> = async (t) => (t === 'good' ? 'user' : 'invalid')
) {
	const seen: string[] = [];
	const h = createLocateHandler({
		verifyUser: check,
		locate: async (text) => {
			seen.push(text);
			return { posts: [], errors: [], duplicates: 0, lines: text.split('\n').length };
		},
		maxBytes: 1024
	});
	return { h, seen };
}

function req(headers: Record<string, string>, body: string | null = '{}\n') {
	return new Request('http://x/api/locate', {
		method: 'POST',
		headers: { 'content-type': 'application/x-ndjson', ...headers },
		body
	});
}

describe('POST /api/locate', () => {
	it('answers 401 with WWW-Authenticate without a token, and reads nothing', async () => {
		const { h, seen } = setup();
		for (const headers of [
			{},
			{ authorization: 'Basic abc' },
			{ authorization: 'Bearer' }
		] as Record<string, string>[]) {
			const r = await h(req(headers));
			expect(r.status).toBe(401);
			expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
		}
		expect(seen).toEqual([]);
	});

	it('answers 401 for a token that is not a user’s (the anon key, expired, signed out)', async () => {
		const { h, seen } = setup();
		const r = await h(req({ authorization: 'Bearer anon-key' }));
		expect(r.status).toBe(401);
		expect((await r.json()).error).toMatch(/sign in/);
		expect(seen).toEqual([]);
	});

	it('answers 503 when the auth service cannot be asked', async () => {
		for (const check of [
			async (): Promise<UserCheck> => 'unavailable',
			async (): Promise<UserCheck> => {
				throw new Error('ECONNREFUSED');
			}
		]) {
			const { h, seen } = setup(check);
			expect((await h(req({ authorization: 'Bearer good' }))).status).toBe(503);
			expect(seen).toEqual([]);
		}
	});

	it('locates the file of a signed-in user', async () => {
		const { h, seen } = setup();
		const r = await h(req({ authorization: 'Bearer good' }, 'a\nb\n'));
		expect(r.status).toBe(200);
		expect((await r.json()).lines).toBe(3);
		expect(seen).toEqual(['a\nb\n']);
	});

	it('answers 413 over the cap, declared or streamed, and never locates it', async () => {
		const { h, seen } = setup();
		const big = 'x'.repeat(1025);
		const declared = await h(
			req({ authorization: 'Bearer good', 'content-length': '2000000' }, 'x')
		);
		expect(declared.status).toBe(413);
		const streamed = await h(req({ authorization: 'Bearer good' }, big));
		expect(streamed.status).toBe(413);
		expect((await streamed.json()).error).toMatch(/larger than/);
		expect(seen).toEqual([]);
	});

	it('locates at most two files at once and answers 429 with Retry-After to a third', async () => {
		let release = () => {};
		const gate = new Promise<void>((r) => (release = r));
		const h = createLocateHandler({
			verifyUser: async () => 'user',
			locate: async () => {
				await gate;
				return { lines: 1 };
			}
		});
		const first = h(req({ authorization: 'Bearer good' }));
		const second = h(req({ authorization: 'Bearer good' }));
		const third = await h(req({ authorization: 'Bearer good' }));
		expect(third.status).toBe(429);
		expect(third.headers.get('retry-after')).toBe('5');
		release();
		expect((await first).status).toBe(200);
		expect((await second).status).toBe(200);
		expect((await h(req({ authorization: 'Bearer good' }))).status).toBe(200);
	});

	it('answers 415 without a Content-Type (the Node adapter drops such a body)', async () => {
		const { h } = setup();
		const r = await h(
			new Request('http://x/api/locate', {
				method: 'POST',
				headers: { authorization: 'Bearer good' },
				body: new TextEncoder().encode('{}\n')
			})
		);
		expect(r.status).toBe(415);
	});
});

describe('supabaseUserCheck', () => {
	const answering = (status: number) => {
		const calls: { url: string; headers: Headers }[] = [];
		const fetcher = (async (url: string, init: RequestInit) => {
			calls.push({ url, headers: new Headers(init.headers) });
			return new Response('{}', { status });
		}) as unknown as typeof fetch;
		return { calls, fetcher };
	};
	const cases: [number, UserCheck][] = [
		[200, 'user'],
		[401, 'invalid'],
		[403, 'invalid'],
		[500, 'unavailable'],
		[502, 'unavailable']
	];
	for (const [status, want] of cases) {
		it(`maps ${status} from GET /auth/v1/user to ${want}`, async () => {
			const { calls, fetcher } = answering(status);
			expect(await supabaseUserCheck('http://sb.test/', 'ANON', fetcher)('tok')).toBe(want);
			expect(calls[0].url).toBe('http://sb.test/auth/v1/user');
			expect(calls[0].headers.get('authorization')).toBe('Bearer tok');
			expect(calls[0].headers.get('apikey')).toBe('ANON');
		});
	}
});
