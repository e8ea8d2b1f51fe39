/**
 * Outside demo mode (no UITKIJK_DEMO) live mode asks for e-mail and password instead of offering
 * the demo roles; a real account (made through the admin API as `uitkijk user add` does) signs
 * in with its scope, and the demo users are refused. This spec starts its own server (port
 * 4327, fresh data directory) next to the demo-mode one of playwright.config.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

const PORT = 4327;
const BASE = `http://127.0.0.1:${PORT}`;
const PASSWORD = 'e2e-password-long-enough';
let server: ChildProcess;
let data: string;

test.beforeAll(async () => {
	data = mkdtempSync(join(tmpdir(), 'uitkijk-e2e-signin-'));
	server = spawn(process.execPath, ['--import', 'tsx', 'scripts/server.ts'], {
		env: {
			...process.env,
			PORT: String(PORT),
			HOST: '127.0.0.1',
			ORIGIN: BASE,
			UITKIJK_DATA: data,
			UITKIJK_FEEDER: 'off',
			UITKIJK_DETECTOR: 'off',
			UITKIJK_DEMO: ''
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	await expect
		.poll(
			() =>
				fetch(`${BASE}/api/config`).then(
					(r) => r.status,
					() => 0
				),
			{ timeout: 60_000 }
		)
		.toBe(200);
	const { service_key: key } = JSON.parse(readFileSync(join(data, 'keys.json'), 'utf8'));
	const headers = {
		apikey: key,
		authorization: `Bearer ${key}`,
		'content-type': 'application/json'
	};
	const created = await fetch(`${BASE}/auth/v1/admin/users`, {
		method: 'POST',
		headers,
		body: JSON.stringify({ email: 'analist@example.nl', password: PASSWORD, email_confirm: true })
	});
	expect(created.status).toBe(200);
	const { id } = (await created.json()) as { id: string };
	const role = await fetch(`${BASE}/rest/v1/rpc/set_user_role`, {
		method: 'POST',
		headers,
		body: JSON.stringify({ target_user: id, new_role: 'analyst', unit: 'NN', name: 'Analist E2E' })
	});
	expect(role.status).toBe(200);
});

test.afterAll(async () => {
	if (server && server.exitCode === null) {
		const exited = new Promise((r) => server.once('exit', r));
		server.kill('SIGTERM');
		await exited;
	}
	rmSync(data, { recursive: true, force: true });
});

test('live mode without demo: a sign-in form, real accounts only', async ({ page }) => {
	await page.goto(`${BASE}/?mode=live`);
	const form = page.getByTestId('signin');
	await expect(form).toBeVisible();
	await expect(page.getByTestId('role')).toHaveCount(0);

	await page.getByTestId('signin-email').fill('officier@uitkijk.demo');
	await page.getByTestId('signin-password').fill('uitkijk-demo');
	await page.getByTestId('signin-submit').click();
	await expect(page.getByTestId('signin-error')).toContainText('demo');

	await page.getByTestId('signin-email').fill('analist@example.nl');
	await page.getByTestId('signin-password').fill(PASSWORD);
	await page.getByTestId('signin-submit').click();
	await expect(form).toHaveCount(0);
	await expect(page.getByTestId('who')).toContainText('Analist E2E');
	await expect(page.getByTestId('who')).toContainText('NN');

	await page.getByRole('button', { name: 'Uitloggen' }).click();
	await expect(page.getByTestId('signin')).toBeVisible();
});
