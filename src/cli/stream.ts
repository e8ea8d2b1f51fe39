/**
 * `uitkijk stream`: read the live public stream of an open network (Bluesky through Jetstream,
 * a Mastodon instance's streaming API), turn each message into a post and hand the posts in
 * batches to the ingest pipeline (`submit`), or print them as posts NDJSON with --dry-run.
 *
 *   uitkijk stream bluesky [--url URL] [--dry-run]
 *   uitkijk stream mastodon --url https://INSTANCE/api/v1/streaming/public [--token T] [--dry-run]
 *
 * stdout carries only posts NDJSON (--dry-run); connections, errors and the summary go to stderr.
 */
import { parseArgs } from 'node:util';
import { JETSTREAM_URL } from '../lib/adapters/bluesky.ts';
import { serializePost } from '../lib/posts/ndjson.ts';
import type { Post } from '../lib/posts/post.ts';
import type { SimulateIo } from './simulate';

export interface StreamIo extends SimulateIo {
	/** Stops the stream when aborted (besides SIGINT and SIGTERM). */
	signal?: AbortSignal;
}

/** The ingest pipeline: takes a batch of posts; a rejection keeps the batch for a retry. */
export type SubmitPosts = (posts: Post[]) => Promise<void>;

export const STREAM_USAGE = `usage: uitkijk stream bluesky [--url URL] [--dry-run] [options]
       uitkijk stream mastodon --url URL [--token TOKEN] [--dry-run] [options]

Reads the live public stream of an open network, makes each message a post (the posts NDJSON
format of docs/formats.md) and hands the posts to the ingest pipeline in batches; with --dry-run
it prints them as NDJSON on stdout instead and stores nothing. Runs until interrupted (Ctrl-C)
or --limit posts. Reconnects by itself after a dropped connection.

Bluesky, through Jetstream (public, no account needed):
  default --url ${JETSTREAM_URL}
  Bluesky's other public instances: jetstream1.us-east, jetstream1.us-west and
  jetstream2.us-west (.bsky.network). Add &wantedDids=did:plc:... to follow given accounts only.
  After a dropped connection it resumes from the last event seen (cursor=<time_us>).
  Try it:  uitkijk stream bluesky --dry-run --limit 20

Mastodon, through one instance's streaming API (the public posts that instance knows of):
  --url https://<instance>/api/v1/streaming/public          server-sent events
  --url https://<instance>/api/v1/streaming/public/local    that instance's own posts only
  --url wss://<instance>/api/v1/streaming?stream=public     the WebSocket form
  Since Mastodon 4.2 the streaming API needs a user access token on most instances: on the
  instance, Preferences > Development > New application, scope read:statuses; copy "Your access
  token". Pass it in UITKIJK_MASTODON_TOKEN (or --token, which other users can see in the
  process list). Where an instance serves streaming from another host (configuration.urls.streaming
  in https://<instance>/api/v2/instance), use that host in --url and pass --instance <instance>.
  Try it:  UITKIJK_MASTODON_TOKEN=... uitkijk stream mastodon --dry-run --limit 20 \\
             --url https://mastodon.social/api/v1/streaming/public

Options:
  --url URL        the stream (required for mastodon)
  --token TOKEN    Mastodon access token (default: UITKIJK_MASTODON_TOKEN)
  --instance HOST  Mastodon: the instance whose status ids the stream carries (default: the
                   host of --url)
  --dry-run        print the posts as NDJSON on stdout; submit nothing
  --batch-ms N     milliseconds between batches (default 1000)
  --limit N        stop after N posts
  -h, --help       this text

Exit status: 0 when stopped, 1 when posts were left unsubmitted, 2 for a usage error.
`;

function positiveInt(flag: string, v: string | undefined): number | undefined {
	if (v === undefined) return undefined;
	if (!/^[0-9]+$/.test(v) || !Number.isSafeInteger(Number(v)) || Number(v) < 1)
		throw new Error(`${flag} must be a positive integer, got "${v}"`);
	return Number(v);
}

export async function streamCommand(
	argv: string[],
	io: StreamIo,
	submit?: SubmitPosts
): Promise<number> {
	const { stdout, stderr, env } = io;
	let values;
	let positionals: string[];
	let batchMs: number | undefined;
	let limit: number | undefined;
	try {
		({ values, positionals } = parseArgs({
			args: argv,
			allowPositionals: true,
			options: {
				url: { type: 'string' },
				token: { type: 'string' },
				instance: { type: 'string' },
				'dry-run': { type: 'boolean' },
				'batch-ms': { type: 'string' },
				limit: { type: 'string' },
				help: { type: 'boolean', short: 'h' }
			}
		}));
		batchMs = positiveInt('--batch-ms', values['batch-ms']);
		limit = positiveInt('--limit', values.limit);
	} catch (err) {
		stderr.write(`uitkijk stream: ${(err as Error).message}\n\n${STREAM_USAGE}`);
		return 2;
	}
	if (values.help) {
		stdout.write(STREAM_USAGE);
		return 0;
	}
	const network = positionals[0];
	const usage = (m: string) => {
		stderr.write(`uitkijk stream: ${m}\n\n${STREAM_USAGE}`);
		return 2;
	};
	if (network !== 'bluesky' && network !== 'mastodon')
		return usage(
			network === undefined ? 'which network? bluesky or mastodon' : `unknown network '${network}'`
		);
	if (positionals.length > 1) return usage(`unexpected argument: ${positionals[1]}`);
	const url = values.url ?? (network === 'bluesky' ? JETSTREAM_URL : undefined);
	if (url === undefined)
		return usage('mastodon needs --url https://<instance>/api/v1/streaming/public');
	const token = values.token ?? env.UITKIJK_MASTODON_TOKEN;
	if (network === 'bluesky' && values.token) return usage('--token is for mastodon');
	const dryRun = values['dry-run'] === true;
	if (!dryRun && !submit)
		return usage('no ingest pipeline is wired into this command here; use --dry-run');

	let done!: () => void;
	const finished = new Promise<void>((r) => (done = r));
	let remaining = limit ?? Infinity;
	const deliver: SubmitPosts = async (posts) => {
		const batch = posts.length > remaining ? posts.slice(0, remaining) : posts;
		if (batch.length === 0) return;
		if (dryRun) stdout.write(batch.map((p) => serializePost(p) + '\n').join(''));
		else await submit!(batch);
		remaining -= batch.length;
		if (remaining <= 0) done();
	};

	const { startAdapter } = await import('../stack/adapters.ts');
	let handle;
	try {
		handle = startAdapter({
			network,
			url,
			token: network === 'mastodon' ? token : undefined,
			instance: values.instance,
			submit: deliver,
			batchMs,
			log: (m) => stderr.write(`stream: ${m}\n`)
		});
	} catch (err) {
		return usage((err as Error).message);
	}
	const onSignal = () => done();
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	io.signal?.addEventListener('abort', onSignal, { once: true });
	if (io.signal?.aborted) done();
	await finished;
	process.off('SIGINT', onSignal);
	process.off('SIGTERM', onSignal);
	io.signal?.removeEventListener('abort', onSignal);
	await handle.stop();
	const s = handle.stats;
	stderr.write(
		`stream: stopped; ${s.posts} posts, ${s.skips} skipped, ${s.errors} errors, ` +
			`${s.duplicates} duplicates, ${s.connects} connections` +
			(dryRun ? '' : `, ${s.submitted} submitted, ${s.pending} not submitted`) +
			(s.dropped ? `, ${s.dropped} dropped` : '') +
			'\n'
	);
	return s.pending > 0 || s.dropped > 0 ? 1 : 0;
}
