/**
 * The subset of PostgREST that supabase-js `.rpc()` uses: `POST /rest/v1/rpc/<fn>` (and GET/HEAD
 * with query arguments), with PostgREST's authentication, transaction settings, result shapes,
 * simple result filters (select, order, limit, offset, col=op.value) and error mapping.
 *
 * Each call is one transaction: `set local role` to the JWT's role, `request.jwt.claims` and
 * friends, then `select ... from fn("arg" => _a."arg")` where the arguments come from
 * `json_to_record($1)`: values always travel as one bound parameter, never in the SQL text, and
 * every identifier in the SQL text was looked up in pg_proc or matched as a plain identifier.
 */
import type { Db, DbTx } from './pg-thread';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, headersJson, parseJson, readBody, requestToken, send, sendJson } from './http';
import { API_ROLES, JwtError, verifyJwt, type Claims } from './jwt';
import { isSessionRevoked } from './sessions';

const EXPOSED_SCHEMAS = ['public'];
const IDENT = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

interface FnInfo {
	schema: string;
	name: string;
	retset: boolean;
	volatile: boolean;
	/** Returns rows (composite type or OUT/TABLE columns) rather than one scalar value. */
	composite: boolean;
	void: boolean;
	/** Input arguments in order, with their SQL type and whether they have a default. */
	args: { name: string; type: string; hasDefault: boolean }[];
}

interface PgError extends Error {
	code?: string;
	detail?: string;
	hint?: string;
}

/** PostgREST's error body. */
function pgrst(status: number, code: string, message: string, details: string | null = null) {
	return new HttpError(status, { code, details, hint: null, message });
}

/** HTTP status for an SQLSTATE, as PostgREST maps it. */
export function statusForSqlState(code: string, role: string): number {
	if (/^PT\d{3}$/.test(code)) return Number(code.slice(2));
	if (code === '42501') return role === 'anon' ? 401 : 403;
	if (code === '23503' || code === '23505') return 409;
	if (code === '25006') return 405;
	if (code === 'P0001') return 400;
	if (code === '42883' || code === '42P01') return 404;
	if (code === '42P17') return 500;
	const cls = code.slice(0, 2);
	if (cls === '08' || cls === '53') return 503;
	if (cls === '0L' || cls === '0P' || cls === '28') return 403;
	if (
		[
			'09',
			'25',
			'2D',
			'38',
			'39',
			'3B',
			'40',
			'54',
			'55',
			'57',
			'58',
			'F0',
			'HV',
			'P0',
			'XX'
		].includes(cls)
	) {
		return 500;
	}
	return 400;
}

export interface RestContext {
	db: Db;
	jwtSecret: string;
	/**
	 * PostgREST's `db-max-rows`: the most rows one call returns to anon and signed-in users (the
	 * service role is not capped). Default 1,000, as on Supabase.
	 */
	maxRows?: number;
}

