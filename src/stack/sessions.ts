/**
 * Ended sessions of the embedded auth (src/stack/auth.ts), in memory, so that a logged-out access
 * token stops working at once on RPC (rest.ts) and Realtime (realtime.ts) instead of at its
 * expiry. Access tokens carry `session_id`; a session's id is a random UUID, so one set serves
 * every stack in the process. An entry is kept only while a token of that session can still be
 * valid: until the session ended plus the access-token lifetime (then every such token has
 * expired). At start the stack loads the sessions that ended within that time from
 * uitkijk_stack.sessions.ended_at.
 */
import type { Claims } from './jwt';

/** session id -> epoch ms after which no token of that session can be valid. */
const revoked = new Map<string, number>();
const listeners = new Set<(sessionId: string) => void>();
let nextPrune = 0;

function prune(now: number) {
	if (now < nextPrune) return;
	nextPrune = now + 60_000;
	for (const [id, until] of revoked) if (until <= now) revoked.delete(id);
}

/** Marks sessions ended; tokens carrying them are refused until `untilMs`. */
export function revokeSessions(ids: Iterable<string>, untilMs: number): void {
	const now = Date.now();
	prune(now);
	for (const id of ids) {
		if (typeof id !== 'string' || !id) continue;
		revoked.set(id, Math.max(untilMs, revoked.get(id) ?? 0));
		for (const l of listeners) {
			try {
				l(id);
			} catch {
				// a listener's failure must not stop the others
			}
		}
	}
}

/** Whether the token's session has ended (logout, refresh-token reuse, user removed). */
export function isSessionRevoked(claims: Claims): boolean {
	const id = claims.session_id;
	if (typeof id !== 'string') return false;
	const until = revoked.get(id);
	if (until === undefined) return false;
	if (until <= Date.now()) {
		revoked.delete(id);
		return false;
	}
	return true;
}

/** Called with each session id as it ends (Realtime closes the channels joined with it). */
export function onSessionRevoked(listener: (sessionId: string) => void): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}

/** For tests and figures: how many ended sessions are held. */
export function revokedSessionCount(): number {
	prune(Date.now());
	return revoked.size;
}
