/** The webhook worker against a fake outbox and fake receivers: what it settles for each answer
 * (2xx delivered, 5xx/429/network retried with the backoff, other 4xx given up, attempts spent
 * given up), the headers it sends, and that its log never shows a secret or a URL's credentials. */
import { describe, expect, it } from 'vitest';
import { verifySignature, webhookSecret } from '../../src/lib/webhooks/sign';
import { startWebhookWorker } from '../../src/stack/webhook-worker';

const KEY = 'unit-test-master-key-0123456789abcdef';

function row(n: number, url: string, attempts = 1) {
	return {
		webhook_id: `wh-test0${n}`,
		change_seq: n,
		delivery_id: `inc-${n}:created`,
		url,
		nonce: String(n).repeat(32),
		attempts,
		change: 'created',
		incident_id: `inc-${n}`,
		at: '2024-04-27T12:00:00Z',
		payload: { id: `inc-${n}` }
	};
}

describe('webhook worker', () => {
	it('settles each answer as it should, signed, and logs no secret', async () => {
		const rows = [
			row(1, 'https://ok.test/a'),
			row(2, 'https://busy.test/b'),
			row(3, 'https://gone.test/c'),
			row(4, 'https://down.test/d'),
			row(5, 'https://user:pw@busy.test/e?token=t', 12)
		];
		const settled: Record<string, unknown>[] = [];
		let claims = 0;
		const client = {
			async rpc(fn: string, args: Record<string, unknown> = {}) {
				if (fn === 'webhook_claim') return { data: claims++ ? [] : rows, error: null };
				settled.push(args);
				return { data: null, error: null };
			}
		};
		const seen: { url: string; headers: Record<string, string>; body: string }[] = [];
		const fakeFetch = (async (url: string, init: RequestInit) => {
			seen.push({ url, headers: init.headers as Record<string, string>, body: String(init.body) });
			if (url.includes('down.test'))
				throw new TypeError('fetch failed: connect ECONNREFUSED secret-ish');
			const status = url.includes('ok.test') ? 200 : url.includes('gone.test') ? 404 : 503;
			return new Response('x', { status });
		}) as typeof fetch;
		const logs: string[] = [];
		const w = startWebhookWorker({
			client,
			masterKey: KEY,
			pollMs: 10,
			fetch: fakeFetch,
			backoff: { baseMs: 1000, capMs: 8000, maxAttempts: 12, jitter: 0 },
			log: (m) => logs.push(m)
		});
		const end = Date.now() + 5000;
		while (settled.length < 5 && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
		await w.stop();

		const by = (seq: number) => settled.find((s) => s.change_seq === seq);
		expect(by(1)).toMatchObject({ ok: true, http_status: 200, retry_in_s: null });
		expect(by(2)).toMatchObject({ ok: false, http_status: 503, retry_in_s: 1 });
		expect(by(3)).toMatchObject({ ok: false, http_status: 404, retry_in_s: null });
		expect(by(4)).toMatchObject({
			ok: false,
			http_status: null,
			error: 'network error',
			retry_in_s: 1
		});
		expect(by(5)).toMatchObject({ ok: false, http_status: 503, retry_in_s: null });
		expect(w.stats).toMatchObject({ sent: 5, delivered: 1, retried: 2, failed: 2 });

		for (const s of seen) {
			const r = rows.find((x) => x.url === s.url)!;
			expect(s.headers['x-uitkijk-delivery']).toBe(r.delivery_id);
			expect(JSON.parse(s.body)).toMatchObject({ id: r.delivery_id, type: 'incident.created' });
			const secret = webhookSecret(KEY, r.webhook_id, r.nonce);
			expect(
				verifySignature(secret, s.body, s.headers['x-uitkijk-signature'], Date.now() / 1000).ok
			).toBe(true);
			expect(logs.join('\n')).not.toContain(secret);
		}
		const log = logs.join('\n');
		expect(log).toMatch(/inc-5:created to https:\/\/busy\.test\/e given up after 12 attempts/);
		expect(log).not.toMatch(/pw|token|secret-ish/);
	});
});
