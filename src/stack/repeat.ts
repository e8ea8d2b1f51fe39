/**
 * A background loop for the stack's workers (feeder, detector worker): `step` runs every
 * `everyMs` after the previous run ended (runs never overlap), until it returns `false` or the
 * loop is stopped. A failed step is reported to `onError` and tried again at the next tick.
 */
export interface Repeating {
	/** Stop the loop and wait for a running step to end. */
	stop(): Promise<void>;
}

export function repeat(
	step: () => Promise<boolean | void>,
	everyMs: number,
	onError: (err: unknown) => void
): Repeating {
	let stopped = false;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let running: Promise<void> = Promise.resolve();
	function schedule(): void {
		if (stopped) return;
		timer = setTimeout(() => {
			running = step()
				.then((more) => {
					if (more === false) stopped = true;
				})
				.catch(onError)
				.finally(schedule);
		}, everyMs);
	}
	schedule();
	return {
		async stop() {
			stopped = true;
			clearTimeout(timer);
			await running;
		}
	};
}
