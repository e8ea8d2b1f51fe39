/**
 * `uitkijk api-key create NAME [--source S] [--requests-per-min N] [--posts-per-min N]` and
 * `uitkijk api-key revoke NAME`: keys of POST /api/ingest. A new key is printed once on stdout;
 * only its SHA-256 is stored. Same targets as `uitkijk import` (src/cli/target.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { SOURCES } from '../lib/posts/post';
import type { SimulateIo } from './simulate';
import { openTarget, type Target } from './target';

const USAGE = `usage: uitkijk api-key create NAME [--source S] [--requests-per-min N] [--posts-per-min N]
       uitkijk api-key revoke NAME
       [--db-url URL] (else SUPABASE_URL + SUPABASE_SERVICE_ROLE_KEY, else the embedded server)

  create   makes a key for one sending system and prints it once on stdout; only its SHA-256
           is stored. --source binds it to one source (${SOURCES.join(', ')}).
           Limits default to 120 requests and 200,000 posts per minute.
  revoke   the key stops working within 10 s (the API caches lookups that long).

Send posts with:  curl -H "Authorization: Bearer KEY" -H "content-type: application/x-ndjson" \\
                       --data-binary @posts.ndjson http://127.0.0.1:3000/api/ingest
`;

export async function apiKey(argv: string[], io: SimulateIo): Promise<number> {
	let values;
	let pos: string[];
	try {
		({ values, positionals: pos } = parseArgs({
			args: argv,
			allowPositionals: true,
			options: {
				source: { type: 'string' },
				'requests-per-min': { type: 'string' },
				'posts-per-min': { type: 'string' },
				'db-url': { type: 'string' },
				help: { type: 'boolean' }
			}
		}));
	} catch (err) {
		io.stderr.write(`uitkijk api-key: ${(err as Error).message}\n\n${USAGE}`);
		return 2;
	}
	if (values.help) {
		io.stdout.write(USAGE);
		return 0;
	}
	const [verb, name] = pos;
	if ((verb !== 'create' && verb !== 'revoke') || !name || pos.length !== 2) {
		io.stderr.write(USAGE);
		return 2;
	}
	if (!/^[A-Za-z0-9._-]{1,64}$/.test(name)) {
		io.stderr.write('uitkijk api-key: NAME: 1-64 letters, digits, dot, dash or underscore\n');
		return 2;
	}
	if (values.source !== undefined && !(SOURCES as readonly string[]).includes(values.source)) {
		io.stderr.write(`uitkijk api-key: --source must be one of ${SOURCES.join(', ')}\n`);
		return 2;
	}
	const num = (v: string | undefined, d: number) => (v === undefined ? d : Number(v));
	const rpm = num(values['requests-per-min'], 120);
	const ppm = num(values['posts-per-min'], 200_000);
	if (![rpm, ppm].every((n) => Number.isInteger(n) && n > 0)) {
		io.stderr.write('uitkijk api-key: limits must be positive integers\n');
		return 2;
	}
	let target: Target;
	try {
		target = await openTarget(values['db-url'], io.env);
	} catch (e) {
		io.stderr.write(`uitkijk api-key: ${(e as Error).message}\n`);
		return 2;
	}
	try {
		if (verb === 'create') {
			const key = `uk_${randomBytes(32).toString('base64url')}`;
			await target.rpc('create_api_key', {
				key_name: name,
				key_hash: createHash('sha256').update(key).digest('hex'),
				only_source: values.source ?? null,
				requests_per_min: rpm,
				posts_per_min: ppm
			});
			io.stdout.write(`${key}\n`);
			io.stderr.write(
				`api-key: ${name} created in ${target.describe}${values.source ? ` for source ${values.source}` : ''}; the key is shown only now\n`
			);
		} else {
			const ok = await target.rpc('revoke_api_key', { key_name: name });
			const found = Array.isArray(ok) ? ok[0] : ok;
			if (
				found === false ||
				(typeof found === 'object' && found && Object.values(found)[0] === false)
			) {
				io.stderr.write(`uitkijk api-key: no key named ${name}\n`);
				return 1;
			}
			io.stderr.write(`api-key: ${name} revoked\n`);
		}
		return 0;
	} catch (e) {
		io.stderr.write(`uitkijk api-key: ${(e as Error).message}\n`);
		return 2;
	} finally {
		await target.close();
	}
}
