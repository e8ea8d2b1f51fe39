/**
 * PGlite 0.5.8 leaks WebAssembly stack on every statement that fails at the top level, and after
 * some 1,900 failures answers every statement with 54001 "stack depth limit exceeded" (issue 10,
 * finding 1). The database thread guards it (pglite-guard.mjs, applied in pglite-worker.mjs): this runs
 * 6,000 failing statements of mixed kinds through a guarded PGlite and checks that each fails
 * with its own error, and that the database still answers and commits afterwards.
 */
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { guardErrorStack } from '../../src/stack/pglite-guard.mjs';

describe('PGlite error stack guard', () => {
	it('survives 6,000 failing statements of mixed kinds', async () => {
		const db = await PGlite.create();
		guardErrorStack(db);
		await db.exec(`create table t (x int check (x > 0)); create role limited nologin;`);
		const kinds: [string, () => Promise<unknown>][] = [
			['22012', () => db.query('select 1/0')],
			['23514', () => db.query('insert into t values (-1)')],
			['22P02', () => db.query(`select 'x'::int`)],
			['42883', () => db.query('select no_such_function()')],
			['42601', () => db.exec('selec 1')],
			[
				'42501',
				() =>
					db.transaction(async (tx) => {
						await tx.exec('set local role limited');
						await tx.query('select * from t');
					})
			]
		];
		const codes = new Map<string, number>();
		for (let i = 0; i < 6000; i++) {
			const [want, run] = kinds[i % kinds.length];
			const code = await run().then(
				() => 'ok',
				(e: { code?: string }) => e.code ?? 'none'
			);
			if (code !== want) throw new Error(`statement ${i}: expected ${want}, got ${code}`);
			codes.set(code, (codes.get(code) ?? 0) + 1);
		}
		expect(codes.size).toBe(kinds.length);
		await db.query('insert into t values (1)');
		const r = await db.query<{ n: number }>('select count(*)::int as n from t');
		expect(r.rows[0].n).toBe(1);
		await db.close();
	}, 120_000);
});
