/**
 * Pseudonyms for authors: HMAC-SHA-256 of "source:handle" under the deployment's key, 32 hex
 * characters (128 bits). The key comes from configuration (the local stack generates one into its
 * data directory); without it a pseudonym cannot be linked back to a handle.
 */
import { createHmac } from 'node:crypto';
import type { Pseudonymise } from '../ingest/rows';

export function hmacPseudonymiser(keyHex: string): Pseudonymise {
	if (!/^[0-9a-f]{64}$/i.test(keyHex)) {
		throw new Error('pseudonym key: expected 64 hex characters (32 bytes)');
	}
	const key = Buffer.from(keyHex, 'hex');
	return (source, handle) =>
		createHmac('sha256', key).update(`${source}:${handle}`).digest('hex').slice(0, 32);
}