export function createRest(ctx: RestContext) {
	const cache = new Map<string, FnInfo[]>();

	async function lookup(schema: string, name: string): Promise<FnInfo[]> {
		const key = `${schema}.${name}`;
		const hit = cache.get(key);
		if (hit) return hit;
		const r = await ctx.db.query<{
			retset: boolean;
			volatile: string;
			typtype: string;
			rettype: string;
			argnames: string[] | null;
			argmodes: string[] | null;
			intypes: string[] | null;
			nargs: number;
			ndefaults: number;
		}>(
			`select p.proretset as retset, p.provolatile as volatile, t.typtype,
			        p.prorettype::regtype::text as rettype, p.proargnames as argnames,
			        p.proargmodes::text[] as argmodes, p.pronargs as nargs,
			        p.pronargdefaults as ndefaults,
			        array(select format_type(a.t, null) from unnest(p.proargtypes::oid[])
			              with ordinality as a(t, i) order by a.i) as intypes
			   from pg_proc p
			   join pg_namespace n on n.oid = p.pronamespace
			   join pg_type t on t.oid = p.prorettype
			  where n.nspname = $1 and p.proname = $2 and p.prokind = 'f'`,
			[schema, name]
		);
		const fns = r.rows.map((row): FnInfo => {
			const modes = row.argmodes ?? [];
			const names = row.argnames ?? [];
			const inNames: string[] = [];
			names.forEach((n, i) => {
				const m = modes[i] ?? 'i';
				if (m === 'i' || m === 'b' || m === 'v') inNames.push(n);
			});
			if (!row.argnames) for (let i = 0; i < row.nargs; i++) inNames.push('');
			const hasOut = modes.some((m) => m === 'o' || m === 't' || m === 'b');
			const types = row.intypes ?? [];
			return {
				schema,
				name,
				retset: row.retset,
				volatile: row.volatile === 'v',
				composite: row.typtype === 'c' || (row.rettype === 'record' && hasOut),
				void: row.rettype === 'void',
				args: types.map((type, i) => ({
					name: inNames[i] ?? '',
					type,
					hasDefault: i >= row.nargs - row.ndefaults
				}))
			};
		});
		if (fns.length) cache.set(key, fns);
		return fns;
	}

	function authenticate(req: IncomingMessage): Claims {
		const token = requestToken(req);
		if (!token) {
			throw new HttpError(401, {
				message: 'No API key found in request',
				hint: 'No `apikey` request header or url param was found.'
			});
		}
		let claims: Claims;
		try {
			claims = verifyJwt(token, ctx.jwtSecret);
		} catch (e) {
			if (e instanceof JwtError && e.expired) throw pgrst(401, 'PGRST303', 'JWT expired');
			throw pgrst(401, 'PGRST301', (e as Error).message);
		}
		const role = claims.role ?? 'anon';
		if (!API_ROLES.has(role)) {
			throw pgrst(401, 'PGRST301', `JWT role "${role}" is not allowed`);
		}
		if (isSessionRevoked(claims))
			throw pgrst(401, 'PGRST301', 'JWT session has ended (signed out)');
		return { ...claims, role };
	}

	function pickFunction(fns: FnInfo[], schema: string, name: string, keys: string[]) {
		const matches = fns.filter((f) => {
			const names = new Set(f.args.map((a) => a.name));
			return (
				keys.every((k) => names.has(k)) &&
				f.args.every((a) => a.hasDefault || keys.includes(a.name))
			);
		});
		// A function with one unnamed json/jsonb argument takes the whole body.
		const single = fns.filter(
			(f) => f.args.length === 1 && !f.args[0].name && /^jsonb?$/.test(f.args[0].type)
		);
		if (matches.length === 1) return { fn: matches[0], single: false };
		if (matches.length > 1) {
			throw pgrst(
				300,
				'PGRST203',
				`Could not choose the best candidate function between: ${matches
					.map(
						(f) => `${schema}.${name}(${f.args.map((a) => `${a.name} => ${a.type}`).join(', ')})`
					)
					.join(', ')}`
			);
		}
		if (single.length === 1) return { fn: single[0], single: true };
		const sorted = [...keys].sort();
		throw new HttpError(404, {
			code: 'PGRST202',
			details: `Searched for the function ${schema}.${name}${
				sorted.length ? ` with parameters ${sorted.join(', ')}` : ' without parameters'
			} or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.`,
			hint: null,
			message: `Could not find the function ${schema}.${name}${
				sorted.length ? `(${sorted.join(', ')})` : ' without parameters'
			} in the schema cache`
		});
	}

	async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
		let role = 'anon';
		try {
			const m = /^\/rest\/v1\/rpc\/([^/]+)\/?$/.exec(url.pathname);
			if (!m) {
				throw pgrst(
					404,
					'PGRST125',
					url.pathname.startsWith('/rest/v1/rpc/')
						? 'Invalid path specified in request URL'
						: 'The local stack serves only /rest/v1/rpc/<function> (no table endpoints)'
				);
			}
			const method = req.method ?? 'GET';
			if (!['GET', 'HEAD', 'POST'].includes(method)) {
				throw pgrst(405, 'PGRST117', `Unsupported HTTP method: ${method}`);
			}
			const claims = authenticate(req);
			role = claims.role as string;

			const profileHeader =
				method === 'POST' ? req.headers['content-profile'] : req.headers['accept-profile'];
			const schema = typeof profileHeader === 'string' && profileHeader ? profileHeader : 'public';
			if (!EXPOSED_SCHEMAS.includes(schema)) {
				throw pgrst(
					406,
					'PGRST106',
					`The schema must be one of the following: ${EXPOSED_SCHEMAS.join(', ')}`
				);
			}
			let name: string;
			try {
				name = decodeURIComponent(m[1]);
			} catch {
				throw pgrst(400, 'PGRST100', 'Invalid function name in URL');
			}

			const prefer = String(req.headers.prefer ?? '');
			const query = url.searchParams;
			let args: Record<string, unknown>;
			const filterParams: [string, string][] = [];
			if (method === 'POST') {
				const ctype = String(req.headers['content-type'] ?? 'application/json');
				const buf = await readBody(req);
				if (buf.length && !/^application\/json\b/i.test(ctype)) {
					throw pgrst(415, 'PGRST102', `Content-Type not acceptable: ${ctype}`);
				}
				const body = parseJson(buf, {}, (msg) =>
					pgrst(400, 'PGRST102', `Empty or invalid json: ${msg}`)
				);
				if (!body || typeof body !== 'object' || Array.isArray(body)) {
					throw pgrst(400, 'PGRST102', 'The request body must be a JSON object of named arguments');
				}
				args = body as Record<string, unknown>;
				for (const [k, v] of query) filterParams.push([k, v]);
			} else {
				args = {};
				const fnsForGet = await lookup(schema, name);
				const argNames = new Set(fnsForGet.flatMap((f) => f.args.map((a) => a.name)));
				for (const [k, v] of query) {
					if (argNames.has(k)) args[k] = v;
					else filterParams.push([k, v]);
				}
			}

			const fns = await lookup(schema, name);
			const keys = Object.keys(args);
			const { fn, single } = pickFunction(fns, schema, name, keys);
			const accept = String(req.headers.accept ?? 'application/json');
			const wantObject = accept.includes('application/vnd.pgrst.object+json');
			if (
				!/application\/json|application\/vnd\.pgrst\.(object|array)\+json|\*\/\*/.test(accept) &&
				accept !== ''
			) {
				throw pgrst(406, 'PGRST107', `None of these media types are available: ${accept}`);
			}
			const stripNulls = accept.includes('nulls=stripped');
			const usesArgs = single || keys.length > 0;
			const filters = parseFilters(filterParams, usesArgs ? 1 : 0);
			if (
				(filters.where.length ||
					filters.order ||
					filters.limit !== null ||
					filters.offset !== null ||
					filters.select !== '*') &&
				!fn.retset &&
				!fn.composite
			) {
				throw pgrst(
					400,
					'PGRST100',
					'Filters, select, order, limit and offset need a function that returns rows'
				);
			}

			// db-max-rows: rows to anon and signed-in users are capped (not the service role's).
			if (fn.retset && role !== 'service_role') {
				const cap = ctx.maxRows ?? 1000;
				filters.limit = Math.min(filters.limit ?? cap, cap);
			}
			const sql = buildCall(fn, keys, single, filters, stripNulls);
			const t0 = performance.now();
			const result = await ctx.db.transaction(async (tx: DbTx) => {
				if (method !== 'POST') await tx.exec('set transaction read only');
				await tx.query(
					`select set_config('role', $1, true),
					        set_config('request.jwt.claims', $2, true),
					        set_config('request.jwt.claim.sub', $3, true),
					        set_config('request.jwt.claim.role', $1, true),
					        set_config('request.jwt.claim.email', $4, true),
					        set_config('request.method', $5, true),
					        set_config('request.path', $6, true),
					        set_config('request.headers', $7, true),
					        set_config('search_path', 'public, extensions', true)`,
					[
						role,
						JSON.stringify(claims),
						typeof claims.sub === 'string' ? claims.sub : '',
						typeof claims.email === 'string' ? claims.email : '',
						method,
						url.pathname.slice('/rest/v1'.length),
						headersJson(req)
					]
				);
				const params = usesArgs ? [JSON.stringify(args), ...filters.params] : filters.params;
				return tx.query<{ body: string | null; n?: number }>(sql, params);
			});
			const elapsed = performance.now() - t0;
			const row = result.rows[0];
			const timing = { 'server-timing': `db;dur=${elapsed.toFixed(1)}` };
			if (fn.void) {
				send(res, 204, null, timing);
				return;
			}
			let body = row?.body ?? 'null';
			const headers: Record<string, string> = { ...timing };
			if (fn.retset) {
				const n = Number(row?.n ?? 0);
				const total = /count=(exact|planned|estimated)/.test(prefer) ? String(n) : '*';
				headers['content-range'] = n ? `0-${n - 1}/${total}` : `*/${total === '*' ? '*' : 0}`;
				if (wantObject) {
					if (n !== 1) {
						throw new HttpError(406, {
							code: 'PGRST116',
							details: `The result contains ${n} rows`,
							hint: null,
							message: 'JSON object requested, multiple (or no) rows returned'
						});
					}
					body = JSON.stringify((JSON.parse(body) as unknown[])[0]);
				}
			}
			if (method === 'HEAD') {
				send(res, 200, null, headers);
				return;
			}
			if (/return=minimal/.test(prefer)) {
				send(res, 204, null, headers);
				return;
			}
			send(res, 200, body, headers);
		} catch (e) {
			sendError(res, e, role);
		}
	}

	return { handle, clearCache: () => cache.clear() };
}

