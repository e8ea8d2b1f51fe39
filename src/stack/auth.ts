/**
 * The demo sign-in subset of GoTrue (Supabase Auth) that supabase-js `auth` uses:
 * `POST /auth/v1/token?grant_type=password|refresh_token`, `GET /auth/v1/user`,
 * `POST /auth/v1/logout`. Passwords are checked against auth.users.encrypted_password with
 * pgcrypto's crypt(); sessions and refresh tokens live in the stack's own schema. Responses and
 * errors have GoTrue's shape so that `signInWithPassword`, `refreshSession`, `getUser` and
 * `signOut` work unchanged.
 */
import type { Db } from './pg-thread';
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, parseJson, readBody, requestToken, send, sendJson } from './http';
import { API_ROLES, JwtError, signJwt, verifyJwt, type Claims } from './jwt';

export interface AuthContext {
	db: Db;
	jwtSecret: string;
	/** Seconds an access token lives (GoTrue's default: 3600). */
	accessTokenTtl: number;
	/** Issuer claim, e.g. http://127.0.0.1:3000/auth/v1. */
	issuer: string;
}

/** A refresh token may be presented again within this time (parallel tabs refreshing at once). */
const REUSE_INTERVAL_S = 10;

type Row = Record<string, unknown>;

function authError(status: number, errorCode: string, msg: string, extra: Row = {}) {
	return new HttpError(status, { code: status, error_code: errorCode, msg, ...extra });
}

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

	async function passwordGrant(body: Row) {
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
		if (email.length > 320 || password.length > 1024) throw invalidCredentials();
		const r = await db.query<{ u: Row }>(
			`select to_jsonb(u) as u from auth.users u
			  where lower(u.email) = lower($1)
			    and u.encrypted_password is not null and u.encrypted_password <> ''
			    and u.encrypted_password = extensions.crypt($2, u.encrypted_password)`,
			[email, password]
		);
		const user = r.rows[0]?.u;
		if (!user) throw invalidCredentials();
		if (user.deleted_at) throw invalidCredentials();
		if (typeof user.banned_until === 'string' && Date.parse(user.banned_until) > Date.now()) {
			throw authError(400, 'user_banned', 'User is banned');
		}
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
			await db.query('update uitkijk_stack.sessions set ended_at = now() where id = $1', [
				t.session_id
			]);
			throw authError(400, 'refresh_token_already_used', 'Invalid Refresh Token: Already Used');
		}
		const user = await userById(t.user_id);
		if (!user) throw authError(400, 'user_not_found', 'User from sub claim in JWT does not exist');
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
				if (grant === 'password') sendJson(res, 200, await passwordGrant(body as Row));
				else if (grant === 'refresh_token') sendJson(res, 200, await refreshGrant(body as Row));
				else {
					throw authError(400, 'unsupported_grant_type', 'unsupported_grant_type', {
						error: 'unsupported_grant_type',
						error_description: 'The local stack supports grant_type=password and refresh_token'
					});
				}
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
					await db.query(
						`update uitkijk_stack.sessions set ended_at = now() where ended_at is null and ${where}`,
						scope === 'global' ? [claims.sub] : [claims.sub, claims.session_id ?? null]
					);
				}
				send(res, 204, null);
				return;
			}
			throw authError(404, 'not_found', `The local stack does not implement ${method} ${path}`);
		} catch (e) {
			if (e instanceof HttpError) sendJson(res, e.status, e.body);
			else {
				console.error('auth: unexpected error', e);
				sendJson(res, 500, {
					code: 500,
					error_code: 'unexpected_failure',
					msg: (e as Error).message
				});
			}
		}
	}

	return { handle };
}
