// The embedded database's own thread: PGlite (PostgreSQL in WebAssembly) runs here, so that a
// statement never blocks the thread that serves HTTP and WebSocket, and so that a statement that
// runs too long can be stopped by ending this thread (src/stack/pg-thread.ts, the other side).
// Plain JavaScript: a worker thread does not inherit the TypeScript loader under every runner.
//
// Messages in: {t:'open', dataDir} | {t:'q'|'x', id, sql, params?, tx?} | {t:'begin', id} |
// {t:'end', id, tx, commit} | {t:'listen'|'unlisten', id, channel} | {t:'ping'} | {t:'close', id}.
// Messages out: {t:'ok', id, v} | {t:'err', id, e} | {t:'notify', channel, payload} | {t:'pong'}.
import { PGlite } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { postgis } from '@electric-sql/pglite-postgis';
import { parentPort as port } from 'node:worker_threads';
import { guardErrorStack } from './pglite-guard.mjs';

/** @typedef {Record<string, any>} Msg */
const parentPort = /** @type {import('node:worker_threads').MessagePort} */ (port);

/** @type {any} */
let db = null;
/** Open transactions by id: the PGlite transaction and how to end it. */
const txs = new Map();
const unlisteners = new Map();

/**
 * What crosses the thread boundary of an error: its fields, never the query's parameters.
 * @param {any} e
 */
function plainError(e) {
	/** @type {Record<string, string>} */
	const out = { message: String(e?.message ?? e) };
	for (const k of [
		'code',
		'detail',
		'hint',
		'position',
		'where',
		'schema',
		'table',
		'column',
		'constraint',
		'severity',
		'routine'
	]) {
		if (e && e[k] !== undefined && e[k] !== null) out[k] = String(e[k]);
	}
	return out;
}

/** @param {any} r */
function plainResult(r) {
	return { rows: r.rows, fields: r.fields, affectedRows: r.affectedRows };
}

/** @param {Msg} m */
function target(m) {
	if (m.tx === undefined || m.tx === null) return db;
	const t = txs.get(m.tx);
	if (!t) throw Object.assign(new Error('transaction is not open'), { code: '25P01' });
	return t.tx;
}

/** @param {Msg} m */
async function handle(m) {
	// A macrotask turn before each statement, so that pings are answered between statements even
	// when many are queued (PGlite hands its lock from one to the next in microtasks): a missing
	// pong then means that one statement is running that long, not that many are waiting.
	await new Promise((resolve) => setImmediate(resolve));
	switch (m.t) {
		case 'open': {
			db = await PGlite.create({
				dataDir: m.dataDir,
				extensions: { postgis, pgcrypto }
			});
			guardErrorStack(db);
			return null;
		}
		case 'q':
			return plainResult(await target(m).query(m.sql, m.params ?? []));
		case 'x':
			return (await target(m).exec(m.sql)).map(plainResult);
		case 'begin': {
			// PGlite's transaction() holds its lock until the callback settles: the callback waits
			// for the 'end' message of this id. An error of BEGIN itself also ends the wait.
			/** @type {(v?: unknown) => void} */
			let started = () => {};
			const ready = new Promise((res) => (started = res));
			/** @type {Record<string, any>} */
			const entry = {};
			entry.done = db
				.transaction(
					(/** @type {any} */ tx) =>
						new Promise((resolve, reject) => {
							Object.assign(entry, { tx, resolve, reject });
							txs.set(m.id, entry);
							started();
						})
				)
				.finally(() => txs.delete(m.id));
			await Promise.race([ready, entry.done]);
			return null;
		}
		case 'end': {
			const t = txs.get(m.tx);
			if (!t) return null;
			if (m.commit) t.resolve(null);
			else t.reject(Object.assign(new Error('rollback'), { rollback: true }));
			try {
				await t.done;
			} catch (/** @type {any} */ e) {
				if (!e?.rollback) throw e;
			}
			return null;
		}
		case 'listen': {
			if (!unlisteners.has(m.channel)) {
				const un = await db.listen(m.channel, (/** @type {string} */ payload) =>
					parentPort.postMessage({ t: 'notify', channel: m.channel, payload })
				);
				unlisteners.set(m.channel, un);
			}
			return null;
		}
		case 'unlisten': {
			const un = unlisteners.get(m.channel);
			unlisteners.delete(m.channel);
			if (un) await un();
			return null;
		}
		case 'close':
			if (db) await db.close();
			db = null;
			return null;
		default:
			throw new Error(`unknown message ${m.t}`);
	}
}

parentPort.on('message', (/** @type {Msg} */ m) => {
	if (m.t === 'ping') {
		parentPort.postMessage({ t: 'pong' });
		return;
	}
	handle(m).then(
		(v) => parentPort.postMessage({ t: 'ok', id: m.id, v }),
		(e) => parentPort.postMessage({ t: 'err', id: m.id, e: plainError(e) })
	);
});