export function sendError(res: ServerResponse, e: unknown, role: string) {
	if (e instanceof HttpError) {
		sendJson(res, e.status, e.body);
		return;
	}
	const err = e as PgError;
	if (err && typeof err.code === 'string' && /^[0-9A-Z]{5}$/.test(err.code)) {
		sendJson(res, statusForSqlState(err.code, role), {
			code: err.code,
			details: err.detail ?? null,
			hint: err.hint ?? null,
			message: err.message
		});
		return;
	}
	console.error('rest: unexpected error', e);
	sendJson(res, 500, {
		code: 'PGRST000',
		details: null,
		hint: null,
		message: err?.message ?? 'Internal error'
	});
}

interface Filters {
	select: string;
	where: string[];
	order: string | null;
	limit: number | null;
	offset: number | null;
	/** Bound values of the where clause, after the arguments' parameter. */
	params: unknown[];
}

const OPS: Record<string, string> = {
	eq: '=',
	neq: '<>',
	gt: '>',
	gte: '>=',
	lt: '<',
	lte: '<=',
	like: 'like',
	ilike: 'ilike'
};

function quoteIdent(name: string): string {
	if (!IDENT.test(name)) throw pgrst(400, 'PGRST100', `"${name}" is not a plain column name`);
	return `"${name}"`;
}

