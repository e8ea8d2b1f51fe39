/**
 * The subset of GoTrue (Supabase Auth) that supabase-js `auth` uses:
 * `POST /auth/v1/token?grant_type=password|refresh_token`, `GET /auth/v1/user`,
 * `POST /auth/v1/logout`, and the service-role admin API that `uitkijk user` uses
 * (`/auth/v1/admin/users`: list, create, get, update password, delete). Passwords are checked
 * against auth.users.encrypted_password with pgcrypto's crypt() (bcrypt); sessions and refresh
 * tokens live in the stack's own schema. Responses and errors have GoTrue's shape so that
 * `signInWithPassword`, `refreshSession`, `getUser`, `signOut` and `auth.admin.*` work unchanged.
 *
 * Hardening: the seeded demo users (e-mail domain uitkijk.demo, password published) sign in only
 * in demo mode (UITKIJK_DEMO=1); failed sign-ins are throttled per account and per client
 * address (429 with Retry-After); an unknown account costs the same bcrypt as a known one; a
 * logout ends the session at once for RPC and Realtime too (src/stack/sessions.ts); credentials
 * are never logged.
 */
import type { Db } from './pg-thread';
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, parseJson, readBody, requestToken, send, sendJson } from './http';
import { API_ROLES, JwtError, signJwt, verifyJwt, type Claims } from './jwt';
import { isSessionRevoked, revokeSessions } from './sessions';

export interface AuthContext {
	db: Db;
	jwtSecret: string;
	/** Seconds an access token lives (GoTrue's default: 3600). */
	accessTokenTtl: number;
	/** Issuer claim, e.g. http://127.0.0.1:3000/auth/v1. */
	issuer: string;
	/** Demo mode (UITKIJK_DEMO=1): only then may the seeded demo users sign in. */
	demo?: boolean;
	/** Failed sign-ins allowed per window; defaults: SIGN_IN_LIMITS. */
	limits?: Partial<SignInLimits>;
	log?: (msg: string) => void;
}

/** E-mail domain of the seeded demo users (supabase/seed.sql, src/lib/supabase/demo-users.ts). */
export const DEMO_EMAIL_DOMAIN = 'uitkijk.demo';

export function isDemoEmail(email: unknown): boolean {
	return typeof email === 'string' && email.toLowerCase().endsWith(`@${DEMO_EMAIL_DOMAIN}`);
}

export interface SignInLimits {
	/** Failed sign-ins per account (e-mail, case-insensitive) per window. */
	perAccount: number;
	/** Failed sign-ins per client address per window. */
	perAddress: number;
	windowMs: number;
	/** Accounts and addresses tracked at most (memory bound); the oldest go first. */
	capacity: number;
}

export const SIGN_IN_LIMITS: SignInLimits = {
	perAccount: 5,
	perAddress: 20,
	windowMs: 15 * 60_000,
	capacity: 10_000
};

/** Bcrypt cost of passwords set through the admin API (GoTrue's default). */
const BCRYPT_COST = 10;
/** bcrypt reads at most 72 bytes: a longer password would be cut silently, so it is refused. */
export const PASSWORD_MAX_BYTES = 72;
export const PASSWORD_MIN_LENGTH = 12;

/**
 * Failures per key in a sliding window, for at most `capacity` keys: each key keeps at most
 * `max` timestamps; when full, the least recently failed key goes (O(1) per failure).
 */
export class FailureLimiter {
	private readonly hits = new Map<string, number[]>();
	constructor(
		readonly max: number,
		readonly windowMs: number,
		readonly capacity: number
	) {}

	private recent(key: string, now: number): number[] {
		const list = this.hits.get(key);
		if (!list) return [];
		const fresh = list.filter((t) => t > now - this.windowMs);
		if (fresh.length === 0) this.hits.delete(key);
		else if (fresh.length !== list.length) this.hits.set(key, fresh);
		return fresh;
	}

	/** Seconds until the key may try again; 0 when it may now. */
	retryAfter(key: string, now = Date.now()): number {
		const list = this.recent(key, now);
		if (list.length < this.max) return 0;
		return Math.max(1, Math.ceil((list[list.length - this.max] + this.windowMs - now) / 1000));
	}

