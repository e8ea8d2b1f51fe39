/**
 * Benchmark: the embedded server under abuse (issue 10, findings 1 and 5). Starts the built
 * server as `npm run demo` does (feeder and detector off, fresh data directory), fills it with
 * posts, then:
 *
 * 1. measures GET /api/config (no database) and an RPC (`me`, through the database) while nothing
 *    else runs, then while each of these runs for a while: a flood of failing statements,
 *    `posts_since(lim => 2e9)` calls, 4 sockets joining 1,000 private channels each, and
 *    /api/locate with 19 MiB bodies; prints p50/p99/max of each;
 * 2. sends 100,000 statements that fail inside the database, of six kinds (anon and signed in:
 *    permission denied, invalid input, a raised not-found, a refused definer), then checks that the server still
 *    answers correctly: sign-in, `me`, a post written with the service role and read back as
 *    an analyst, a realtime broadcast received.
 *
 * Prints figures; exits 1 when a correctness check after the flood fails.
 *
 *   npm run build && npm run bench:abuse [-- --posts 100000 --failures 100000 --seconds 15]
 */
import { createClient } from '@supabase/supabase-js';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { ingestRows } from '../src/lib/ingest/rows.ts';
import type { LocatedPost } from '../src/lib/posts/post.ts';
import { hmacPseudonymiser } from '../src/lib/server/pseudonym.ts';
import { insertPosts } from '../src/stack/feeder.ts';
import { serviceClient } from '../src/lib/server/service-client.ts';
import { percentile } from './lib/pg-cluster.ts';
import { startServerProcess } from './lib/server-process.ts';

const { values } = parseArgs({
	options: {
		posts: { type: 'string', default: '100000' },
		failures: { type: 'string', default: '100000' },
		seconds: { type: 'string', default: '15' },
		port: { type: 'string', default: '4399' }
	}
});
const POSTS = Number(values.posts);
const FAILURES = Number(values.failures);
const SECONDS = Number(values.seconds);
const PORT = Number(values.port);
const base = `http://127.0.0.1:${PORT}`;
const PASSWORD = 'uitkijk-demo';

/** A geotagged post in Groningen's centre (police unit NN). */
function post(id: string, t: number, i: number): LocatedPost {
	const pos: [number, number] = [
		6.5665 + ((i % 100) - 50) * 1e-4,
		53.2194 + (Math.floor(i / 100) % 100) * 1e-4
	];
	return {
		id,
		source: 'bluesky',
		author: `author-${i % 5000}`,
		created_at: new Date(t).toISOString(),
		text: `bericht ${i} op de Grote Markt`,
		lon: pos[0],
		lat: pos[1],
		t,
		method: 'gps',
		pos,
		precision_m: 10
	};
}

