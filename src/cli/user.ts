/**
 * `uitkijk user add|list|remove|passwd`: the accounts of real users, each with one application
 * role and its scope (public.user_roles). The user is created through the auth admin API
 * (`/auth/v1/admin/users`, the service key) and the role set with `set_user_role()`, so the same
 * command works on the embedded server (started with `npm start`; PGlite is one process, so the
 * command goes through that server and needs it running) and on a Supabase project
 * (SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY). Passwords: asked twice on a terminal (not echoed),
 * or one line from stdin with --password-stdin; 12 characters or more, at most 72 bytes.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isDemoEmail, passwordProblem } from '../stack/auth';
import { serviceClient } from '../lib/server/service-client';

export interface UserIo {
	stdout: NodeJS.WritableStream;
	stderr: NodeJS.WritableStream;
	env: NodeJS.ProcessEnv;
	/** Defaults to process.stdin. */
	stdin?: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
}

const ROLES = ['analyst', 'commander', 'mayor', 'prosecutor', 'planner'] as const;

const USAGE = `usage: uitkijk user add EMAIL --role ROLE [--unit ID] [--municipality CODE] [--name NAME]
                        [--password-stdin]
       uitkijk user list
       uitkijk user remove EMAIL
       uitkijk user passwd EMAIL [--password-stdin]

  ROLE is ${ROLES.join(', ')}. analyst and commander need --unit (a police unit: NN, ON, MN,
  NH, AM, DH, RT, ZB, OB, LB); mayor needs --municipality (a CBS code, e.g. GM0014); prosecutor
  and planner are national. The password is asked twice (not shown), or read from stdin with
  --password-stdin; at least 12 characters. passwd and remove end the user's sessions at once.

  Target: the embedded server (npm start, UITKIJK_DATA and PORT as it uses them; it must be
  running), or a Supabase project with SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY.
`;

class Fail extends Error {}

interface Admin {
	client: SupabaseClient;
	describe: string;
}

async function openAdmin(env: NodeJS.ProcessEnv): Promise<Admin> {
	if (env.SUPABASE_URL && env.SUPABASE_SERVICE_ROLE_KEY) {
		return {
			client: serviceClient(env.SUPABASE_URL, env.SUPABASE_SERVICE_ROLE_KEY),
			describe: env.SUPABASE_URL
		};
	}
	const dataDir = resolve(env.UITKIJK_DATA ?? '.uitkijk-data');
	const keysFile = join(dataDir, 'keys.json');
	if (!existsSync(keysFile)) {
		throw new Fail(
			`no embedded database in ${dataDir} (start it once with npm start, or set UITKIJK_DATA), and no SUPABASE_URL given`
		);
	}
	const keys = JSON.parse(readFileSync(keysFile, 'utf8')) as { service_key: string };
	const url = `http://127.0.0.1:${env.PORT ?? '3000'}`;
	try {
		const r = await fetch(`${url}/auth/v1/health`);
		if (!r.ok) throw new Error(`HTTP ${r.status}`);
	} catch (e) {
		throw new Fail(
			`the embedded server does not answer at ${url} (${(e as Error).message}): start it with npm start (user management goes through the running server: the database is one process), or set PORT`
		);
	}
	return {
		client: serviceClient(url, keys.service_key),
		describe: `the embedded server at ${url}`
	};
}

/** Reads stdin to its end; the password is its first line. */
async function passwordFromStdin(stdin: NodeJS.ReadableStream): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const c of stdin) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(String(c)));
	return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
}

/** Asks for a line on a terminal without echoing it. */
function ask(io: UserIo, prompt: string): Promise<string> {
	const stdin = io.stdin ?? process.stdin;
	return new Promise((resolveLine, reject) => {
		io.stderr.write(prompt);
		let line = '';
		stdin.setRawMode?.(true);
		stdin.resume();
		const done = (err: Error | null) => {
			stdin.setRawMode?.(false);
			stdin.pause();
			stdin.off('data', onData);
			io.stderr.write('\n');
			if (err) reject(err);
			else resolveLine(line);
		};
		const onData = (d: Buffer | string) => {
			for (const ch of String(d)) {
				if (ch === '\r' || ch === '\n') return done(null);
				if (ch === '\u0003' || ch === '\u0004') return done(new Fail('cancelled'));
				if (ch === '\u007f' || ch === '\b') line = [...line].slice(0, -1).join('');
				else line += ch;
			}
		};
		stdin.on('data', onData);
	});
}

async function readPassword(io: UserIo, fromStdin: boolean): Promise<string> {
	const stdin = io.stdin ?? process.stdin;
	let password: string;
	if (fromStdin) password = await passwordFromStdin(stdin);
	else if (stdin.isTTY) {
		password = await ask(io, 'Password: ');
		const again = await ask(io, 'Password (again): ');
		if (again !== password) throw new Fail('the passwords differ');
	} else {
		throw new Fail('no terminal to ask the password on: pass it on stdin with --password-stdin');
	}
	const problem = passwordProblem(password);
	if (problem) throw new Fail(problem);
	return password;
}

type AuthUser = { id: string; email?: string; created_at?: string; last_sign_in_at?: string };

