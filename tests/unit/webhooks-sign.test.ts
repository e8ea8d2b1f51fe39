/** Incident webhooks, the pure parts (src/lib/webhooks/sign.ts, events.ts): signing, the check a
 * receiver runs, the derived secret, the retry schedule, and the role scope. */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	backoffMs,
	retryable,
	signatureHeader,
	verifySignature,
	webhookSecret
} from '../../src/lib/webhooks/sign';
import { incidentEvent, roleInScope, roleScopeError } from '../../src/lib/webhooks/events';

const body = '{"id":"inc-a:created","change":"created"}';

describe('webhook signatures', () => {
	it('signs HMAC-SHA256 over timestamp "." body, as a receiver recomputes it', () => {
		const h = signatureHeader('s3cret', body, 1_700_000_000.9);
		const v1 = createHmac('sha256', 's3cret').update(`1700000000.${body}`).digest('hex');
		expect(h).toBe(`t=1700000000,v1=${v1}`);
		expect(verifySignature('s3cret', body, h, 1_700_000_010)).toEqual({
			ok: true,
			t: 1_700_000_000
		});
	});

	it('refuses a changed body, another secret, an old timestamp and malformed headers', () => {
		const h = signatureHeader('s3cret', body, 1_700_000_000);
		expect(verifySignature('s3cret', body + ' ', h, 1_700_000_000)).toMatchObject({
			ok: false,
			reason: 'signature mismatch'
		});
		expect(verifySignature('other', body, h, 1_700_000_000)).toMatchObject({ ok: false });
		expect(verifySignature('s3cret', body, h, 1_700_000_301)).toMatchObject({
			ok: false,
			reason: 'timestamp out of tolerance'
		});
		expect(verifySignature('s3cret', body, 'v1=abc', 1_700_000_000)).toMatchObject({
			ok: false,
			reason: 'malformed signature'
		});
		expect(verifySignature('s3cret', body, null, 1_700_000_000)).toMatchObject({
			ok: false,
			reason: 'missing signature'
		});
		// the timestamp is signed: moving it breaks the signature
		const moved = h.replace('t=1700000000', 't=1700000100');
		expect(verifySignature('s3cret', body, moved, 1_700_000_100)).toMatchObject({
			ok: false,
			reason: 'signature mismatch'
		});
	});

	it('derives a different secret per webhook id and nonce, and needs a master key', () => {
		const a = webhookSecret('k'.repeat(32), 'wh-aaaaaa', '0'.repeat(32));
		expect(a).toMatch(/^[0-9a-f]{64}$/);
		expect(webhookSecret('k'.repeat(32), 'wh-aaaaaa', '0'.repeat(32))).toBe(a);
		expect(webhookSecret('k'.repeat(32), 'wh-bbbbbb', '0'.repeat(32))).not.toBe(a);
		expect(webhookSecret('k'.repeat(32), 'wh-aaaaaa', '1'.repeat(32))).not.toBe(a);
		expect(webhookSecret('j'.repeat(32), 'wh-aaaaaa', '0'.repeat(32))).not.toBe(a);
		expect(() => webhookSecret('', 'wh-aaaaaa', '0'.repeat(32))).toThrow();
	});
});

describe('webhook retries', () => {
	const noJitter = { jitter: 0 };
	it('doubles from the base up to the cap, then gives up after maxAttempts', () => {
		const d = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((n) => backoffMs(n, noJitter));
		expect(d.slice(0, 4)).toEqual([2000, 4000, 8000, 16000]);
		expect(d[9]).toBe(600_000);
		expect(d[10]).toBe(600_000);
		expect(backoffMs(12, noJitter)).toBeNull();
		expect(backoffMs(3, { baseMs: 10, capMs: 25, maxAttempts: 5, jitter: 0 })).toBe(25);
		expect(backoffMs(5, { baseMs: 10, capMs: 25, maxAttempts: 5 })).toBeNull();
		expect(backoffMs(0)).toBeNull();
	});
	it('jitter shortens the delay by at most its share', () => {
		expect(backoffMs(2, { jitter: 0.5, random: () => 1 })).toBe(2000);
		expect(backoffMs(2, { jitter: 0.5, random: () => 0 })).toBe(4000);
	});
	it('retries network errors, 408, 429 and 5xx, not other answers', () => {
		expect([null, 408, 429, 500, 503].map(retryable)).toEqual([true, true, true, true, true]);
		expect([400, 401, 404, 410, 301].map(retryable)).toEqual([false, false, false, false, false]);
	});
});

describe('incident events and role scope', () => {
	it('an event carries the change id, type and the incident', () => {
		expect(
			incidentEvent({
				id: 'inc-a:resolved',
				change: 'resolved',
				incident_id: 'inc-a',
				at: 't',
				payload: { id: 'inc-a' }
			})
		).toEqual({
			id: 'inc-a:resolved',
			type: 'incident.resolved',
			change: 'resolved',
			incident_id: 'inc-a',
			at: 't',
			incident: { id: 'inc-a' }
		});
	});
	it('maps roles as private.scope() does', () => {
		const row = { unit_id: 'U1', municipality_code: 'GM1' };
		const none = { unit_id: null, municipality_code: null };
		expect(roleInScope({ role: 'commander', unit: 'U1' }, row)).toBe(true);
		expect(roleInScope({ role: 'commander', unit: 'U2' }, row)).toBe(false);
		expect(roleInScope({ role: 'commander', unit: 'U1' }, none)).toBe(false);
		expect(roleInScope({ role: 'analyst', unit: 'U2' }, none)).toBe(true);
		expect(roleInScope({ role: 'analyst', unit: 'U2' }, row)).toBe(false);
		expect(roleInScope({ role: 'mayor', municipality: 'GM1' }, row)).toBe(true);
		expect(roleInScope({ role: 'mayor', municipality: 'GM2' }, row)).toBe(false);
		expect(roleInScope({ role: 'planner' }, none)).toBe(true);
		expect(roleScopeError({ role: 'commander' })).toMatch(/--unit/);
		expect(roleScopeError({ role: 'mayor' })).toMatch(/--municipality/);
		expect(roleScopeError({ role: 'admin' })).toMatch(/one of/);
		expect(roleScopeError({ unit: 'U1' })).toMatch(/need --role/);
		expect(roleScopeError({})).toBeNull();
	});
});
