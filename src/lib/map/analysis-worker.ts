/// <reference lib="webworker" />
/**
 * The analyses (H3 counts, corridors, area rates) in a Web Worker, off the map's main thread.
 * Receives packed batches (typed arrays, transferred), answers views on request.
 */
import { LocalAnalyses, unpackBatch, type FromWorker, type ToWorker } from './analyses';

let analyses: LocalAnalyses | null = null;

function reply(msg: FromWorker): void {
	(self as unknown as DedicatedWorkerGlobalScope).postMessage(msg);
}

self.onmessage = (ev: MessageEvent<ToWorker>) => {
	const msg = ev.data;
	try {
		if (msg.type === 'init') {
			analyses = new LocalAnalyses(msg.areas);
			return;
		}
		if (!analyses) throw new Error(`analysis worker: '${msg.type}' before 'init'`);
		if (msg.type === 'add') analyses.add(unpackBatch(msg.batch));
		else if (msg.type === 'rebuild') analyses.rebuild(unpackBatch(msg.batch));
		else if (msg.type === 'reset') analyses.reset();
		else if (msg.type === 'setAreas') analyses.setAreas(msg.areas);
		else if (msg.type === 'views') {
			reply({
				type: 'views',
				id: msg.id,
				views: analyses.viewsNow(msg.now, msg.windowMs, msg.zoom)
			});
		}
	} catch (err) {
		reply({ type: 'error', message: err instanceof Error ? err.message : String(err) });
	}
};
