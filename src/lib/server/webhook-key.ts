/**
 * The master key incident webhook secrets are derived from (src/lib/webhooks/sign.ts):
 * UITKIJK_WEBHOOK_KEY (at least 32 characters) when set, else `webhook.key` in the data directory,
 * made on first use (32 random bytes, hex, mode 0600). The database never holds it, so a copy of
 * the database alone cannot sign as Uitkijk. Never log it.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function webhookMasterKey(env: NodeJS.ProcessEnv, dataDir?: string | null): string {
	const fromEnv = env.UITKIJK_WEBHOOK_KEY?.trim();
	if (fromEnv) {
		if (fromEnv.length < 32) throw new Error('UITKIJK_WEBHOOK_KEY must be at least 32 characters');
		return fromEnv;
	}
	if (!dataDir) throw new Error('no webhook key: set UITKIJK_WEBHOOK_KEY (at least 32 characters)');
	const file = join(dataDir, 'webhook.key');
	if (existsSync(file)) {
		const key = readFileSync(file, 'utf8').trim();
		if (key.length >= 32) return key;
		throw new Error(`${file} holds no usable key (at least 32 characters)`);
	}
	mkdirSync(dataDir, { recursive: true });
	const key = randomBytes(32).toString('hex');
	writeFileSync(file, key + '\n', { mode: 0o600, flag: 'wx' });
	return key;
}
