/**
 * Incident webhooks, the pure parts: the signing secret, the signature header and its check,
 * and the retry schedule (exponential backoff with a cap). No I/O; the worker is
 * src/stack/webhook-worker.ts.
 *
 * Signature: `X-Uitkijk-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`,
 * as Stripe signs (a receiver checks the time too, to refuse replays of an old request).
 * The secret of a webhook is derived: HMAC-SHA256(master key, "uitkijk-webhook:" + id + ":" + nonce)
 * in hex, so the database holds only the nonce, and the master key lives outside it
 * (UITKIJK_WEBHOOK_KEY, or webhook.key in the data directory).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-uitkijk-signature';
export const DELIVERY_HEADER = 'x-uitkijk-delivery';
export const EVENT_HEADER = 'x-uitkijk-event';

/** The signing secret of one webhook (64 hex characters). */
export function webhookSecret(masterKey: string, id: string, nonce: string): string {
	if (!masterKey) throw new Error('webhook master key is empty');
	return createHmac('sha256', masterKey).update(`uitkijk-webhook:${id}:${nonce}`).digest('hex');
}

/** The value of the signature header for `body` sent at `unixSeconds`. */
export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
	const t = Math.floor(unixSeconds);
	const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
	return `t=${t},v1=${v1}`;
}

export type VerifyResult = { ok: true; t: number } | { ok: false; reason: string };

/**
 * Checks a signature header against the raw body: well formed, a v1 that matches (in constant
 * time), and a timestamp within `toleranceS` of `nowS` (default 300 s).
 */
export function verifySignature(
	secret: string,
	body: string,
	header: string | null | undefined,
	nowS: number,
	toleranceS = 300
): VerifyResult {
	if (!header) return { ok: false, reason: 'missing signature' };
	let t = NaN;
	const v1s: string[] = [];
	for (const part of header.split(',')) {
		const eq = part.indexOf('=');
		if (eq < 0) continue;
		const k = part.slice(0, eq).trim();
		const v = part.slice(eq + 1).trim();
		if (k === 't' && /^\d{1,12}$/.test(v)) t = Number(v);
		else if (k === 'v1' && /^[0-9a-f]{64}$/.test(v)) v1s.push(v);
	}
	if (!Number.isFinite(t) || !v1s.length) return { ok: false, reason: 'malformed signature' };
	if (Math.abs(nowS - t) > toleranceS) return { ok: false, reason: 'timestamp out of tolerance' };
	const want = Buffer.from(signatureHeader(secret, body, t).split('v1=')[1], 'hex');
	for (const v of v1s) {
		if (timingSafeEqual(want, Buffer.from(v, 'hex'))) return { ok: true, t };
	}
	return { ok: false, reason: 'signature mismatch' };
}

export interface BackoffOptions {
	/** Delay after the first failed attempt (ms; default 2000). */
	baseMs?: number;
	/** The longest delay (ms; default 10 minutes). */
	capMs?: number;
	/** Attempts in all before a delivery is given up (default 12). */
	maxAttempts?: number;
	/** 0..1: the share of the delay drawn at random (default 0.2); random() is injectable. */
	jitter?: number;
	random?: () => number;
}

/**
 * The delay before the next attempt after `attempts` failed ones (1 = the first failed), or null
 * when the attempts are spent: base * 2^(attempts-1), at most the cap, less up to `jitter` of it.
 */
export function backoffMs(attempts: number, opts: BackoffOptions = {}): number | null {
	const base = opts.baseMs ?? 2000;
	const cap = opts.capMs ?? 600_000;
	const max = opts.maxAttempts ?? 12;
	if (!(attempts >= 1) || attempts >= max) return null;
	const raw = Math.min(cap, base * 2 ** Math.min(attempts - 1, 40));
	const jitter = Math.min(Math.max(opts.jitter ?? 0.2, 0), 1);
	const r = (opts.random ?? Math.random)();
	return Math.round(raw * (1 - jitter * r));
}

/** Whether an HTTP answer is worth retrying: network errors, 408, 429 and 5xx. Other 4xx are not. */
export function retryable(status: number | null): boolean {
	return status === null || status === 408 || status === 429 || status >= 500;
}
