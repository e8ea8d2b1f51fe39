/**
 * The embedded database on its own thread. PGlite runs in a worker thread (pglite-worker.mjs);
 * this is the handle the stack uses instead of a PGlite instance: query, exec, transaction,
 * listen and close, with the same result shapes.
 *
 * Why a thread: PGlite executes a statement synchronously. In the server's own thread a slow
 * statement stopped every HTTP request and WebSocket frame until it finished, and PostgreSQL's
 * `statement_timeout` does nothing in PGlite (it has no timer interrupts). Here the server's
 * thread stays free, and a watchdog pings the database thread: when it has not answered for
 * `statementTimeoutMs` (a statement has run that long), the thread is ended, every call in flight
 * fails with SQLSTATE 57014 (query_canceled), and the database is opened again from its files
 * (PostgreSQL's crash recovery), with the notification channels listened to again.
 */
import { Worker } from 'node:worker_threads';

export interface DbResult<T> {
	rows: T[];
	fields: { name: string; dataTypeID: number }[];
	affectedRows?: number;
}

export interface DbTx {
	query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<DbResult<T>>;
	exec(sql: string): Promise<DbResult<Record<string, unknown>>[]>;
}

export interface DbTransaction extends DbTx {
	/** Rolls the transaction back now; it then ends without a commit. */
	rollback(): Promise<void>;
}

export interface Db extends DbTx {
	transaction<T>(fn: (tx: DbTransaction) => Promise<T>): Promise<T>;
	listen(channel: string, cb: (payload: string) => void): Promise<() => Promise<void>>;
	close(): Promise<void>;
	/**
	 * Runs `fn` with the statement timeout suspended (migrations, loading boundaries, retention):
	 * work that is long by nature and that no outside request can start.
	 */
	withoutTimeout<T>(fn: () => Promise<T>): Promise<T>;
	/** Times the database thread was ended for a statement past the timeout, and restarted. */
	readonly restarts: number;
}

export interface DbThreadOptions {
	/** PGlite's data directory (pgdata). */
	dataDir: string;
	/** A statement running longer than this ends the thread (0: never). Default 30 s. */
	statementTimeoutMs?: number;
	log?: (msg: string) => void;
}

/** An error from the database, with PostgreSQL's fields (code, detail, hint, ...). */
export class DbError extends Error {
	code?: string;
	detail?: string;
	hint?: string;
	position?: string;
	where?: string;
	constraint?: string;
	constructor(fields: Record<string, string>) {
		super(fields.message);
		Object.assign(this, fields);
		this.name = 'DbError';
	}
}

type Pending = { resolve: (v: unknown) => void; reject: (e: unknown) => void };

const WORKER_URL = new URL('./pglite-worker.mjs', import.meta.url);
const PING_MS = 250;