	fail(key: string, now = Date.now()): void {
		const list = this.recent(key, now);
		// Full: the least recently failed key goes (a key moves to the end on each failure).
		if (!this.hits.has(key) && this.hits.size >= this.capacity) {
			this.hits.delete(this.hits.keys().next().value as string);
		}
		list.push(now);
		if (list.length > this.max) list.splice(0, list.length - this.max);
		this.hits.delete(key);
		this.hits.set(key, list);
	}

	clear(key: string): void {
		this.hits.delete(key);
	}

	get size(): number {
		return this.hits.size;
	}
}

/** A refresh token may be presented again within this time (parallel tabs refreshing at once). */
const REUSE_INTERVAL_S = 10;

type Row = Record<string, unknown>;

function authError(status: number, errorCode: string, msg: string, extra: Row = {}) {
	return new HttpError(status, { code: status, error_code: errorCode, msg, ...extra });
}

/** The client's address as the socket sees it (a proxy's X-Forwarded-For is not trusted). */
function clientAddress(req: IncomingMessage): string {
	return req.socket.remoteAddress ?? 'unknown';
}

/** A password acceptable to store: 12 characters or more, at most 72 bytes, no NUL. */
export function passwordProblem(password: unknown): string | null {
	if (typeof password !== 'string') return 'password must be a string';
	if ([...password].length < PASSWORD_MIN_LENGTH)
		return `password must be at least ${PASSWORD_MIN_LENGTH} characters`;
	if (Buffer.byteLength(password) > PASSWORD_MAX_BYTES)
		return `password must be at most ${PASSWORD_MAX_BYTES} bytes (bcrypt's limit)`;
	if (password.includes('\u0000')) return 'password must not contain U+0000 (NUL)';
	return null;
}

/** An e-mail address as the admin API takes it (U+0000 is refused separately). */
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;

const invalidCredentials = () =>
	authError(400, 'invalid_credentials', 'Invalid login credentials', {
		error: 'invalid_grant',
		error_description: 'Invalid login credentials'
	});

function userObject(u: Row) {
	const app = (u.raw_app_meta_data as Row | null) ?? {};
	return {
		id: u.id,
		aud: (u.aud as string) || 'authenticated',
		role: (u.role as string) || 'authenticated',
		email: u.email ?? '',
		email_confirmed_at: u.email_confirmed_at ?? null,
		phone: u.phone ?? '',
		confirmed_at: u.confirmed_at ?? u.email_confirmed_at ?? null,
		last_sign_in_at: u.last_sign_in_at ?? null,
		app_metadata: { provider: 'email', providers: ['email'], ...app },
		user_metadata: (u.raw_user_meta_data as Row | null) ?? {},
		identities: [],
		created_at: u.created_at ?? null,
		updated_at: u.updated_at ?? null,
		is_anonymous: false
	};
}

