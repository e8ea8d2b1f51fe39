/** Calls for help that could be placed: white dots with a thick red ring, on top of the rest. */
import { ScatterplotLayer } from '@deck.gl/layers';
import type { HelpCall } from '../map/help';
import type { LocatedPost } from '../posts/post';
import { defineLayer } from './common';

/** Apart from the heat and alert colours. */
export const HELP_FILL: [number, number, number, number] = [255, 255, 255, 255];
export const HELP_LINE: [number, number, number, number] = [230, 20, 60, 255];

export interface HelpCache {
	src: HelpCall[] | null;
	located: HelpCall[];
}

/** The calls with a position, once per call list (a stable array: deck.gl redraws nothing new). */
export function locatedCalls(calls: HelpCall[], cache: HelpCache): HelpCall[] {
	if (cache.src !== calls) {
		cache.src = calls;
		cache.located = calls.filter((c) => c.pos);
	}
	return cache.located;
}

export const help = defineLayer<HelpCache>({
	id: 'help',
	labelKey: 'help',
	defaultOn: true,
	createCache: () => ({ src: null, located: [] }),
	build(ctx, cache) {
		const data = locatedCalls(ctx.help, cache);
		if (!data.length) return [];
		return [
			new ScatterplotLayer<HelpCall>({
				id: 'help',
				data,
				getPosition: (c) => c.pos!,
				radiusUnits: 'pixels',
				getRadius: 11,
				stroked: true,
				filled: true,
				getFillColor: HELP_FILL,
				getLineColor: HELP_LINE,
				lineWidthUnits: 'pixels',
				getLineWidth: 4,
				pickable: true
			})
		];
	},
	/** The post behind the call, from the store (same id and source, at the call's time). */
	hover(info, ctx) {
		const c = info.object as HelpCall | undefined;
		if (!c) return null;
		const store = ctx.data.store;
		const [i0, i1] = store.range(c.t, c.t + 1);
		let post: LocatedPost | undefined;
		for (let k = i0; k < i1 && !post; k++) {
			const p = store.posts[k];
			if (p.id === c.id && p.source === c.source) post = p;
		}
		return post ? { kind: 'post', x: info.x, y: info.y, post } : null;
	},
	legend: { kind: 'dot', fill: HELP_FILL, ring: HELP_LINE, labelKey: 'legendHelp' }
});
