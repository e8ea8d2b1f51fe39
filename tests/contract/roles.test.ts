/**
 * The table of role scopes in TypeScript (src/lib/roles.ts) against the database's one scope
 * check (private.scope(), private.in_scope(), private.may_receive(), private.may_handle_alert()),
 * for every demo user of the seed: the same scope, the same answer for every police unit and
 * municipality (and rows without either), every realtime topic the client follows is one the
 * database lets the user receive, and the same alerts to handle. Runs on the embedded database
 * (PGlite, the migrations and the seed), in process.
 */
import type { Db } from '../../src/stack/pg-thread';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/stack/db';
import { REPO_ROOT } from '../../src/stack/server';
import {
	inScope,
	mayHandleAlert,
	scopeOf,
	type AppRole,
	type RoleHolder
} from '../../src/lib/roles';
import { alertTopicsFor } from '../../src/lib/supabase/alerts';
import { topicsFor, type Me } from '../../src/lib/supabase/topics';

let db: Db;
let dir: string;
let users: (RoleHolder & { user_id: string; email: string })[] = [];
let units: string[] = [];
let municipalities: string[] = [];

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'uitkijk-roles-'));
	db = await openDatabase({
		dataDir: dir,
		supabaseDir: join(REPO_ROOT, 'supabase'),
		geodataDir: null,
		log: () => {}
	});
	users = (
		await db.query<RoleHolder & { user_id: string; email: string }>(
			`select r.user_id, u.email, r.role::text as role, r.unit_id, r.municipality_code
			 from public.user_roles r join auth.users u on u.id = r.user_id
			 where u.email like '%@uitkijk.demo' order by u.email`
		)
	).rows;
	units = (
		await db.query<{ id: string }>('select id from public.police_units order by id')
	).rows.map((r) => r.id);
	municipalities = (
		await db.query<{ code: string }>('select code from public.municipalities order by code')
	).rows.map((r) => r.code);
}, 120_000);

afterAll(async () => {
	await db?.close();
	if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs sql as the user (role authenticated with their JWT claims), rolled back. */
async function asUser<T>(userId: string, sql: string, params: unknown[] = []): Promise<T[]> {
	let rows: T[] = [];
	await db
		.transaction(async (tx) => {
			await tx.query(`select set_config('request.jwt.claims', $1, true)`, [
				JSON.stringify({ sub: userId, role: 'authenticated', aud: 'authenticated' })
			]);
			await tx.exec('set local role authenticated');
			rows = (await tx.query<T>(sql, params)).rows;
			await tx.rollback();
		})
		.catch((e: unknown) => {
			if (!(e instanceof Error && /rollback/i.test(e.message))) throw e;
		});
	return rows;
}

const me = (u: RoleHolder & { user_id: string; email: string }): Me => ({
	...u,
	role: u.role as AppRole,
	display_name: null
});

describe('role scopes: src/lib/roles.ts against private.scope()', () => {
	it('covers every demo role', () => {
		expect(new Set(users.map((u) => u.role))).toEqual(
			new Set(['analyst', 'commander', 'mayor', 'prosecutor', 'planner'])
		);
		expect(units.length).toBeGreaterThanOrEqual(10);
		expect(municipalities.length).toBeGreaterThan(0);
	});

	it('gives the same scope for every demo user', async () => {
		for (const u of users) {
			const [s] = await asUser<{ all_units: boolean; units: string[]; municipalities: string[] }>(
				u.user_id,
				'select (s).all_units, (s).units, (s).municipalities from (select private.scope() s) x'
			);
			const ts = scopeOf(u);
			expect({ user: u.email, ...s }).toEqual({
				user: u.email,
				all_units: ts.all,
				units: ts.units,
				municipalities: ts.municipalities
			});
		}
	});

	it('answers in_scope alike for every unit and municipality, and rows without either', async () => {
		for (const u of users) {
			const rows = await asUser<{ unit: string | null; gm: string | null; ok: boolean }>(
				u.user_id,
				`select x.unit, y.gm, private.in_scope(x.unit, y.gm) as ok
				 from unnest($1::text[] || array[null]) x(unit), unnest($2::text[] || array[null]) y(gm)`,
				[units, municipalities]
			);
			expect(rows.length).toBe((units.length + 1) * (municipalities.length + 1));
			const scope = scopeOf(u);
			const differ = rows.filter((r) => r.ok !== inScope(scope, r.unit, r.gm));
			expect({ user: u.email, differ }).toEqual({ user: u.email, differ: [] });
		}
	});

	it('lets each user receive every topic the client follows for them', async () => {
		const views = [null, { west: 6.55, south: 53.14, east: 6.67, north: 53.2 }];
		for (const u of users) {
			const topics = [
				...new Set([...views.flatMap((v) => topicsFor(me(u), v).topics), ...alertTopicsFor(me(u))])
			];
			const rows = await asUser<{ topic: string; ok: boolean }>(
				u.user_id,
				'select t as topic, private.may_receive(t) as ok from unnest($1::text[]) t',
				[topics]
			);
			expect({ user: u.email, refused: rows.filter((r) => !r.ok).map((r) => r.topic) }).toEqual({
				user: u.email,
				refused: []
			});
		}
	});

	it('lets the same users handle the alerts of the same units', async () => {
		for (const u of users) {
			const rows = await asUser<{ unit: string | null; ok: boolean }>(
				u.user_id,
				'select x.unit, private.may_handle_alert(x.unit) as ok from unnest($1::text[] || array[null]) x(unit)',
				[units]
			);
			const differ = rows.filter((r) => r.ok !== mayHandleAlert(u, r.unit));
			expect({ user: u.email, differ }).toEqual({ user: u.email, differ: [] });
		}
	});
});