export async function openDbThread(opts: DbThreadOptions): Promise<Db> {
	const log = opts.log ?? ((m: string) => console.error(m));
	const timeoutMs =
		opts.statementTimeoutMs ?? (Number(process.env.UITKIJK_STATEMENT_TIMEOUT_MS) || 30_000);
	let worker: Worker;
	let nextId = 1;
	const pending = new Map<number, Pending>();
	const listeners = new Map<string, Set<(payload: string) => void>>();
	let closed = false;
	let restarts = 0;
	/** While the thread is (re)opening, calls wait for this. */
	let ready: Promise<void>;
	let lastPong = performance.now();
	let watchdog: NodeJS.Timeout | null = null;
	let suspended = 0;

	function failAll(e: Error) {
		const all = [...pending.values()];
		pending.clear();
		for (const p of all) p.reject(e);
	}

	function spawn(): Promise<void> {
		worker = new Worker(WORKER_URL);
		worker.unref();
		worker.on('message', (m: Record<string, unknown>) => {
			if (m.t === 'pong') {
				lastPong = performance.now();
				return;
			}
			if (m.t === 'notify') {
				for (const cb of listeners.get(m.channel as string) ?? []) cb(m.payload as string);
				return;
			}
			const p = pending.get(m.id as number);
			if (!p) return;
			pending.delete(m.id as number);
			if (m.t === 'ok') p.resolve(m.v);
			else p.reject(new DbError(m.e as Record<string, string>));
		});
		worker.on('error', (e) => {
			log(`db: database thread failed: ${e.message}`);
			failAll(new DbError({ message: `database thread failed: ${e.message}`, code: '58000' }));
			if (!closed) void restart('the database thread failed');
		});
		return post<null>({ t: 'open', dataDir: opts.dataDir }, true).then(async () => {
			for (const channel of listeners.keys()) await post({ t: 'listen', channel }, true);
			lastPong = performance.now();
		});
	}

	function post<T>(msg: Record<string, unknown>, bypassReady = false): Promise<T> {
		if (closed && msg.t !== 'close') {
			return Promise.reject(new DbError({ message: 'the database is closed', code: '57P01' }));
		}
		const send = () =>
			new Promise<T>((resolve, reject) => {
				const id = typeof msg.id === 'number' ? msg.id : nextId++;
				pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
				worker.postMessage({ ...msg, id });
			});
		return bypassReady ? send() : ready.then(send);
	}

	let restarting = false;
	async function restart(reason: string) {
		if (restarting || closed) return;
		restarting = true;
		restarts++;
		log(`db: ${reason}; ending the database thread and opening the database again`);
		const old = worker;
		// New calls wait for the new thread; the calls in flight on the old one fail.
		ready = (async () => {
			await old.terminate().catch(() => {});
			const t0 = performance.now();
			await spawn();
			log(`db: database open again in ${Math.round(performance.now() - t0)} ms`);
		})();
		failAll(
			new DbError({
				message: `canceling statement due to statement timeout (${timeoutMs} ms)`,
				code: '57014'
			})
		);
		await ready.catch((e) => log(`db: reopening failed: ${(e as Error).message}`));
		restarting = false;
	}

	function startWatchdog() {
		if (!timeoutMs) return;
		watchdog = setInterval(() => {
			if (restarting || closed) return;
			// Only calls in flight count: an idle thread that misses a pong is no statement.
			if (suspended > 0) lastPong = performance.now();
			else if (pending.size > 0 && performance.now() - lastPong > timeoutMs) {
				void restart(`a statement ran longer than ${timeoutMs} ms`);
				return;
			}
			if (pending.size === 0) lastPong = performance.now();
			worker.postMessage({ t: 'ping' });
		}, PING_MS);
		watchdog.unref();
	}

	ready = spawn();
	await ready;
	startWatchdog();

	const direct = (tx?: number): DbTx => ({
		query: <T>(sql: string, params?: unknown[]) =>
			post<DbResult<T>>({ t: 'q', sql, params: params ?? [], tx }),
		exec: (sql: string) => post<DbResult<Record<string, unknown>>[]>({ t: 'x', sql, tx })
	});

	const db: Db = {
		...direct(),
		async transaction<T>(fn: (tx: DbTransaction) => Promise<T>): Promise<T> {
			const txId = nextId++;
			await post({ t: 'begin', id: txId });
			let ended = false;
			const end = async (commit: boolean) => {
				if (ended) return;
				ended = true;
				await post({ t: 'end', tx: txId, commit });
			};
			let result: T;
			try {
				result = await fn({ ...direct(txId), rollback: () => end(false) });
			} catch (e) {
				await end(false).catch(() => {});
				throw e;
			}
			await end(true);
			return result;
		},
		async listen(channel, cb) {
			let set = listeners.get(channel);
			if (!set) {
				set = new Set();
				listeners.set(channel, set);
				await post({ t: 'listen', channel });
			}
			set.add(cb);
			return async () => {
				set.delete(cb);
				if (set.size === 0 && listeners.get(channel) === set) {
					listeners.delete(channel);
					await post({ t: 'unlisten', channel }).catch(() => {});
				}
			};
		},
		async close() {
			if (closed) return;
			closed = true;
			if (watchdog) clearInterval(watchdog);
			await ready.catch(() => {});
			await post({ t: 'close' }, true).catch(() => {});
			await worker.terminate();
			failAll(new DbError({ message: 'the database is closed', code: '57P01' }));
		},
		async withoutTimeout<T>(fn: () => Promise<T>): Promise<T> {
			suspended++;
			try {
				return await fn();
			} finally {
				suspended--;
				lastPong = performance.now();
			}
		},
		get restarts() {
			return restarts;
		}
	};
	return db;
}
