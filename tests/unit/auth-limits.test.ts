/**
 * Sign-in throttling (FailureLimiter, src/stack/auth.ts), the revoked-session set
 * (src/stack/sessions.ts), and the demo mode's refusal to serve beyond loopback (scripts/server.ts).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FailureLimiter, passwordProblem } from '../../src/stack/auth';
import { isSessionRevoked, onSessionRevoked, revokeSessions } from '../../src/stack/sessions';

describe('FailureLimiter', () => {
	it('refuses after max failures in the window, with the seconds until the oldest leaves it', () => {
		const l = new FailureLimiter(5, 15 * 60_000, 100);
		const t0 = 1_000_000;
		for (let i = 0; i < 5; i++) {
			expect(l.retryAfter('a', t0 + i)).toBe(0);
			l.fail('a', t0 + i);
		}
		expect(l.retryAfter('a', t0 + 10)).toBe(900);
		expect(l.retryAfter('b', t0 + 10)).toBe(0);
		expect(l.retryAfter('a', t0 + 15 * 60_000 + 1)).toBe(0);
		l.fail('c', t0);
		l.clear('c');
		expect(l.retryAfter('c', t0)).toBe(0);
	});

	it('holds at most capacity keys and max timestamps per key', () => {
		const l = new FailureLimiter(3, 60_000, 1000);
		for (let i = 0; i < 50_000; i++) l.fail(`k${i % 5000}`, 1000 + i);
		expect(l.size).toBeLessThanOrEqual(1000);
		const hot = new FailureLimiter(3, 60_000, 10);
		for (let i = 0; i < 10_000; i++) hot.fail('one', 1000 + i);
		expect(hot.retryAfter('one', 11_000)).toBeGreaterThan(0);
		expect((hot as unknown as { hits: Map<string, number[]> }).hits.get('one')).toHaveLength(3);
	});
});

describe('passwordProblem', () => {
	it('wants 12 characters, at most 72 bytes, no NUL', () => {
		expect(passwordProblem('short')).toMatch(/at least 12/);
		expect(passwordProblem('a'.repeat(12))).toBeNull();
		expect(passwordProblem('é'.repeat(37))).toMatch(/72 bytes/);
		expect(passwordProblem('abcdefghijkl\u0000')).toMatch(/U\+0000/);
	});
});

describe('revoked sessions', () => {
	it('refuses a revoked session until its tokens have expired, and tells listeners', () => {
		const seen: string[] = [];
		const stop = onSessionRevoked((id) => seen.push(id));
		const id = `test-${Math.random()}`;
		expect(isSessionRevoked({ session_id: id })).toBe(false);
		revokeSessions([id], Date.now() + 60_000);
		expect(isSessionRevoked({ session_id: id })).toBe(true);
		expect(isSessionRevoked({})).toBe(false);
		expect(seen).toEqual([id]);
		const old = `test-${Math.random()}`;
		revokeSessions([old], Date.now() - 1);
		expect(isSessionRevoked({ session_id: old })).toBe(false);
		stop();
	});
});

/** Starts scripts/server.ts with env; resolves with its exit code and stderr (or 'running'). */
function startServer(env: Record<string, string>) {
	const data = mkdtempSync(join(tmpdir(), 'uitkijk-demo-host-'));
	const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/server.ts'], {
		env: {
			...process.env,
			UITKIJK_DATA: data,
			UITKIJK_FEEDER: 'off',
			UITKIJK_DETECTOR: 'off',
			PORT: '0',
			...env
		},
		stdio: ['ignore', 'ignore', 'pipe']
	});
	let stderr = '';
	child.stderr.on('data', (d) => (stderr += String(d)));
	return new Promise<{ code: number | string; stderr: string }>((resolve) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			resolve({ code: 'running', stderr });
		}, 25_000);
		child.on('exit', (code) => {
			clearTimeout(timer);
			rmSync(data, { recursive: true, force: true });
			resolve({ code: code ?? -1, stderr });
		});
	});
}

describe('demo mode (UITKIJK_DEMO=1)', () => {
	it('refuses to start when HOST is not loopback', async () => {
		const r = await startServer({ UITKIJK_DEMO: '1', HOST: '0.0.0.0' });
		expect(r.code).toBe(2);
		expect(r.stderr.trim().split('\n')).toHaveLength(1);
		expect(r.stderr).toMatch(/demo mode .*HOST=0\.0\.0\.0/);
	}, 30_000);

	it("refuses to start when ORIGIN's host is not loopback", async () => {
		const r = await startServer({
			UITKIJK_DEMO: '1',
			HOST: '127.0.0.1',
			ORIGIN: 'https://uitkijk.example.org'
		});
		expect(r.code).toBe(2);
		expect(r.stderr).toMatch(/ORIGIN=https:\/\/uitkijk\.example\.org/);
	}, 30_000);
});