function nonNegativeInt(name: string, v: string): number {
	if (!/^\d{1,9}$/.test(v)) throw pgrst(400, 'PGRST100', `${name} must be a non-negative integer`);
	return Number(v);
}

/** PG array literal of strings, for `in.(...)`. */
function textArray(items: string[]): string {
	return `{${items.map((s) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

/** Parses the result filters; their values are bound after the first `base` parameters. */
function parseFilters(params: [string, string][], base: number): Filters {
	const f: Filters = { select: '*', where: [], order: null, limit: null, offset: null, params: [] };
	for (const [key, value] of params) {
		if (key === 'select') {
			if (value.trim() === '*' || value.trim() === '') continue;
			f.select = value
				.split(',')
				.map((c) => quoteIdent(c.trim()))
				.join(', ');
		} else if (key === 'limit') f.limit = nonNegativeInt('limit', value);
		else if (key === 'offset') f.offset = nonNegativeInt('offset', value);
		else if (key === 'order') {
			f.order = value
				.split(',')
				.map((term) => {
					const [col, ...mods] = term.trim().split('.');
					let sql = quoteIdent(col);
					for (const mod of mods) {
						if (mod === 'asc' || mod === 'desc') sql += ` ${mod}`;
						else if (mod === 'nullsfirst') sql += ' nulls first';
						else if (mod === 'nullslast') sql += ' nulls last';
						else throw pgrst(400, 'PGRST100', `Unknown order modifier "${mod}"`);
					}
					return sql;
				})
				.join(', ');
		} else {
			const col = quoteIdent(key);
			let rest = value;
			let negate = false;
			if (rest.startsWith('not.')) {
				negate = true;
				rest = rest.slice(4);
			}
			const dot = rest.indexOf('.');
			if (dot < 0) throw pgrst(400, 'PGRST100', `"${key}=${value}" is not a filter (col=op.value)`);
			const op = rest.slice(0, dot);
			const operand = rest.slice(dot + 1);
			let cond: string;
			if (op in OPS) {
				f.params.push(operand);
				cond = `_t.${col} ${OPS[op]} $${base + f.params.length}`;
			} else if (op === 'is') {
				const v = operand.toLowerCase();
				if (!['null', 'true', 'false', 'unknown'].includes(v)) {
					throw pgrst(400, 'PGRST100', 'is. takes null, true, false or unknown');
				}
				cond = `_t.${col} is ${v}`;
			} else if (op === 'in') {
				const m = /^\((.*)\)$/.exec(operand);
				if (!m) throw pgrst(400, 'PGRST100', 'in. takes a list: in.(a,b)');
				const items = m[1] === '' ? [] : m[1].split(',').map((s) => s.replace(/^"(.*)"$/, '$1'));
				f.params.push(textArray(items));
				cond = `_t.${col}::text = any($${base + f.params.length}::text[])`;
			} else {
				throw pgrst(400, 'PGRST100', `Unsupported filter operator "${op}" in the local stack`);
			}
			f.where.push(negate ? `not (${cond})` : cond);
		}
	}
	return f;
}

/** The SQL of one call; $1 is the JSON object of the arguments. */
function buildCall(
	fn: FnInfo,
	keys: string[],
	single: boolean,
	filters: Filters,
	stripNulls: boolean
): string {
	const target = `"${fn.schema}"."${fn.name}"`;
	let call: string;
	let from = '';
	if (single) {
		call = `${target}($1::${fn.args[0].type})`;
	} else if (keys.length === 0) {
		call = `${target}()`;
	} else {
		const used = fn.args.filter((a) => keys.includes(a.name));
		call = `${target}(${used.map((a) => `"${a.name}" => _a."${a.name}"`).join(', ')})`;
		from = `json_to_record($1::json) as _a(${used.map((a) => `"${a.name}" ${a.type}`).join(', ')}), `;
	}
	const strip = (x: string) => (stripNulls ? `json_strip_nulls(${x})` : x);
	if (fn.void) return `select ${call}::text as body from ${from}(select 1) _one`;
	if (!fn.retset && !fn.composite) {
		return `select ${strip(`to_json(${call})`)}::text as body from ${from}(select 1) _one`;
	}
	const where = filters.where.length ? ` where ${filters.where.join(' and ')}` : '';
	const order = filters.order ? ` order by ${filters.order}` : '';
	const limit = filters.limit !== null ? ` limit ${filters.limit}` : '';
	const offset = filters.offset !== null ? ` offset ${filters.offset}` : '';
	const cols = fn.composite ? (filters.select === '*' ? '_t.*' : filters.select) : '_t as v';
	const inner = `select ${cols} from ${from}${call} _t${where}${order}${limit}${offset}`;
	if (!fn.retset) {
		return `select ${strip('row_to_json(_r)')}::text as body from (${inner}) _r`;
	}
	const agg = fn.composite ? 'json_agg(_r)' : 'json_agg(_r.v)';
	return `select ${strip(`coalesce(${agg}, '[]')`)}::text as body, count(*)::int as n from (${inner}) _r`;
}
