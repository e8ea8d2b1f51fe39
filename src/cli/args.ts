/**
 * Argument parsing shared by the subcommands that take repeated or `--flag=value` arguments:
 * `--flag value` and `--flag=value` pairs, `-h`/`--help`, a clear error for an unknown flag or a
 * missing value.
 */

/** A mistake in the command line: the subcommand prints it with its usage and exits with 2. */
export class UsageError extends Error {}

export interface FlagPairs {
	pairs: [flag: string, value: string][];
	help: boolean;
}

export function flagPairs(argv: string[], takes: ReadonlySet<string>): FlagPairs {
	const pairs: [string, string][] = [];
	let help = false;
	for (let i = 0; i < argv.length; i++) {
		let a = argv[i];
		let v: string | undefined;
		if (a === '-h' || a === '--help') {
			help = true;
			continue;
		}
		const eq = a.indexOf('=');
		if (a.startsWith('--') && eq > 0) {
			v = a.slice(eq + 1);
			a = a.slice(0, eq);
		}
		if (!takes.has(a)) throw new UsageError(`unknown argument: ${argv[i]}`);
		if (v === undefined) {
			v = argv[++i];
			if (v === undefined || (v.startsWith('--') && v.length > 2))
				throw new UsageError(`${a} needs a value`);
		}
		pairs.push([a, v]);
	}
	return { pairs, help };
}

/** An integer seed. */
export function parseSeed(v: string): number {
	const n = Number(v);
	if (!/^-?\d+$/.test(v.trim()) || !Number.isSafeInteger(n))
		throw new UsageError(`--seed must be an integer, got "${v}"`);
	return n;
}
