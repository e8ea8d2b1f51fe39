/**
 * The daily retention run of the embedded server (docs/privacy.md): calls
 * `apply_retention(dry_run => false)` with the service role a few minutes after start and then
 * once a day, and logs one line per run. `UITKIJK_RETENTION=off` leaves it out (scripts/server.ts).
 * Against a Supabase project the same run is `npx uitkijk retention`, from a scheduler.
 */

/** One row of `apply_retention` (supabase/migrations/20261207000050_retention.sql). */
export interface RetentionRow {
	data_class: string;
	period: string | null;
	/** 'stream' while a scenario plays (posts and handles age on its clock), else 'wall'. */
	clock: string;
	cutoff: string | null;
	partitions_dropped: number;
	rows_removed: number;
	rows_held: number;
	detail: string;
}

/** The rows of an `apply_retention` answer; throws when it is not that. */
export function parseRetentionRows(data: unknown): RetentionRow[] {
	if (!Array.isArray(data)) throw new Error('apply_retention: expected an array of rows');
	return data.map((r: Record<string, unknown>, i) => {
		const num = (k: string) => {
			const v = Number(r?.[k] ?? 0);
			if (!Number.isFinite(v)) throw new Error(`apply_retention row ${i}: ${k} is not a number`);
			return v;
		};
		if (typeof r?.data_class !== 'string')
			throw new Error(`apply_retention row ${i}: no data_class`);
		return {
			data_class: r.data_class,
			period: typeof r.period === 'string' ? r.period : null,
			clock: typeof r.clock === 'string' ? r.clock : 'wall',
			cutoff: typeof r.cutoff === 'string' ? r.cutoff : null,
			partitions_dropped: num('partitions_dropped'),
			rows_removed: num('rows_removed'),
			rows_held: num('rows_held'),
			detail: typeof r.detail === 'string' ? r.detail : ''
		};
	});
}

const LABEL: Record<string, string> = {
	posts: 'posts',
	handles: 'handles',
	dead_letters: 'dead letters',
	audit: 'audit',
	read_audit: 'read audit'
};

/** One line for the server log. */
export function summariseRetention(rows: RetentionRow[], dryRun = false): string {
	const parts = rows.map((r) => {
		const what = `${LABEL[r.data_class] ?? r.data_class} ${r.rows_removed}`;
		return r.data_class === 'posts' ? `${what} (${r.partitions_dropped} months dropped)` : what;
	});
	const held = rows.reduce((n, r) => n + r.rows_held, 0);
	const posts = rows.find((r) => r.data_class === 'posts');
	const clock = posts?.clock === 'stream' ? '; posts age on the stream clock' : '';
	return `retention${dryRun ? ' (dry run)' : ''}: ${dryRun ? 'would remove' : 'removed'} ${parts.join(', ')}; held ${held}${clock}`;
}

/** What the worker needs of a supabase-js client. */
export interface RpcClient {
	rpc(
		fn: string,
		args?: Record<string, unknown>
	): PromiseLike<{ data: unknown; error: { message: string } | null }>;
}

export interface RetentionWorkerOptions {
	client: RpcClient;
	/** Wall ms before the first run (default 5 minutes: the server is busy starting before). */
	firstDelayMs?: number;
	/** Wall ms between runs (default 24 hours). */
	everyMs?: number;
	log?: (msg: string) => void;
	timers?: {
		setTimeout(fn: () => void, ms: number): unknown;
		clearTimeout(handle: unknown): void;
	};
}

export interface RetentionWorker {
	/** Run once now (also what the timer does); resolves with the rows, or rejects. */
	runNow(): Promise<RetentionRow[]>;
	stop(): Promise<void>;
	readonly stats: { runs: number; errors: number };
}

export function startRetentionWorker(opts: RetentionWorkerOptions): RetentionWorker {
	const log = opts.log ?? ((m: string) => console.error(m));
	const timers = opts.timers ?? {
		setTimeout: (fn: () => void, ms: number) => {
			const t = globalThis.setTimeout(fn, ms);
			t.unref?.();
			return t;
		},
		clearTimeout: (h: unknown) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>)
	};
	const everyMs = opts.everyMs ?? 24 * 3_600_000;
	const stats = { runs: 0, errors: 0 };
	let timer: unknown = null;
	let stopped = false;
	let running: Promise<unknown> = Promise.resolve();

	async function run(): Promise<RetentionRow[]> {
		const t0 = performance.now();
		const { data, error } = await opts.client.rpc('apply_retention', { dry_run: false });
		if (error) throw new Error(`apply_retention: ${error.message}`);
		const rows = parseRetentionRows(data);
		stats.runs++;
		log(`${summariseRetention(rows)} (${Math.round(performance.now() - t0)} ms)`);
		return rows;
	}

	function schedule(ms: number) {
		if (stopped) return;
		timer = timers.setTimeout(() => {
			timer = null;
			running = run()
				.catch((err) => {
					stats.errors++;
					log(
						`retention failed, next try in ${Math.round(everyMs / 3_600_000)} h: ${(err as Error).message}`
					);
				})
				.finally(() => schedule(everyMs));
		}, ms);
	}
	schedule(opts.firstDelayMs ?? 5 * 60_000);

	return {
		runNow: () => {
			const p = run();
			running = p.catch(() => {});
			return p;
		},
		async stop() {
			stopped = true;
			if (timer !== null) timers.clearTimeout(timer);
			timer = null;
			await running;
		},
		stats
	};
}
