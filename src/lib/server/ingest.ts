/**
 * The ingest pipeline as the server and the command line build it: the gazetteer's locator, the
 * classifier, the HMAC pseudonyms under the deployment's key, and a store.
 */
import { classifyText } from '../classify/classify';
import { createLocator, type Locator } from '../geo/locate';
import { createPipeline, type Entry, type Pipeline, type Store } from '../ingest/pipeline';
import type { Post } from '../posts/post';
import { hmacPseudonymiser } from './pseudonym';
import { loadPlaces } from './scenarios';
import { loadWorldCities } from './world-cities';

let locatorPromise: Promise<Locator> | undefined;

/** One locator per process, over the gazetteer (or the built-in places without geodata). */
export function ingestLocator(): Promise<Locator> {
	locatorPromise ??= loadPlaces().then(({ places }) =>
		createLocator(places, { world: loadWorldCities() ?? undefined })
	);
	return locatorPromise;
}

export const classifyPost = (p: Post): string[] =>
	classifyText(p.text, p.lang ? { lang: p.lang } : undefined).classes;

export interface IngestPipelineOptions {
	store: Store;
	pseudonymKey: string;
	entry: Entry;
	origin: string;
	onlySource?: string;
	batchSize?: number;
	concurrency?: number;
	keep?: 'all' | 'rejected';
}

export async function ingestPipeline(o: IngestPipelineOptions): Promise<Pipeline> {
	return createPipeline({
		store: o.store,
		locator: await ingestLocator(),
		pseudonymise: hmacPseudonymiser(o.pseudonymKey),
		classify: classifyPost,
		entry: o.entry,
		origin: o.origin,
		...(o.onlySource !== undefined ? { onlySource: o.onlySource } : {}),
		...(o.batchSize !== undefined ? { batchSize: o.batchSize } : {}),
		...(o.concurrency !== undefined ? { concurrency: o.concurrency } : {}),
		...(o.keep !== undefined ? { keep: o.keep } : {})
	});
}
