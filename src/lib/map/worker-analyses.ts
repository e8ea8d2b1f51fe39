/**
 * The browser's Analyses: a Web Worker running LocalAnalyses. The main thread's share of a batch
 * is packing it into typed arrays (transferred, not copied).
 */
import type { AreaDef } from '../areas/areas';
import type { LocatedPost } from '../posts/post';
import {
	AuthorIds,
	packBatch,
	transferables,
	type Analyses,
	type AnalysisViews,
	type FromWorker,
	type ToWorker
} from './analyses';

export class WorkerAnalyses implements Analyses {
	private worker: Worker;
	private authors = new AuthorIds();
	private nextId = 0;
	private waiting = new Map<
		number,
		{ resolve: (v: AnalysisViews) => void; reject: (e: Error) => void }
	>();

	constructor(areas: AreaDef[], onError: (message: string) => void) {
		this.worker = new Worker(new URL('./analysis-worker.ts', import.meta.url), { type: 'module' });
		this.worker.onmessage = (ev: MessageEvent<FromWorker>) => {
			const msg = ev.data;
			if (msg.type === 'views') {
				this.waiting.get(msg.id)?.resolve(msg.views);
				this.waiting.delete(msg.id);
			} else onError(msg.message);
		};
		this.worker.onerror = (ev) => onError(`analysis worker: ${ev.message}`);
		this.send({ type: 'init', areas });
	}

	private send(msg: ToWorker, transfer: ArrayBuffer[] = []): void {
		this.worker.postMessage(msg, transfer);
	}

	add(posts: LocatedPost[]): void {
		if (!posts.length) return;
		const batch = packBatch(posts, this.authors);
		this.send({ type: 'add', batch }, transferables(batch));
	}

	rebuild(posts: LocatedPost[]): void {
		const batch = packBatch(posts, this.authors);
		this.send({ type: 'rebuild', batch }, transferables(batch));
	}

	reset(): void {
		this.send({ type: 'reset' });
	}

	setAreas(areas: AreaDef[]): void {
		this.send({ type: 'setAreas', areas });
	}

	views(now: number, windowMs: number, zoom: number): Promise<AnalysisViews> {
		const id = this.nextId++;
		return new Promise((resolve, reject) => {
			this.waiting.set(id, { resolve, reject });
			this.send({ type: 'views', id, now, windowMs, zoom });
		});
	}

	dispose(): void {
		for (const w of this.waiting.values()) w.reject(new Error('analyses disposed'));
		this.waiting.clear();
		this.worker.terminate();
	}
}
