/**
 * HS256 JSON Web Tokens with node:crypto, and the keys of the local stack: one secret, generated
 * once into the data directory (keys.json, mode 0600), never in the repository. The anon and
 * service keys are long-lived JWTs like a Supabase project's.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type Claims = Record<string, unknown> & {
	role?: string;
	sub?: string;
	exp?: number;
	iat?: number;
};

export interface StackKeys {
	/** HS256 secret (hex). */
	jwt_secret: string;
	/** JWT with role anon, what the browser uses. */
	anon_key: string;
	/** JWT with role service_role, for workers (ingest, feeder); bypasses RLS. */
	service_key: string;
	/** 32 random bytes (hex): the key of the author pseudonyms (keyed hash). */
	pseudonym_key: string;
}

export class JwtError extends Error {
	constructor(
		message: string,
		readonly expired = false
	) {
		super(message);
		this.name = 'JwtError';
	}
}

function b64url(data: Buffer | string): string {
	return Buffer.from(data).toString('base64url');
}

const HEADER = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

export function signJwt(claims: Claims, secret: string): string {
	const body = `${HEADER}.${b64url(JSON.stringify(claims))}`;
	const sig = createHmac('sha256', secret).update(body).digest('base64url');
	return `${body}.${sig}`;
}

const B64URL = /^[A-Za-z0-9_-]*$/;

/** Verifies signature, algorithm and time claims; returns the claims or throws a JwtError. */
export function verifyJwt(token: string, secret: string, now = Date.now() / 1000): Claims {
	if (typeof token !== 'string' || token.length > 16384) throw new JwtError('JWT malformed');
	const parts = token.split('.');
	if (parts.length !== 3 || !parts.every((p) => B64URL.test(p))) {
		throw new JwtError('Expected 3 parts in JWT; got ' + parts.length);
	}
	let header: unknown;
	let claims: unknown;
	try {
		header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
		claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
	} catch {
		throw new JwtError('JWT malformed');
	}
	if (!header || typeof header !== 'object' || (header as { alg?: unknown }).alg !== 'HS256') {
		throw new JwtError('JWT algorithm not supported (HS256 only)');
	}
	const expected = createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest();
	const given = Buffer.from(parts[2], 'base64url');
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
		throw new JwtError('JWSError JWSInvalidSignature');
	}
	if (!claims || typeof claims !== 'object' || Array.isArray(claims)) {
		throw new JwtError('JWT claims are not an object');
	}
	const c = claims as Claims;
	if (c.exp !== undefined && (typeof c.exp !== 'number' || c.exp <= now)) {
		throw new JwtError('JWT expired', true);
	}
	if (c.nbf !== undefined && (typeof c.nbf !== 'number' || c.nbf > now + 30)) {
		throw new JwtError('JWT not yet valid');
	}
	if (c.role !== undefined && typeof c.role !== 'string') throw new JwtError('JWT role invalid');
	return c;
}

/** Roles a token may switch to (PostgREST `set local role`). */
export const API_ROLES = new Set(['anon', 'authenticated', 'service_role']);

/** Reads the keys from dataDir/keys.json, creating them (mode 0600) on first start. */
export function loadKeys(dataDir: string): StackKeys {
	const file = join(dataDir, 'keys.json');
	if (existsSync(file)) {
		const k = JSON.parse(readFileSync(file, 'utf8')) as Partial<StackKeys>;
		for (const name of ['jwt_secret', 'anon_key', 'service_key', 'pseudonym_key'] as const) {
			if (typeof k[name] !== 'string' || !k[name]) {
				throw new Error(`${file}: ${name} missing; delete the file to generate new keys`);
			}
		}
		return k as StackKeys;
	}
	mkdirSync(dataDir, { recursive: true });
	const secret = randomBytes(32).toString('hex');
	const iat = Math.floor(Date.now() / 1000);
	const exp = iat + 10 * 365 * 24 * 3600;
	const keys: StackKeys = {
		jwt_secret: secret,
		anon_key: signJwt({ iss: 'supabase', ref: 'uitkijk-local', role: 'anon', iat, exp }, secret),
		service_key: signJwt(
			{ iss: 'supabase', ref: 'uitkijk-local', role: 'service_role', iat, exp },
			secret
		),
		pseudonym_key: randomBytes(32).toString('hex')
	};
	writeFileSync(file, JSON.stringify(keys, null, '\t') + '\n', { mode: 0o600, flag: 'wx' });
	chmodSync(file, 0o600);
	return keys;
}
