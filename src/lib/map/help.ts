/**
 * Calls for help among the posts the map holds: the queue beside the map and their own map
 * layer. Every post that arrives is classified with the same classifier as the ingest pipeline
 * (src/lib/classify/classify.ts), so replay and live mode agree with what the database stores in
 * `posts.classes`. Bounded: the newest `max` calls are kept. Pure module.
 */
import { classifyText } from '../classify/classify';
import type { LocatedPost } from '../posts/post';

export interface HelpCall {
	key: string;
	id: string;
	source: string;
	t: number;
	text: string;
	/** Where it was located; absent when it could not be placed. */
	pos?: [number, number];
	precision_m?: number;
	place?: string;
	/** What made it a call for help (the classifier's cues), for "why". */
	cues: string[];
	/** Also a report, a threat or a call to gather. */
	also: string[];
}

export class HelpBook {
	private calls: HelpCall[] = []; // in time order
	private keys = new Set<string>();
	/** Bumped on every change, for the layers' update triggers. */
	version = 0;

	constructor(private readonly max = 2000) {}

	/** Classify new posts and keep the calls for help among them. */
	add(batch: readonly LocatedPost[]): void {
		let changed = false;
		for (const p of batch) {
			if (!p.text) continue;
			const c = classifyText(p.text, p.lang ? { lang: p.lang } : undefined);
			if (!c.classes.includes('help')) continue;
			const key = `${p.source}\u0000${p.id}`;
			if (this.keys.has(key)) continue;
			this.keys.add(key);
			const call: HelpCall = {
				key,
				id: p.id,
				source: p.source,
				t: p.t,
				text: p.text,
				cues: c.cues.help ?? [],
				also: c.classes.filter((x) => x !== 'help')
			};
			if (p.pos) call.pos = p.pos;
			if (p.precision_m !== undefined) call.precision_m = p.precision_m;
			if (p.located_as !== undefined) call.place = p.located_as;
			// Mostly in order: insert from the end.
			let i = this.calls.length;
			while (i > 0 && this.calls[i - 1].t > call.t) i--;
			this.calls.splice(i, 0, call);
			changed = true;
		}
		if (this.calls.length > this.max) {
			for (const c of this.calls.splice(0, this.calls.length - this.max)) this.keys.delete(c.key);
		}
		if (changed) this.version++;
	}

	/** Calls with from <= t <= to, newest first. */
	between(from: number, to: number): HelpCall[] {
		const out: HelpCall[] = [];
		for (let i = this.calls.length - 1; i >= 0; i--) {
			const c = this.calls[i];
			if (c.t > to) continue;
			if (c.t < from) break;
			out.push(c);
		}
		return out;
	}

	clear(): void {
		this.calls = [];
		this.keys.clear();
		this.version++;
	}

	get size(): number {
		return this.calls.length;
	}
}
