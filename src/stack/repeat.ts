/**
 * Background loops for the stack's workers (feeder, detector worker) and their start.
 *
 * `repeat`: `step` runs every `everyMs` after the previous run ended (runs never overlap), until
 * it returns `false` or the loop is stopped. A failed step is tried again after an exponential,
 * capped back-off (2×, 4×, … `everyMs`, at most `maxBackoffMs`), so that a statement the database
 * keeps refusing is not sent four times a second for ever; `onError` hears of every failure with
 * whether it is of the same kind as the one before, so that callers log a kind once, not per try.
 *
 * `keepStarting`: starts a worker, and when the start fails (a transient error: the database
 * still recovering from a crash), tries again with the same back-off until it starts or is
 * stopped. Errors marked permanent (`ConfigError`: a bad setting) are not retried.
 */

/** A failure that trying again cannot mend (a bad setting): not retried. */
export class ConfigError extends Error {
	readonly permanent = true;
}

export interface Repeating {
	/** Stop the loop and wait for a running step to end. */
	stop(): Promise<void>;
}

export interface RepeatFailure {
	/** Consecutive failures so far (1 for the first). */
	failures: number;
	/** Wall ms until the next try. */
	retryInMs: number;
	/** Same kind as the failure before it (in this run of failures): callers log it only once. */
	repeated: boolean;
}

export interface RepeatOptions {
	/** Longest wait between tries after consecutive failures (default 60 s). */
	maxBackoffMs?: number;
	/** A step succeeded after `failures` consecutive failures. */
	onRecover?: (failures: number) => void;
}

export const DEFAULT_MAX_BACKOFF_MS = 60_000;

/** The kind of a failure: its message without the numbers in it (times, counts, ids). */
export function failureKind(err: unknown): string {
	const msg = err instanceof Error ? err.message : String(err);
	return msg.replace(/\d+(\.\d+)?/g, '#').slice(0, 300);
}

/** The wait before try `failures + 1`: everyMs × 2^failures, capped. */
export function backoffMs(everyMs: number, failures: number, maxMs: number): number {
	if (failures <= 0) return everyMs;
	return Math.min(maxMs, Math.max(everyMs, 1) * 2 ** Math.min(failures, 30));
}

export function repeat(
	step: () => Promise<boolean | void>,
	everyMs: number,
	onError: (err: unknown, failure: RepeatFailure) => void,
	opts: RepeatOptions = {}
): Repeating {
	const maxMs = Math.max(everyMs, opts.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS);
	let stopped = false;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let running: Promise<void> = Promise.resolve();
	let failures = 0;
	let lastKind: string | null = null;
	function schedule(delay: number): void {
		if (stopped) return;
		timer = setTimeout(() => {
			let next = everyMs;
			running = step()
				.then((more) => {
					if (failures > 0) opts.onRecover?.(failures);
					failures = 0;
					lastKind = null;
					if (more === false) stopped = true;
				})
				.catch((err: unknown) => {
					failures++;
					next = backoffMs(everyMs, failures, maxMs);
					const kind = failureKind(err);
					const repeated = kind === lastKind;
					lastKind = kind;
					try {
						onError(err, { failures, retryInMs: next, repeated });
					} catch {
						// A failing logger must not end the loop.
					}
				})
				.finally(() => schedule(next));
		}, delay);
	}
	schedule(everyMs);
	return {
		async stop() {
			stopped = true;
			clearTimeout(timer);
			await running;
		}
	};
}

export interface Starting<T> {
	/** Resolves with the started worker, or null once stopped or given up (a permanent error). */
	readonly ready: Promise<T | null>;
	/** The started worker, null before. */
	readonly current: T | null;
	/** Tries so far. */
	readonly tries: number;
	/** Stop retrying, and stop the worker if it started (also one whose start is under way). */
	stop(): Promise<void>;
}

export interface KeepStartingOptions {
	log: (msg: string) => void;
	/** Wait before the second try (default 1 s); doubles per failure. */
	firstDelayMs?: number;
	/** Longest wait between tries (default 60 s). */
	maxDelayMs?: number;
}

function isPermanent(err: unknown): boolean {
	return (err as { permanent?: unknown } | null)?.permanent === true;
}

/** Start `what` with `start`, trying again with back-off after a failure (see the top). */
export function keepStarting<T extends { stop(): Promise<void> }>(
	what: string,
	/** Starts the worker; `signal` aborts when the start is stopped (see `orStopped`). */
	start: (signal: AbortSignal) => Promise<T>,
	opts: KeepStartingOptions
): Starting<T> {
	const abort = new AbortController();
	const first = opts.firstDelayMs ?? 1000;
	const maxMs = Math.max(first, opts.maxDelayMs ?? DEFAULT_MAX_BACKOFF_MS);
	let stopped = false;
	let current: T | null = null;
	let tries = 0;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let wake: () => void = () => {};
	let attempt: Promise<unknown> = Promise.resolve();

	const ready = (async (): Promise<T | null> => {
		let lastKind: string | null = null;
		for (;;) {
			if (stopped) return null;
			tries++;
			const run = start(abort.signal);
			attempt = run.catch(() => {});
			try {
				const started = await run;
				if (stopped) {
					// Stopped while it was starting: it must not run on.
					await started.stop().catch(() => {});
					return null;
				}
				current = started;
				opts.log(`${what} started${tries > 1 ? ` (try ${tries})` : ''}`);
				return started;
			} catch (err) {
				const msg = err instanceof Error ? err.message : String(err);
				if (isPermanent(err)) {
					opts.log(`${what} failed to start, not retried: ${msg}`);
					return null;
				}
				const delay = backoffMs(first, tries - 1, maxMs);
				const kind = failureKind(err);
				if (kind !== lastKind)
					opts.log(
						`${what} failed to start (${msg}); trying again with back-off (${delay} ms, up to ${maxMs} ms)`
					);
				lastKind = kind;
				if (stopped) return null;
				await new Promise<void>((res) => {
					wake = res;
					timer = setTimeout(res, delay);
				});
			}
		}
	})();

	return {
		ready,
		get current() {
			return current;
		},
		get tries() {
			return tries;
		},
		async stop() {
			stopped = true;
			abort.abort();
			clearTimeout(timer);
			wake();
			await attempt;
			await ready;
			if (current) await current.stop();
			current = null;
		}
	};
}

/** `p`, or a rejection once `signal` aborts (a start that waits on something else stops). */
export function orStopped<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
	if (signal.aborted) return Promise.reject(new Error('stopped'));
	return new Promise<T>((resolve, reject) => {
		const onAbort = () => reject(new Error('stopped'));
		signal.addEventListener('abort', onAbort, { once: true });
		p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
	});
}
