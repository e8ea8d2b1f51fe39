// A workaround for a PGlite defect, applied to every embedded database (pglite-worker.mjs).

/**
 * PGlite 0.5.8 runs each protocol message with `_PostgresMainLoopOnce()` and catches an ERROR's
 * longjmp as a JavaScript exception, then calls `_PostgresMainLongJmp()`; it never restores the
 * WebAssembly stack pointer that the abandoned C frames had lowered. Every failing statement so
 * leaks about 1 kB of the 2 MB C stack, and after some 1,900 of them every statement answers
 * `54001 stack depth limit exceeded` (then `25P02`). Restoring `__stack_pointer` to its value
 * before the call fixes it (Emscripten's own invoke_* wrappers do the same around a catch).
 * Reproduction and report: docs/upstream/pglite-error-stack-leak.md.
 *
 * @param {any} pg
 */
export function guardErrorStack(pg) {
	const mod = pg.mod;
	const sp = mod?.___stack_pointer;
	const loopOnce = mod?._PostgresMainLoopOnce;
	if (!sp || typeof sp.value !== 'number' || typeof loopOnce !== 'function') {
		throw new Error(
			'PGlite internals changed: cannot guard the error stack (see pglite-worker.mjs)'
		);
	}
	mod._PostgresMainLoopOnce = (/** @type {unknown[]} */ ...args) => {
		const saved = sp.value;
		try {
			return loopOnce(...args);
		} catch (e) {
			sp.value = saved;
			throw e;
		}
	};
}