async function allUsers(client: SupabaseClient): Promise<AuthUser[]> {
	const out: AuthUser[] = [];
	for (let page = 1; page < 1000; page++) {
		const { data, error } = await client.auth.admin.listUsers({ page, perPage: 1000 });
		if (error) throw new Fail(`listing users: ${error.message}`);
		out.push(...(data.users as AuthUser[]));
		if (data.users.length < 1000) break;
	}
	return out;
}

async function findUser(client: SupabaseClient, email: string): Promise<AuthUser> {
	const e = email.toLowerCase();
	const user = (await allUsers(client)).find((u) => u.email?.toLowerCase() === e);
	if (!user) throw new Fail(`no user ${email}`);
	return user;
}

export async function user(argv: string[], io: UserIo): Promise<number> {
	let values;
	let pos: string[];
	try {
		({ values, positionals: pos } = parseArgs({
			args: argv,
			allowPositionals: true,
			options: {
				role: { type: 'string' },
				unit: { type: 'string' },
				municipality: { type: 'string' },
				name: { type: 'string' },
				'password-stdin': { type: 'boolean' },
				help: { type: 'boolean', short: 'h' }
			}
		}));
	} catch (err) {
		io.stderr.write(`uitkijk user: ${(err as Error).message}\n\n${USAGE}`);
		return 2;
	}
	if (values.help) {
		io.stdout.write(USAGE);
		return 0;
	}
	const [verb, email] = pos;
	const needsEmail = verb === 'add' || verb === 'remove' || verb === 'passwd';
	if (
		!['add', 'list', 'remove', 'passwd'].includes(verb ?? '') ||
		pos.length !== (needsEmail ? 2 : 1)
	) {
		io.stderr.write(USAGE);
		return 2;
	}
	if (needsEmail && !/^[^\s@]{1,64}@[^\s@]{1,255}$/.test(email)) {
		io.stderr.write(`uitkijk user: not an e-mail address: ${email}\n`);
		return 2;
	}
	if (verb === 'add') {
		if (!values.role || !(ROLES as readonly string[]).includes(values.role)) {
			io.stderr.write(`uitkijk user: --role must be one of ${ROLES.join(', ')}\n`);
			return 2;
		}
		if (isDemoEmail(email)) {
			io.stderr.write('uitkijk user: the domain uitkijk.demo is reserved for the demo users\n');
			return 2;
		}
	} else if (values.role || values.unit || values.municipality || values.name) {
		io.stderr.write(
			`uitkijk user ${verb}: --role, --unit, --municipality and --name belong to add\n`
		);
		return 2;
	}
	let admin: Admin | null = null;
	try {
		// The target first: nobody types a password for a server that is not there.
		admin = await openAdmin(io.env);
		const password =
			verb === 'add' || verb === 'passwd'
				? await readPassword(io, values['password-stdin'] === true)
				: '';
		const { client } = admin;
		if (verb === 'add') {
			const created = await client.auth.admin.createUser({
				email,
				password,
				email_confirm: true,
				user_metadata: values.name ? { display_name: values.name } : {}
			});
			if (created.error) throw new Fail(created.error.message);
			const id = created.data.user.id;
			const role = await client.rpc('set_user_role', {
				target_user: id,
				new_role: values.role,
				unit: values.unit ?? null,
				municipality: values.municipality ?? null,
				name: values.name ?? email
			});
			if (role.error) {
				// No account without a role: take the user back out.
				await client.auth.admin.deleteUser(id);
				throw new Fail(role.error.message);
			}
			const scope = values.unit
				? ` in unit ${values.unit}`
				: values.municipality
					? ` in municipality ${values.municipality}`
					: ' (national)';
			io.stderr.write(
				`user: ${email.toLowerCase()} added as ${values.role}${scope} in ${admin.describe}\n`
			);
		} else if (verb === 'list') {
			const users = await allUsers(client);
			const roles = await client.rpc('list_user_roles');
			if (roles.error) throw new Fail(`list_user_roles: ${roles.error.message}`);
			const byId = new Map(
				(
					roles.data as {
						user_id: string;
						role: string;
						unit_id: string | null;
						municipality_code: string | null;
					}[]
				).map((r) => [r.user_id, r])
			);
			for (const u of users.sort((a, b) => (a.email ?? '').localeCompare(b.email ?? ''))) {
				const r = byId.get(u.id);
				const scope = r?.unit_id ?? r?.municipality_code ?? (r ? 'national' : '-');
				const demo = isDemoEmail(u.email) ? '\tdemo' : '';
				io.stdout.write(
					`${u.email}\t${r?.role ?? '(no role)'}\t${scope}\t${u.last_sign_in_at ?? 'never'}${demo}\n`
				);
			}
		} else if (verb === 'remove') {
			const u = await findUser(client, email);
			const { error } = await client.auth.admin.deleteUser(u.id);
			if (error) throw new Fail(error.message);
			io.stderr.write(`user: ${u.email} removed; their sessions have ended\n`);
		} else {
			const u = await findUser(client, email);
			const { error } = await client.auth.admin.updateUserById(u.id, { password });
			if (error) throw new Fail(error.message);
			io.stderr.write(`user: password of ${u.email} changed; their sessions have ended\n`);
		}
		return 0;
	} catch (e) {
		io.stderr.write(`uitkijk user: ${(e as Error).message}\n`);
		return e instanceof Fail ? 2 : 1;
	}
}
