/**
 * The embedded database: PGlite (PostgreSQL in WebAssembly) with PostGIS and pgcrypto, on its own
 * thread (pg-thread.ts), its files in UITKIJK_DATA/pgdata. On start it brings the schema up to date the way the Supabase CLI
 * does: the compatibility bootstrap (roles, auth, realtime) when it is new or changed, every
 * migration not yet recorded in supabase_migrations.schema_migrations, the seed once; then the
 * boundaries from the geodata directory when they are new or changed.
 */
import { openDbThread, type Db, type DbTx } from './pg-thread';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type Log = (msg: string) => void;

export interface OpenOptions {
	/** Data directory (UITKIJK_DATA); the database lives in its pgdata/ folder. */
	dataDir: string;
	/** The supabase/ folder (bootstrap/, migrations/, seed.sql). */
	supabaseDir: string;
	/** Geodata directory with boundaries/, or null to skip the boundaries. */
	geodataDir: string | null;
	/** A statement running longer than this ends the database thread (see pg-thread.ts). */
	statementTimeoutMs?: number;
	log?: Log;
}

const MIGRATION_FILE = /^(\d{14})_([A-Za-z0-9_.-]+)\.sql$/;

function sha256(text: string): string {
	return createHash('sha256').update(text).digest('hex');
}

function ms(t0: number): string {
	return `${Math.round(performance.now() - t0)} ms`;
}

async function getMeta(db: Db, key: string): Promise<string | null> {
	const r = await db.query<{ value: string }>(
		'select value from uitkijk_stack.meta where key = $1',
		[key]
	);
	return r.rows[0]?.value ?? null;
}

async function setMeta(db: DbTx, key: string, value: string) {
	await db.query(
		`insert into uitkijk_stack.meta (key, value) values ($1, $2)
		 on conflict (key) do update set value = excluded.value`,
		[key, value]
	);
}

/** Runs one SQL file in a transaction; the error names the file. */
async function applyFile(db: Db, file: string, sql: string, after?: string, args?: unknown[]) {
	try {
		await db.transaction(async (tx) => {
			await tx.exec(sql);
			// Scripts may change the role or search path; the bookkeeping runs as postgres.
			await tx.exec('reset role; reset search_path');
			if (after) await tx.query(after, args);
		});
	} catch (e) {
		const err = e as Error & { position?: string; where?: string };
		throw new Error(
			`${file}: ${err.message}${err.where ? ` (${err.where})` : ''}${
				err.position ? ` at character ${err.position}` : ''
			}`,
			{ cause: e }
		);
	}
}

/** Tables of the stack itself (refresh tokens, sessions, bookkeeping); never exposed to the API. */
const STACK_SCHEMA = `
create schema if not exists uitkijk_stack;
revoke all on schema uitkijk_stack from public;
create table if not exists uitkijk_stack.meta (key text primary key, value text not null);
create table if not exists uitkijk_stack.sessions (
	id uuid primary key,
	user_id uuid not null,
	created_at timestamptz not null default now(),
	ended_at timestamptz
);
create table if not exists uitkijk_stack.refresh_tokens (
	token text primary key,
	session_id uuid not null references uitkijk_stack.sessions (id) on delete cascade,
	user_id uuid not null,
	created_at timestamptz not null default now(),
	revoked_at timestamptz
);
create index if not exists refresh_tokens_session on uitkijk_stack.refresh_tokens (session_id);
create schema if not exists supabase_migrations;
create table if not exists supabase_migrations.schema_migrations (
	version text not null primary key,
	statements text[],
	name text
);
`;

export async function openDatabase(opts: OpenOptions): Promise<Db> {
	const log = opts.log ?? ((m: string) => console.error(m));
	const t0 = performance.now();
	const db = await openDbThread({
		dataDir: join(opts.dataDir, 'pgdata'),
		statementTimeoutMs: opts.statementTimeoutMs,
		log
	});
	log(`db: PGlite opened in ${ms(t0)}`);
	try {
		await db.withoutTimeout(() => migrate(db, opts, log));
	} catch (e) {
		await db.close().catch(() => {});
		throw e;
	}
	log(`db: ready in ${ms(t0)}`);
	return db;
}

