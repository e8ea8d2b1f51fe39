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
	// Authors post many times: a bounded cache saves most HMACs (about 5 µs each) on a busy
	// stream or an import. Cleared when full, so memory stays bounded.
	const cache = new Map<string, string>();
	return (source, handle) => {
		const k = `${source}:${handle}`;
		let v = cache.get(k);
		if (v === undefined) {
			v = createHmac('sha256', key).update(k).digest('hex').slice(0, 32);
			if (cache.size >= 200_000) cache.clear();
			cache.set(k, v);
		}
		return v;
	};
}
