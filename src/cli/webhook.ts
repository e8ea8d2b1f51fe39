/**
 * Incidents beyond the map (issue 13):
 *
 *   uitkijk webhook add --url URL --role ROLE [--unit ID | --municipality CODE]
 *                       [--min-severity info|warning|critical] [--label TEXT]
 *   uitkijk webhook list
 *   uitkijk webhook remove ID
 *   uitkijk webhook-worker            deliver the outbox until interrupted
 *   uitkijk incidents [--follow] [--role ROLE [--unit ID | --municipality CODE]]
 *
 * All take [--db-url URL] and otherwise write to the same targets as `uitkijk import`
 * (SUPABASE_URL + SUPABASE_SERVICE_ROLE_KEY, else the embedded server of `npm start`), with the
 * service role. Webhook secrets are derived from UITKIJK_WEBHOOK_KEY, or for the embedded server
 * from $UITKIJK_DATA/webhook.key (src/lib/server/webhook-key.ts); `webhook add` prints the secret
 * once, on stdout, and nothing else ever shows it.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { webhookMasterKey } from '../lib/server/webhook-key.ts';
import {
	incidentEvent,
	roleInScope,
	roleScopeError,
	type IncidentChangeRow,
	type RoleScope
} from '../lib/webhooks/events.ts';
import { webhookSecret } from '../lib/webhooks/sign.ts';
import type { SimulateIo } from './simulate';
import { openTarget, type Target } from './target';

export const WEBHOOK_USAGE = `usage: uitkijk webhook add --url URL --role ROLE [--unit ID | --municipality CODE]
                           [--min-severity info|warning|critical] [--label TEXT] [--db-url URL]
       uitkijk webhook list [--db-url URL]
       uitkijk webhook remove ID [--db-url URL]
       uitkijk webhook-worker [--db-url URL]

A webhook receives the incidents in the scope of a role (analyst or commander: --unit; mayor:
--municipality; prosecutor, planner: all) at or above its minimum severity (default warning), on
each change: created, escalated-warning, escalated-critical, acknowledged, resolved, false_alarm.
POST, JSON body {id, type, change, incident_id, at, incident}, headers X-Uitkijk-Delivery (= id,
incident id:change: drop repeats by it), X-Uitkijk-Event, and X-Uitkijk-Signature: t=UNIX,v1=HEX
with HEX = HMAC-SHA256(secret, UNIX + "." + raw body). A 2xx answer delivers it (never sent
again); a network error, 408, 429 or 5xx is retried with exponential backoff (2 s doubling, at
most 10 min, 12 attempts); another answer gives it up.

\`webhook add\` prints the webhook with its secret, once. Secrets are derived from
UITKIJK_WEBHOOK_KEY (at least 32 characters; needed with SUPABASE_URL or --db-url), or for the
embedded server from $UITKIJK_DATA/webhook.key; the worker must use the same key.
The embedded server (npm start) runs the worker itself (UITKIJK_WEBHOOKS=off leaves it out).
`;

export const INCIDENTS_USAGE = `usage: uitkijk incidents [--follow] [--role ROLE [--unit ID | --municipality CODE]] [--db-url URL]

Without --follow: the current incidents (open, acknowledged, closed in the last 24 h) as NDJSON,
one IncidentRow a line. With --follow: each incident change from now on as one NDJSON line, the
same events the webhooks get ({id, type, change, incident_id, at, incident}), until interrupted.
--role narrows them to the scope of that role (analyst or commander: --unit; mayor:
--municipality). --poll-ms N: how often to look for changes (default 1000).
`;

const SEVERITIES = ['info', 'warning', 'critical'];

/** The target, for commands that use only rpc() (no pseudonym key needed). */
async function open(dbUrl: string | undefined, env: NodeJS.ProcessEnv): Promise<Target> {
	if (dbUrl !== undefined && !/^postgres(ql)?:\/\//.test(dbUrl))
		throw new Error(`--db-url must be a postgresql:// URL`);
	// openTarget asks for the pseudonym key for ingest; these commands never pseudonymise.
	return openTarget(dbUrl, {
		...env,
		UITKIJK_PSEUDONYM_KEY: env.UITKIJK_PSEUDONYM_KEY ?? '0'.repeat(64)
	});
}

/** The master key: UITKIJK_WEBHOOK_KEY, or the embedded server's data directory. */
function masterKey(dbUrl: string | undefined, env: NodeJS.ProcessEnv): string {
	const embedded = !dbUrl && !(env.SUPABASE_URL && env.SUPABASE_SERVICE_ROLE_KEY);
	return webhookMasterKey(env, embedded ? resolve(env.UITKIJK_DATA ?? '.uitkijk-data') : null);
}

const line = (v: unknown) => JSON.stringify(v) + '\n';

export async function webhook(argv: string[], io: SimulateIo): Promise<number> {
	const [sub, ...rest] = argv;
	let values: Record<string, string | boolean | undefined>;
	let positionals: string[];
	try {
		({ values, positionals } = parseArgs({
			args: rest,
			options: {
				url: { type: 'string' },
				role: { type: 'string' },
				unit: { type: 'string' },
				municipality: { type: 'string' },
				'min-severity': { type: 'string' },
				label: { type: 'string' },
				'db-url': { type: 'string' },
				help: { type: 'boolean', short: 'h' }
			},
			allowPositionals: true,
			strict: true
		}));
	} catch (e) {
		io.stderr.write(`uitkijk webhook: ${(e as Error).message}\n\n${WEBHOOK_USAGE}`);
		return 2;
	}
	if (values.help || sub === '--help' || sub === '-h' || sub === 'help') {
		io.stdout.write(WEBHOOK_USAGE);
		return 0;
	}
	const usage = (msg: string) => {
		io.stderr.write(`uitkijk webhook: ${msg}\n\n${WEBHOOK_USAGE}`);
		return 2;
	};
	const dbUrl = values['db-url'] as string | undefined;
	let args: Record<string, unknown> = {};
	if (sub === 'add') {
		const url = values.url as string | undefined;
		if (!url) return usage('add needs --url');
		try {
			const u = new URL(url);
			if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
		} catch {
			return usage('--url must be an http:// or https:// URL');
		}
		const scopeErr = roleScopeError({
			role: (values.role as string) ?? '',
			unit: values.unit as string,
			municipality: values.municipality as string
		});
		if (!values.role || scopeErr) return usage(scopeErr ?? 'add needs --role');
		const min = (values['min-severity'] as string) ?? 'warning';
		if (!SEVERITIES.includes(min))
			return usage(`--min-severity must be one of ${SEVERITIES.join(', ')}`);
		args = {
			url,
			role: values.role,
			min_severity: min,
			unit_id: values.unit ?? null,
			municipality_code: values.municipality ?? null,
			label: values.label ?? null
		};
	} else if (sub === 'remove') {
		if (positionals.length !== 1) return usage('remove needs one webhook id');
		args = { id: positionals[0] };
	} else if (sub !== 'list') {
		return usage(sub ? `unknown subcommand '${sub}'` : 'add, list or remove?');
	}
	let key = '';
	if (sub === 'add') {
		try {
			key = masterKey(dbUrl, io.env);
		} catch (e) {
			return usage((e as Error).message);
		}
	}
	let target: Target;
	try {
		target = await open(dbUrl, io.env);
	} catch (e) {
		io.stderr.write(`uitkijk webhook: ${(e as Error).message}\n`);
		return 2;
	}
	try {
		if (sub === 'add') {
			const rows = (await target.rpc('webhook_add', args)) as Record<string, unknown>[];
			const w = rows[0];
			if (!w || typeof w.id !== 'string' || typeof w.nonce !== 'string')
				throw new Error('webhook_add returned no webhook');
			const { nonce: _nonce, ...shown } = w;
			io.stdout.write(line({ ...shown, secret: webhookSecret(key, w.id, w.nonce) }));
			io.stderr.write(
				`webhook ${w.id} added; keep its secret: it is not shown again (deliveries are signed with it)\n`
			);
		} else if (sub === 'list') {
			for (const w of (await target.rpc('webhook_list', {})) as unknown[]) io.stdout.write(line(w));
		} else {
			const n = Number(await target.rpc('webhook_remove', args));
			if (!n) {
				io.stderr.write(`uitkijk webhook: no webhook ${positionals[0]}\n`);
				return 1;
			}
			io.stderr.write(`webhook ${positionals[0]} removed\n`);
		}
		return 0;
	} catch (e) {
		io.stderr.write(`uitkijk webhook: ${(e as Error).message}\n`);
		return 1;
	} finally {
		await target.close();
	}
}

/** A Target as the worker's RpcClient ({data, error}). */
function rpcClient(t: Target) {
	return {
		async rpc(fn: string, args: Record<string, unknown> = {}) {
			try {
				return { data: await t.rpc(fn, args), error: null };
			} catch (e) {
				return { data: null, error: { message: (e as Error).message } };
			}
		}
	};
}

function untilInterrupted(): Promise<void> {
	return new Promise<void>((res) => {
		process.once('SIGINT', () => res());
		process.once('SIGTERM', () => res());
	});
}

export async function webhookWorkerCommand(
	argv: string[],
	io: SimulateIo,
	stop: Promise<void> = untilInterrupted()
): Promise<number> {
	let dbUrl: string | undefined;
	try {
		const { values } = parseArgs({
			args: argv,
			options: { 'db-url': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
			strict: true
		});
		if (values.help) {
			io.stdout.write(WEBHOOK_USAGE);
			return 0;
		}
		dbUrl = values['db-url'];
	} catch (e) {
		io.stderr.write(`uitkijk webhook-worker: ${(e as Error).message}\n\n${WEBHOOK_USAGE}`);
		return 2;
	}
	let target: Target;
	let key: string;
	try {
		key = masterKey(dbUrl, io.env);
		target = await open(dbUrl, io.env);
	} catch (e) {
		io.stderr.write(`uitkijk webhook-worker: ${(e as Error).message}\n`);
		return 2;
	}
	const { startWebhookWorker } = await import('../stack/webhook-worker.ts');
	const worker = startWebhookWorker({
		client: rpcClient(target),
		masterKey: key,
		log: (m) => io.stderr.write(`webhook-worker: ${m}\n`)
	});
	io.stderr.write(`webhook-worker: delivering from ${target.describe}\n`);
	await stop;
	await worker.stop();
	await target.close();
	const s = worker.stats;
	io.stderr.write(
		`webhook-worker: stopped; ${s.delivered} delivered, ${s.retried} to retry, ${s.failed} given up, ${s.errors} failed rounds\n`
	);
	return 0;
}

export async function incidents(
	argv: string[],
	io: SimulateIo,
	stop: Promise<void> = untilInterrupted()
): Promise<number> {
	let values;
	try {
		({ values } = parseArgs({
			args: argv,
			options: {
				follow: { type: 'boolean', short: 'f' },
				role: { type: 'string' },
				unit: { type: 'string' },
				municipality: { type: 'string' },
				'poll-ms': { type: 'string' },
				'db-url': { type: 'string' },
				help: { type: 'boolean', short: 'h' }
			},
			strict: true
		}));
	} catch (e) {
		io.stderr.write(`uitkijk incidents: ${(e as Error).message}\n\n${INCIDENTS_USAGE}`);
		return 2;
	}
	if (values.help) {
		io.stdout.write(INCIDENTS_USAGE);
		return 0;
	}
	const err = roleScopeError(values);
	const pollMs = values['poll-ms'] === undefined ? 1000 : Number(values['poll-ms']);
	if (err || !(pollMs >= 50 && pollMs <= 600_000)) {
		io.stderr.write(
			`uitkijk incidents: ${err ?? '--poll-ms must be 50-600000'}\n\n${INCIDENTS_USAGE}`
		);
		return 2;
	}
	const scope: RoleScope | null = values.role
		? ({ role: values.role, unit: values.unit, municipality: values.municipality } as RoleScope)
		: null;
	let target: Target;
	try {
		target = await open(values['db-url'], io.env);
	} catch (e) {
		io.stderr.write(`uitkijk incidents: ${(e as Error).message}\n`);
		return 2;
	}
	try {
		if (!values.follow) {
			const rows = (await target.rpc('open_incidents', {})) as Record<string, unknown>[];
			for (const r of rows) {
				if (!scope || roleInScope(scope, r as never)) io.stdout.write(line(r));
			}
			return 0;
		}
		let after = Number(await target.rpc('incident_changes_head', {}));
		let stopped = false;
		void stop.then(() => (stopped = true));
		while (!stopped) {
			const rows = (await target.rpc('incident_changes_since', {
				after_seq: after,
				role: scope?.role ?? null,
				unit_id: scope?.unit ?? null,
				municipality_code: scope?.municipality ?? null,
				max_rows: 500
			})) as (IncidentChangeRow & { seq: number })[];
			for (const r of rows) {
				io.stdout.write(line(incidentEvent(r)));
				after = Math.max(after, Number(r.seq));
			}
			if (rows.length < 500)
				await Promise.race([stop, new Promise((res) => setTimeout(res, pollMs))]);
		}
		return 0;
	} catch (e) {
		io.stderr.write(`uitkijk incidents: ${(e as Error).message}\n`);
		return 1;
	} finally {
		await target.close();
	}
}