async function migrate(db: Db, opts: OpenOptions, log: Log) {
	await db.exec(STACK_SCHEMA);

	const bootstrapFile = join(opts.supabaseDir, 'bootstrap', 'supabase-compat.sql');
	if (!existsSync(bootstrapFile)) throw new Error(`${bootstrapFile} is missing`);
	const bootstrap = readFileSync(bootstrapFile, 'utf8');
	const hash = sha256(bootstrap);
	if ((await getMeta(db, 'bootstrap_sha256')) !== hash) {
		const t = performance.now();
		await applyFile(
			db,
			bootstrapFile,
			bootstrap,
			`insert into uitkijk_stack.meta (key, value) values ('bootstrap_sha256', $1)
			 on conflict (key) do update set value = excluded.value`,
			[hash]
		);
		log(`db: applied bootstrap/supabase-compat.sql in ${ms(t)}`);
	}

	const migrationsDir = join(opts.supabaseDir, 'migrations');
	const files = existsSync(migrationsDir)
		? readdirSync(migrationsDir)
				.filter((f) => MIGRATION_FILE.test(f))
				.sort()
		: [];
	const applied = new Set(
		(
			await db.query<{ version: string }>(
				'select version from supabase_migrations.schema_migrations'
			)
		).rows.map((r) => r.version)
	);
	for (const f of files) {
		const [, version, name] = MIGRATION_FILE.exec(f)!;
		if (applied.has(version)) continue;
		const t = performance.now();
		const sql = readFileSync(join(migrationsDir, f), 'utf8');
		await applyFile(
			db,
			`supabase/migrations/${f}`,
			sql,
			'insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)',
			[version, name, [sql]]
		);
		log(`db: applied migration ${f} in ${ms(t)}`);
	}

	const seedFile = join(opts.supabaseDir, 'seed.sql');
	if (existsSync(seedFile) && (await getMeta(db, 'seeded_at')) === null) {
		const t = performance.now();
		await applyFile(
			db,
			seedFile,
			readFileSync(seedFile, 'utf8'),
			`insert into uitkijk_stack.meta (key, value) values ('seeded_at', now()::text)`
		);
		log(`db: applied seed.sql in ${ms(t)}`);
	}

	if (opts.geodataDir) await loadBoundaries(db, opts.geodataDir, log);
}

const UNITS_FILE = 'nl_politie_eenheden.geojson';
const MUNICIPALITIES_FILE = 'nl_gemeenten_2023.geojson';

/**
 * Loads police-unit and municipality boundaries from geodataDir/boundaries through
 * `public.load_boundaries(units, municipalities, source)` as service_role, when the files are new
 * or changed since the last load.
 */
async function loadBoundaries(db: Db, geodataDir: string, log: Log) {
	const unitsFile = join(geodataDir, 'boundaries', UNITS_FILE);
	const gmFile = join(geodataDir, 'boundaries', MUNICIPALITIES_FILE);
	if (!existsSync(unitsFile) && !existsSync(gmFile)) return;
	const stamp = [unitsFile, gmFile]
		.map((f) => (existsSync(f) ? `${statSync(f).size}:${Math.round(statSync(f).mtimeMs)}` : '-'))
		.join(',');
	if ((await getMeta(db, 'boundaries')) === stamp) return;
	const t = performance.now();
	const read = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8') : null);
	const r = await db.transaction(async (tx) => {
		await tx.query(`select set_config('role', 'service_role', true)`);
		const res = await tx.query<{ units_loaded: number; municipalities_loaded: number }>(
			'select * from public.load_boundaries($1::jsonb, $2::jsonb, $3)',
			[read(unitsFile), read(gmFile), MUNICIPALITIES_FILE.replace(/\.geojson$/, '')]
		);
		await tx.exec('reset role');
		await setMeta(tx, 'boundaries', stamp);
		return res.rows[0];
	});
	log(
		`db: loaded boundaries of ${r?.units_loaded ?? 0} police units and ${
			r?.municipalities_loaded ?? 0
		} municipalities in ${ms(t)}`
	);
}
