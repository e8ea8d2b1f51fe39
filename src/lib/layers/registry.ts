// TEMPORARY shim (replaced by the layer registry branch).
import type { PickingInfo } from '@deck.gl/core';
import type { Hover } from './types';
import { buildLayers as build, type LayerInput, type LayerToggles as T } from '../map/layers';
import type { HexCount } from '../binning/hexbins';
import type { Flow } from '../corridors/corridors';
import type { HelpCall } from '../map/help';
import type { LocatedPost } from '../posts/post';
export type LayerToggles = T & Record<string, boolean>;
export const LAYER_IDS = ['heat', 'hexagons', 'corridors', 'points', 'areas', 'help'] as const;
export function parseLayersParam(s: string | null): LayerToggles {
	const out = Object.fromEntries(
		LAYER_IDS.map((k) => [k, s === null ? true : s.split(',').includes(k)])
	);
	return out as LayerToggles;
}
export function createLayerCaches() {
	return {};
}
type Ctx = Omit<LayerInput, 'toggles'> & { lang: string };
export function buildLayers(ctx: Ctx, toggles: LayerToggles, _caches: object) {
	return build({ ...ctx, toggles });
}
export function hoverFor(i: PickingInfo, ctx: Ctx): Hover | null {
	if (!i.picked || !i.layer) return null;
	const id = i.layer.id;
	const live = ctx.data;
	if (id === 'points') {
		const post = live.store.posts[live.store.range(ctx.now - ctx.windowMs, ctx.now)[0] + i.index];
		return post ? { kind: 'post', x: i.x, y: i.y, post } : null;
	} else if (id.startsWith('hexagons')) {
		return { kind: 'hex', x: i.x, y: i.y, hex: i.object as HexCount };
	} else if (id === 'corridors') {
		return { kind: 'flow', x: i.x, y: i.y, flow: i.object as Flow };
	} else if (id === 'help') {
		const c = i.object as HelpCall;
		const [i0, i1] = live.store.range(c.t, c.t + 1);
		let post: LocatedPost | undefined;
		for (let k = i0; k < i1 && !post; k++) {
			const p = live.store.posts[k];
			if (p.id === c.id && p.source === c.source) post = p;
		}
		return post ? { kind: 'post', x: i.x, y: i.y, post } : null;
	}
	return null;
}
export { trendArrow } from '../map/layers';
