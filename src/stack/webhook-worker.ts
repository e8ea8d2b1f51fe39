/**
 * The webhook worker: delivers the incident webhook outbox (public.webhook_deliveries, filled by
 * a trigger on incidents: supabase/migrations/20261209000150_webhooks.sql) with the service role.
 * It runs in the embedded server (scripts/server.ts; UITKIJK_WEBHOOKS=off leaves it out), and
 * against a Supabase project as `npx uitkijk webhook-worker`.
 *
 * Each round it claims the due deliveries (`webhook_claim`, which leases them for `leaseS`, so a
 * worker stopped while sending leaves them due again), POSTs each as JSON signed with the
 * webhook's secret (src/lib/webhooks/sign.ts), and settles it (`webhook_settle`): delivered on a
 * 2xx (never sent again), retried with exponential backoff on a network error, 408, 429 or 5xx,
 * given up on another answer or when the attempts are spent. Every request of one change carries
 * the same delivery id (incident id:change), in the body and the X-Uitkijk-Delivery header, so a
 * receiver drops repeats. Secrets and URLs' credentials are never logged.
 */
import {
	backoffMs,
	DELIVERY_HEADER,
	EVENT_HEADER,
	retryable,
	SIGNATURE_HEADER,
	signatureHeader,
	webhookSecret,
	type BackoffOptions
} from '../lib/webhooks/sign.ts';
import { incidentEvent } from '../lib/webhooks/events.ts';
import type { RpcClient } from './retention-worker.ts';

export interface WebhookWorkerOptions {
	client: RpcClient;
	/** The master key of the secrets (src/lib/server/webhook-key.ts). */
	masterKey: string;
	/** Wall ms between rounds when nothing was due (default 1000). */
	pollMs?: number;
	/** Deliveries claimed per round (default 20). */
	batch?: number;
	/** Seconds a claimed delivery is leased to this worker (default 60). */
	leaseS?: number;
	/** Timeout of one request (ms; default 10 s). */
	timeoutMs?: number;
	backoff?: BackoffOptions;
	fetch?: typeof fetch;
	now?: () => number;
	log?: (msg: string) => void;
}

export interface WebhookWorker {
	stop(): Promise<void>;
	readonly stats: {
		sent: number;
		delivered: number;
		retried: number;
		failed: number;
		errors: number;
	};
}

interface Claimed {
	webhook_id: string;
	change_seq: number;
	delivery_id: string;
	url: string;
	nonce: string;
	attempts: number;
	change: string;
	incident_id: string;
	at: string;
	payload: unknown;
}

/** The JSON body of one delivery: the incident event (src/lib/webhooks/events.ts). */
export function deliveryBody(
	d: Pick<Claimed, 'delivery_id' | 'change' | 'incident_id' | 'at' | 'payload'>
): string {
	return JSON.stringify(incidentEvent({ ...d, id: d.delivery_id }));
}

/** A URL as the log shows it: origin and path, without credentials or query. */
function shown(url: string): string {
	try {
		const u = new URL(url);
		return `${u.protocol}//${u.host}${u.pathname}`;
	} catch {
		return '(bad url)';
	}
}

export function startWebhookWorker(opts: WebhookWorkerOptions): WebhookWorker {
	const log = opts.log ?? ((m: string) => console.error(`webhooks: ${m}`));
	const pollMs = opts.pollMs ?? 1000;
	const doFetch = opts.fetch ?? fetch;
	const now = opts.now ?? Date.now;
	const stats = { sent: 0, delivered: 0, retried: 0, failed: 0, errors: 0 };
	let stopped = false;
	let timer: ReturnType<typeof setTimeout> | null = null;
	let running: Promise<void> | null = null;

	async function deliver(d: Claimed): Promise<void> {
		const body = deliveryBody(d);
		const secret = webhookSecret(opts.masterKey, d.webhook_id, d.nonce);
		let status: number | null = null;
		let error: string | null = null;
		try {
			const res = await doFetch(d.url, {
				method: 'POST',
				redirect: 'manual',
				signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
				headers: {
					'content-type': 'application/json',
					'user-agent': 'uitkijk-webhooks/1',
					[SIGNATURE_HEADER]: signatureHeader(secret, body, now() / 1000),
					[DELIVERY_HEADER]: d.delivery_id,
					[EVENT_HEADER]: `incident.${d.change}`
				},
				body
			});
			status = res.status;
			await res.body?.cancel().catch(() => {});
			if (!res.ok) error = `HTTP ${res.status}`;
		} catch (e) {
			error = (e as Error).name === 'TimeoutError' ? 'timeout' : 'network error';
		}
		stats.sent++;
		const ok = error === null;
		const wait = ok || !retryable(status) ? null : backoffMs(d.attempts, opts.backoff);
		const { error: err } = await opts.client.rpc('webhook_settle', {
			webhook_id: d.webhook_id,
			change_seq: d.change_seq,
			ok,
			http_status: status,
			error,
			retry_in_s: wait === null ? null : wait / 1000
		});
		if (err) throw new Error(`webhook_settle: ${err.message}`);
		if (ok) stats.delivered++;
		else if (wait !== null) stats.retried++;
		else {
			stats.failed++;
			log(`${d.delivery_id} to ${shown(d.url)} given up after ${d.attempts} attempts (${error})`);
		}
	}

	async function round(): Promise<number> {
		const { data, error } = await opts.client.rpc('webhook_claim', {
			max_rows: opts.batch ?? 20,
			lease_s: opts.leaseS ?? 60
		});
		if (error) throw new Error(`webhook_claim: ${error.message}`);
		const rows = (Array.isArray(data) ? data : []) as Claimed[];
		// One webhook's deliveries in order; webhooks side by side (a slow receiver holds up only
		// its own). One stopped mid-round is leased, and due again after leaseS.
		const byHook = new Map<string, Claimed[]>();
		for (const d of rows) byHook.set(d.webhook_id, [...(byHook.get(d.webhook_id) ?? []), d]);
		await Promise.all(
			[...byHook.values()].map(async (list) => {
				for (const d of list) {
					if (stopped) break;
					await deliver(d);
				}
			})
		);
		return rows.length;
	}

	function schedule(ms: number) {
		if (stopped) return;
		timer = setTimeout(() => {
			timer = null;
			running = round()
				.then((n) => schedule(n ? 0 : pollMs))
				.catch((e) => {
					stats.errors++;
					log(`round failed: ${(e as Error).message}`);
					schedule(Math.max(pollMs, 5000));
				})
				.finally(() => {
					running = null;
				});
		}, ms);
	}
	schedule(0);

	return {
		stats,
		async stop() {
			stopped = true;
			if (timer) clearTimeout(timer);
			timer = null;
			await running;
		}
	};
}