let failed = false;
function check(what: string, ok: boolean, detail = '') {
	console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${detail ? `: ${detail}` : ''}`);
	if (!ok) failed = true;
}

async function timed(url: string, init?: RequestInit): Promise<number> {
	const t0 = performance.now();
	const r = await fetch(url, init);
	await r.arrayBuffer();
	return performance.now() - t0;
}

function fmt(ms: number[]) {
	const s = [...ms].sort((a, b) => a - b);
	return `n ${s.length}, p50 ${percentile(s, 50).toFixed(1)} ms, p99 ${percentile(s, 99).toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms`;
}

const server = await startServerProcess(
	PORT,
	{
		UITKIJK_DEMO: '1',
		UITKIJK_FEEDER: 'off',
		UITKIJK_DETECTOR: 'off',
		UITKIJK_RETENTION: 'off'
	},
	'bench-abuse'
);
const serverLog = server.log;
try {
	const keys = server.keys;
	const anon = keys.anon_key;
	const service = serviceClient(base, keys.service_key);
	const pseudonymise = hmacPseudonymiser(keys.pseudonym_key);

	// Posts in Groningen (unit NN) of the last hours, so that posts_since has something to return.
	const t0 = performance.now();
	const now = Date.now();
	for (let done = 0; done < POSTS; done += 5000) {
		const posts: LocatedPost[] = [];
		for (let i = done; i < Math.min(POSTS, done + 5000); i++) {
			posts.push(post(`abuse-${i}`, now - (i % 36_000) * 1000, i));
		}
		await insertPosts(service, ingestRows(posts, pseudonymise));
	}
	console.log(`filled ${POSTS} posts in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

	async function token(email: string): Promise<string> {
		const r = await fetch(`${base}/auth/v1/token?grant_type=password`, {
			method: 'POST',
			headers: { apikey: anon, 'content-type': 'application/json' },
			body: JSON.stringify({ email, password: PASSWORD })
		});
		if (!r.ok) throw new Error(`sign-in ${email}: ${r.status} ${await r.text()}`);
		return ((await r.json()) as { access_token: string }).access_token;
	}
	const analyst = await token('analist.nn@uitkijk.demo');
	const rpcInit = (fn: string, body: unknown, tok = analyst) =>
		[
			`${base}/rest/v1/rpc/${fn}`,
			{
				method: 'POST',
				headers: {
					apikey: anon,
					authorization: `Bearer ${tok}`,
					'content-type': 'application/json'
				},
				body: JSON.stringify(body)
			}
		] as const;

	/** Latency of /api/config and of rpc('me') while `attack` runs for SECONDS. */
	async function under(name: string, attack: (stop: () => boolean) => Promise<string>) {
		let stopped = false;
		const end = performance.now() + SECONDS * 1000;
		const running = attack(() => stopped);
		const config: number[] = [];
		const me: number[] = [];
		await sleep(500);
		// Two independent probes, so that a slow database does not hold back the other one.
		await Promise.all([
			(async () => {
				while (performance.now() < end) {
					config.push(await timed(`${base}/api/config`));
					await sleep(20);
				}
			})(),
			(async () => {
				while (performance.now() < end) {
					me.push(await timed(...rpcInit('me', {})));
					await sleep(20);
				}
			})()
		]);
		stopped = true;
		const what = await running;
		console.log(`\n${name}${what ? ` (${what})` : ''}`);
		console.log(`  GET /api/config: ${fmt(config)}`);
		console.log(`  rpc me:          ${fmt(me)}`);
		return { config, me };
	}

	// Each fails inside the database (none is refused before it by the REST layer).
	const failingCalls = [
		() => rpcInit('me', {}, anon), // the probe's reproduction: anon, 42501 -> 401
		() => rpcInit('posts_since', { since: 'not a time', min_created: null }), // 22007 -> 400
		() => rpcInit('set_stream_clock', { scenario: 'x', stream_time: null }), // 42501 -> 403
		() => rpcInit('posts_in_window', { t_from: '2012-09-21', t_to: 'x' }), // 22007 -> 400
		() => rpcInit('acknowledge_alert', { alert_id: 'no-such-alert' }), // PT404 -> 404
		() =>
			rpcInit('export_evidence', {
				t_from: '2012-09-21T00:00:00Z',
				t_to: '2012-09-22T00:00:00Z',
				min_lon: null,
				min_lat: null,
				max_lon: null,
				max_lat: null,
				reason: 'probe'
			}) // 42501 in the definer -> 403
	];
	let failures = 0;
	const statuses = new Map<number, number>();
	async function failingFlood(stop: () => boolean, limit = Infinity, width = 8) {
		let sent = 0;
		await Promise.all(
			Array.from({ length: width }, async () => {
				while (!stop() && sent < limit) {
					const [url, init] = failingCalls[sent++ % failingCalls.length]();
					const r = await fetch(url, init);
					await r.arrayBuffer();
					statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
					failures++;
				}
			})
		);
		return sent;
	}

	await under('idle', async () => '');
	await under('failing statements, 8 at a time', async (stop) => {
		const n = await failingFlood(stop);
		return `${n} sent`;
	});
	await under('posts_since(lim => 2e9), 2 at a time', async (stop) => {
		let n = 0;
		let bytes = 0;
		let rows = 0;
		await Promise.all(
			[0, 1].map(async () => {
				while (!stop()) {
					const r = await fetch(
						...rpcInit('posts_since', {
							since: '2000-01-01T00:00:00Z',
							min_created: null,
							lim: 2_000_000_000
						})
					);
					const b = await r.arrayBuffer();
					bytes = Math.max(bytes, b.byteLength);
					if (r.ok) rows = Math.max(rows, (JSON.parse(Buffer.from(b).toString()) as []).length);
					n++;
				}
			})
		);
		return `${n} calls, largest answer ${(bytes / 1e6).toFixed(1)} MB, ${rows} rows`;
	});
	await under('4 sockets x 1,000 private joins', async (stop) => {
		let replies = 0;
		const errors = new Map<string, number>();
		const sockets = await Promise.all(
			[0, 1, 2, 3].map(
				() =>
					new Promise<WebSocket>((res, rej) => {
						const ws = new WebSocket(
							`ws://127.0.0.1:${PORT}/realtime/v1/websocket?apikey=${anon}&vsn=1.0.0`
						);
						ws.on('open', () => res(ws));
						ws.on('error', rej);
						ws.on('message', (d) => {
							const m = JSON.parse(d.toString());
							if (m.event !== 'phx_reply') return;
							replies++;
							const reason = m.payload?.response?.reason ?? m.payload?.status;
							const k = String(reason)
								.replace(/[0-9a-f-]{8,}|\d+/g, 'N')
								.slice(0, 60);
							errors.set(k, (errors.get(k) ?? 0) + 1);
						});
					})
			)
		);
		sockets.forEach((ws, s) => {
			for (let i = 0; i < 1000; i++) {
				const ref = String(i + 1);
				ws.send(
					JSON.stringify({
						topic: `realtime:posts:unit:X${s}-${i}`,
						event: 'phx_join',
						payload: { config: { broadcast: {}, private: true }, access_token: analyst },
						ref,
						join_ref: ref
					})
				);
			}
		});
		while (!stop()) await sleep(100);
		const open = sockets.filter((ws) => ws.readyState === WebSocket.OPEN).length;
		sockets.forEach((ws) => ws.close());
		return `${replies} replies, ${open} of 4 sockets still open; ${[...errors]
			.map(([k, v]) => `${v} × ${k}`)
			.join('; ')}`;
	});
	for (const mib of [19, 7.9]) await locateAttack(mib);
	async function locateAttack(mib: number) {
		await under(`/api/locate with ${mib} MiB bodies, 2 at a time`, async (stop) => {
			const line = JSON.stringify({
				id: 'x',
				source: 'bench',
				author: 'a',
				created_at: '2026-12-07T12:00:00Z',
				text: 'Grote Markt Groningen '.repeat(20)
			});
			const body = Buffer.from(
				`${line}\n`.repeat(Math.floor((mib * 1024 * 1024) / (line.length + 1)))
			);
			const seen = new Map<number, number>();
			await Promise.all(
				[0, 1].map(async () => {
					while (!stop()) {
						const r = await fetch(`${base}/api/locate`, {
							method: 'POST',
							headers: {
								'content-type': 'application/x-ndjson',
								authorization: `Bearer ${analyst}`
							},
							body
						}).catch(() => null);
						await r?.arrayBuffer().catch(() => null);
						seen.set(r?.status ?? 0, (seen.get(r?.status ?? 0) ?? 0) + 1);
					}
				})
			);
			return `answers ${[...seen].map(([k, v]) => `${v} × ${k}`).join(', ')}`;
		});
	}

	// 2. The failing statements up to FAILURES in all, then correctness.
	const tf = performance.now();
	const before = failures;
	await failingFlood(() => false, FAILURES - failures);
	console.log(
		`\n${failures} failing calls in all (${failures - before} in ${((performance.now() - tf) / 1000).toFixed(1)} s just now); statuses ${[
			...statuses
		]
			.sort((a, b) => a[0] - b[0])
			.map(([k, v]) => `${k}: ${v}`)
			.join(', ')}`
	);

	const fresh = await token('commandant.nn@uitkijk.demo').catch((e) => String(e));
	check('sign-in after the flood', !fresh.startsWith('Error'), fresh.slice(0, 80));
	const meR = await fetch(...rpcInit('me', {}, fresh));
	const meBody = (await meR.json().catch(() => null)) as { role?: string } | null;
	check('rpc me answers the commander', meR.status === 200 && meBody?.role === 'commander');
	const user = createClient(base, anon, {
		auth: { persistSession: false, autoRefreshToken: false },
		realtime: { transport: WebSocket as never, timeout: 5000 }
	});
	await user.auth.signInWithPassword({ email: 'analist.nn@uitkijk.demo', password: PASSWORD });
	await user.realtime.setAuth();
	let got = false;
	const ch = user.channel('posts:unit:NN', { config: { private: true } });
	ch.on('broadcast', { event: '*' }, () => (got = true));
	await new Promise<void>((res, rej) =>
		ch.subscribe((s) => (s === 'SUBSCRIBED' ? res() : s === 'CHANNEL_ERROR' ? rej(s) : null))
	);
	const since = new Date(Date.now() - 2000).toISOString();
	const after = post(`abuse-after-${Date.now()}`, Date.now(), 0);
	const ins = await insertPosts(service, ingestRows([after], pseudonymise)).catch((e) => String(e));
	check(
		'a post is written with the service role',
		typeof ins !== 'string' && ins.inserted === 1,
		JSON.stringify(ins)
	);
	const back = await user.rpc('posts_since', {
		since,
		min_created: null,
		lim: 1000
	});
	check(
		'the analyst reads it back',
		!back.error && (back.data as { id: string }[]).some((r) => r.id === after.id),
		back.error?.message
	);
	for (let i = 0; i < 50 && !got; i++) await sleep(100);
	check('the analyst receives its realtime broadcast', got);
	const broken = serverLog.filter((l) => /54001|25P02|stack depth/.test(l));
	check('no 54001/25P02 in the server log', broken.length === 0, broken[0]);
	await user.removeAllChannels();
} finally {
	await server.stop();
}
process.exit(failed ? 1 : 0);