export function createAuth(ctx: AuthContext) {
	const { db } = ctx;

	async function userById(id: string): Promise<Row | null> {
		const r = await db.query<{ u: Row }>(
			'select to_jsonb(u) as u from auth.users u where u.id = $1',
			[id]
		);
		return r.rows[0]?.u ?? null;
	}

	async function issue(user: Row, sessionId: string | null, parent: string | null) {
		const now = Math.floor(Date.now() / 1000);
		const session = sessionId ?? randomUUID();
		const refresh = randomBytes(18).toString('base64url');
		await db.transaction(async (tx) => {
			if (!sessionId) {
				await tx.query('insert into uitkijk_stack.sessions (id, user_id) values ($1, $2)', [
					session,
					user.id
				]);
			}
			if (parent) {
				await tx.query(
					`update uitkijk_stack.refresh_tokens set revoked_at = coalesce(revoked_at, now())
					 where token = $1`,
					[parent]
				);
			}
			await tx.query(
				'insert into uitkijk_stack.refresh_tokens (token, session_id, user_id) values ($1, $2, $3)',
				[refresh, session, user.id]
			);
		});
		const u = userObject(user);
		const role = API_ROLES.has(u.role) && u.role !== 'anon' ? u.role : 'authenticated';
		const exp = now + ctx.accessTokenTtl;
		const claims: Claims = {
			aud: u.aud,
			exp,
			iat: now,
			iss: ctx.issuer,
			sub: u.id as string,
			email: u.email,
			phone: u.phone,
			app_metadata: u.app_metadata,
			user_metadata: u.user_metadata,
			role,
			aal: 'aal1',
			amr: [{ method: parent ? 'token' : 'password', timestamp: now }],
			session_id: session,
			is_anonymous: false
		};
		return {
			access_token: signJwt(claims, ctx.jwtSecret),
			token_type: 'bearer',
			expires_in: ctx.accessTokenTtl,
			expires_at: exp,
			refresh_token: refresh,
			user: u
		};
	}

	const limits = { ...SIGN_IN_LIMITS, ...ctx.limits };
	const perAccount = new FailureLimiter(limits.perAccount, limits.windowMs, limits.capacity);
	const perAddress = new FailureLimiter(limits.perAddress, limits.windowMs, limits.capacity);
	const log = ctx.log ?? ((m: string) => console.error(m));
	/** A bcrypt hash of nothing anyone knows: unknown accounts cost the same check. */
	let dummyHash = '';
	const ttlMs = () => ctx.accessTokenTtl * 1000;

	/** Ends sessions in the database and at once in memory (RPC, Realtime). */
	async function endSessions(where: string, args: unknown[]): Promise<number> {
		const r = await db.query<{ id: string }>(
			`update uitkijk_stack.sessions set ended_at = now() where ended_at is null and ${where}
			 returning id::text as id`,
			args
		);
		revokeSessions(
			r.rows.map((x) => x.id),
			Date.now() + ttlMs()
		);
		return r.rows.length;
	}

	/**
	 * At start: outside demo mode the demo users' sessions end (a token from an earlier demo run
	 * stops working); sessions that ended within one token lifetime are loaded as revoked.
	 */
	async function init() {
		if (!ctx.demo) {
			await endSessions(`user_id in (select u.id from auth.users u where lower(u.email) like $1)`, [
				`%@${DEMO_EMAIL_DOMAIN}`
			]);
		}
		const ended = await db.query<{ id: string; until_ms: number }>(
			`select id::text as id, (extract(epoch from ended_at) * 1000)::float8 + $1 as until_ms
			   from uitkijk_stack.sessions
			  where ended_at is not null and ended_at > now() - make_interval(secs => $1 / 1000.0)`,
			[ttlMs()]
		);
		for (const row of ended.rows) revokeSessions([row.id], row.until_ms);
		const h = await db.query<{ h: string }>(
			`select extensions.crypt(encode(extensions.gen_random_bytes(16), 'hex'),
			                         extensions.gen_salt('bf', ${BCRYPT_COST})) as h`
		);
		dummyHash = h.rows[0].h;
	}

	function throttled(retryAfter: number) {
		const e = authError(
			429,
			'over_request_rate_limit',
			`Too many failed sign-ins: try again in ${retryAfter} s`
		);
		return Object.assign(e, { headers: { 'retry-after': String(retryAfter) } });
	}

	async function passwordGrant(body: Row, address: string) {
		const { email, password } = body;
		if (body.phone !== undefined && email === undefined) {
			throw authError(400, 'phone_provider_disabled', 'Phone logins are disabled');
		}
		if (typeof email !== 'string' || typeof password !== 'string' || !email || !password) {
			throw authError(
				400,
				'validation_failed',
				'You must provide either an email or phone number and a password'
			);
		}
		// PostgreSQL text cannot hold U+0000: refuse it here instead of failing in the query.
		if (email.includes('\u0000') || password.includes('\u0000')) {
			throw authError(
				400,
				'validation_failed',
				'E-mail and password must not contain the character U+0000 (NUL)'
			);
		}
		const account = email.toLowerCase().slice(0, 320);
		const wait = Math.max(perAccount.retryAfter(account), perAddress.retryAfter(address));
		if (wait > 0) throw throttled(wait);
		const fail = () => {
			perAccount.fail(account);
			perAddress.fail(address);
			return invalidCredentials();
		};
		if (email.length > 320 || password.length > 1024) throw fail();
		const r = await db.query<{ u: Row }>(
			`select to_jsonb(u) as u from auth.users u
			  where lower(u.email) = lower($1)
			    and u.encrypted_password is not null and u.encrypted_password <> ''
			  order by u.created_at nulls last limit 1`,
			[email]
		);
		const found = r.rows[0]?.u;
		const hash = found ? String(found.encrypted_password) : dummyHash;
		// The same bcrypt for unknown accounts, so that timing does not tell which exist.
		const ok = await db.query<{ ok: boolean }>('select extensions.crypt($1, $2) = $2 as ok', [
			password,
			hash
		]);
		const user = found && ok.rows[0]?.ok ? found : null;
		if (!user || user.deleted_at) throw fail();
		if (!ctx.demo && isDemoEmail(user.email)) {
			fail();
			throw authError(
				400,
				'demo_disabled',
				'Demo users sign in only in demo mode (npm run demo); ask for an account (uitkijk user add)'
			);
		}
		if (typeof user.banned_until === 'string' && Date.parse(user.banned_until) > Date.now()) {
			throw authError(400, 'user_banned', 'User is banned');
		}
		perAccount.clear(account);
		if ('last_sign_in_at' in user) {
			const u = await db.query<{ at: string }>(
				'update auth.users set last_sign_in_at = now() where id = $1 returning last_sign_in_at::text as at',
				[user.id]
			);
			user.last_sign_in_at = u.rows[0]?.at ?? null;
		}
		return issue(user, null, null);
	}

	async function refreshGrant(body: Row) {
		const token = body.refresh_token;
		if (typeof token !== 'string' || !token || token.length > 256) {
			throw authError(400, 'validation_failed', 'refresh_token required');
		}
		const r = await db.query<{
			session_id: string;
			user_id: string;
			revoked_age: number | null;
			ended: boolean;
		}>(
			`select t.session_id, t.user_id, s.ended_at is not null as ended,
			        extract(epoch from now() - t.revoked_at)::float8 as revoked_age
			   from uitkijk_stack.refresh_tokens t
			   join uitkijk_stack.sessions s on s.id = t.session_id
			  where t.token = $1`,
			[token]
		);
		const t = r.rows[0];
		if (!t || t.ended) {
			throw authError(
				400,
				'refresh_token_not_found',
				'Invalid Refresh Token: Refresh Token Not Found'
			);
		}
		if (t.revoked_age !== null && t.revoked_age > REUSE_INTERVAL_S) {
			// Reuse of an old token: end the whole session, as GoTrue does.
			await endSessions('id = $1', [t.session_id]);
			throw authError(400, 'refresh_token_already_used', 'Invalid Refresh Token: Already Used');
		}
		const user = await userById(t.user_id);
		if (!user) throw authError(400, 'user_not_found', 'User from sub claim in JWT does not exist');
		if (!ctx.demo && isDemoEmail(user.email)) {
			throw authError(400, 'demo_disabled', 'Demo users sign in only in demo mode');
		}
		return issue(user, t.session_id, token);
	}

	/** Verifies the user's access token (not the anon key) of a request. */
	async function bearerUser(req: IncomingMessage): Promise<{ claims: Claims; user: Row }> {
		const token = requestToken(req);
		if (!token) throw authError(401, 'no_authorization', 'This endpoint requires a Bearer token');
		let claims: Claims;
		try {
			claims = verifyJwt(token, ctx.jwtSecret);
		} catch (e) {
			const expired = e instanceof JwtError && e.expired;
			throw authError(
				403,
				'bad_jwt',
				`invalid JWT: unable to parse or verify signature, ${expired ? 'token has invalid claims: token is expired' : (e as Error).message}`
			);
		}
		if (typeof claims.sub !== 'string' || !claims.sub) {
			throw authError(403, 'bad_jwt', 'invalid claim: missing sub claim');
		}
		if (isSessionRevoked(claims)) {
			throw authError(
				403,
				'session_not_found',
				'Session from session_id claim in JWT does not exist'
			);
		}
		if (typeof claims.session_id === 'string') {
			const s = await db.query<{ ended: boolean }>(
				'select ended_at is not null as ended from uitkijk_stack.sessions where id = $1',
				[claims.session_id]
			);
			if (!s.rows[0] || s.rows[0].ended) {
				throw authError(
					403,
					'session_not_found',
					'Session from session_id claim in JWT does not exist'
				);
			}
		}
		const user = await userById(claims.sub);
		if (!user) throw authError(403, 'user_not_found', 'User from sub claim in JWT does not exist');
		return { claims, user };
	}

	/** The admin API needs the service key as bearer token, as GoTrue's does. */
	function requireServiceRole(req: IncomingMessage) {
		const token = requestToken(req);
		let role: unknown = null;
		try {
			if (token) role = verifyJwt(token, ctx.jwtSecret).role;
		} catch {
			role = null;
		}
		if (role !== 'service_role') {
			throw authError(403, 'not_admin', 'User not allowed');
		}
	}

	const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

	async function adminBody(req: IncomingMessage): Promise<Row> {
		const body = parseJson(await readBody(req, 64 * 1024), {}, () =>
			authError(400, 'bad_json', 'Could not parse request body as JSON')
		);
		if (!body || typeof body !== 'object' || Array.isArray(body)) {
			throw authError(400, 'bad_json', 'Request body must be a JSON object');
		}
		return body as Row;
	}

	function checkPassword(password: unknown) {
		const problem = passwordProblem(password);
		if (problem) throw authError(422, 'weak_password', problem);
	}

	/** The service-role admin API: `/auth/v1/admin/users[/:id]`. */
	async function admin(req: IncomingMessage, res: ServerResponse, path: string, url: URL) {
		requireServiceRole(req);
		const method = req.method ?? 'GET';
		const id = path.slice('/auth/v1/admin/users'.length).replace(/^\//, '');
		if (!id) {
			if (method === 'GET') {
				const page = Math.max(1, Number(url.searchParams.get('page')) || 1);
				const perPage = Math.min(1000, Math.max(1, Number(url.searchParams.get('per_page')) || 50));
				const r = await db.query<{ u: Row; total: number }>(
					`select to_jsonb(u) as u, count(*) over ()::int as total from auth.users u
					  order by u.created_at, u.email limit $1 offset $2`,
					[perPage, (page - 1) * perPage]
				);
				sendJson(
					res,
					200,
					{ users: r.rows.map((x) => userObject(x.u)), aud: 'authenticated' },
					{ 'x-total-count': String(r.rows[0]?.total ?? 0) }
				);
				return;
			}
			if (method === 'POST') {
				const body = await adminBody(req);
				const email = typeof body.email === 'string' ? body.email.trim().toLowerCase() : '';
				if (!EMAIL.test(email) || email.includes('\u0000'))
					throw authError(400, 'validation_failed', 'A valid email is required');
				if (isDemoEmail(email)) {
					throw authError(
						422,
						'email_address_invalid',
						`The domain ${DEMO_EMAIL_DOMAIN} is reserved for the demo users`
					);
				}
				checkPassword(body.password);
				const meta =
					body.user_metadata && typeof body.user_metadata === 'object' ? body.user_metadata : {};
				const newId = randomUUID();
				try {
					await db.transaction(async (tx) => {
						await tx.query(
							`insert into auth.users (instance_id, id, aud, role, email, encrypted_password,
							   email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
							 values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', 'authenticated', $2,
							   extensions.crypt($3, extensions.gen_salt('bf', ${BCRYPT_COST})),
							   case when $4 then now() end,
							   '{"provider": "email", "providers": ["email"]}'::jsonb, $5::jsonb, now(), now())`,
							[newId, email, body.password, body.email_confirm === true, JSON.stringify(meta)]
						);
						await tx.query(
							`insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
							 values ($1::text, $1::uuid, jsonb_build_object('sub', $1::text, 'email', $2::text,
							         'email_verified', $3::boolean), 'email', now(), now())`,
							[newId, email, body.email_confirm === true]
						);
					});
				} catch (e) {
					if ((e as { code?: string }).code === '23505') {
						throw authError(
							422,
							'email_exists',
							'A user with this email address has already been registered'
						);
					}
					throw e;
				}
				sendJson(res, 200, userObject((await userById(newId))!));
				return;
			}
			throw authError(405, 'method_not_allowed', `${method} not allowed here`);
		}
		if (!UUID.test(id)) throw authError(404, 'user_not_found', 'User not found');
		const user = await userById(id);
		if (!user) throw authError(404, 'user_not_found', 'User not found');
		if (method === 'GET') {
			sendJson(res, 200, userObject(user));
			return;
		}
		if (method === 'PUT') {
			const body = await adminBody(req);
			if (body.password !== undefined) {
				checkPassword(body.password);
				await db.query(
					`update auth.users set encrypted_password =
					   extensions.crypt($2, extensions.gen_salt('bf', ${BCRYPT_COST})), updated_at = now()
					  where id = $1`,
					[id, body.password]
				);
				// A new password ends every session of the user (a stolen token stops working).
				await endSessions('user_id = $1', [id]);
			}
			sendJson(res, 200, userObject((await userById(id))!));
			return;
		}
		if (method === 'DELETE') {
			await endSessions('user_id = $1', [id]);
			await db.query('delete from auth.users where id = $1', [id]);
			sendJson(res, 200, userObject(user));
			return;
		}
		throw authError(405, 'method_not_allowed', `${method} not allowed here`);
	}

	/** The request must carry a valid apikey (anon or service), as Supabase's gateway demands. */
	function checkApiKey(req: IncomingMessage) {
		const key = typeof req.headers.apikey === 'string' ? req.headers.apikey : requestToken(req);
		if (!key) throw authError(401, 'no_api_key', 'No API key found in request');
		try {
			verifyJwt(key, ctx.jwtSecret);
		} catch {
			throw authError(401, 'invalid_api_key', 'Invalid API key');
		}
	}

	async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
		try {
			const path = url.pathname.replace(/\/+$/, '');
			const method = req.method ?? 'GET';
			if (method === 'GET' && path === '/auth/v1/health') {
				sendJson(res, 200, {
					version: 'uitkijk-local',
					name: 'GoTrue',
					description: 'local subset'
				});
				return;
			}
			if (method === 'GET' && path === '/auth/v1/.well-known/jwks.json') {
				sendJson(res, 200, { keys: [] });
				return;
			}
			checkApiKey(req);
			if (method === 'GET' && path === '/auth/v1/settings') {
				sendJson(res, 200, {
					external: { email: true, phone: false },
					disable_signup: true,
					mailer_autoconfirm: true,
					phone_autoconfirm: false,
					sms_provider: ''
				});
				return;
			}
			if (method === 'POST' && path === '/auth/v1/token') {
				const body = parseJson(await readBody(req, 64 * 1024), {}, () =>
					authError(400, 'bad_json', 'Could not parse request body as JSON')
				);
				if (!body || typeof body !== 'object' || Array.isArray(body)) {
					throw authError(400, 'bad_json', 'Request body must be a JSON object');
				}
				const grant = url.searchParams.get('grant_type');
				if (grant === 'password')
					sendJson(res, 200, await passwordGrant(body as Row, clientAddress(req)));
				else if (grant === 'refresh_token') sendJson(res, 200, await refreshGrant(body as Row));
				else {
					throw authError(400, 'unsupported_grant_type', 'unsupported_grant_type', {
						error: 'unsupported_grant_type',
						error_description: 'The local stack supports grant_type=password and refresh_token'
					});
				}
				return;
			}
			if (path === '/auth/v1/admin/users' || path.startsWith('/auth/v1/admin/users/')) {
				await admin(req, res, path, url);
				return;
			}
			if (method === 'GET' && path === '/auth/v1/user') {
				const { user } = await bearerUser(req);
				sendJson(res, 200, userObject(user));
				return;
			}
			if (method === 'POST' && path === '/auth/v1/logout') {
				const { claims } = await bearerUser(req).catch((e) => {
					// A token whose session is already gone is logged out already.
					if (e instanceof HttpError && e.body.error_code === 'session_not_found')
						return { claims: null };
					throw e;
				});
				if (claims) {
					const scope = url.searchParams.get('scope') ?? 'global';
					if (!['global', 'local', 'others'].includes(scope)) {
						throw authError(400, 'validation_failed', 'scope must be global, local or others');
					}
					const where =
						scope === 'global'
							? 'user_id = $1'
							: scope === 'local'
								? 'user_id = $1 and id = $2'
								: 'user_id = $1 and id <> $2';
					await endSessions(
						where,
						scope === 'global' ? [claims.sub] : [claims.sub, claims.session_id ?? null]
					);
				}
				send(res, 204, null);
				return;
			}
			throw authError(404, 'not_found', `The local stack does not implement ${method} ${path}`);
		} catch (e) {
			if (e instanceof HttpError) {
				sendJson(res, e.status, e.body, (e as { headers?: Record<string, string> }).headers);
			} else {
				// Never the error object: a database error carries the statement's parameters
				// (`params`), which hold the password of a sign-in.
				const err = e as { message?: unknown; code?: unknown };
				log(
					`auth: ${req.method} ${url.pathname} failed: ${String(err?.message ?? e).slice(0, 200)}${
						typeof err?.code === 'string' ? ` (${err.code})` : ''
					}`
				);
				sendJson(res, 500, {
					code: 500,
					error_code: 'unexpected_failure',
					msg: 'Unexpected failure, see the server log'
				});
			}
		}
	}

	return { handle, init };
}
