/**
 * The triage of posts without a location (issue 13, item 4), pure parts: the rows of
 * unplaced_posts() (hostile input: checked, malformed rows dropped) and the arguments of
 * place_post() for a position chosen on the map or from the gazetteer (with the H3 cells the
 * ingest computes for a located post).
 */
import { cellsAt } from '../ingest/rows';

export interface UnplacedPost {
	key: string;
	source: string;
	id: string;
	t: number;
	text: string;
	author: string;
}

const str = (v: unknown, max: number): string | null =>
	typeof v === 'string' && v.length <= max ? v : null;

export function parseUnplaced(data: unknown): UnplacedPost[] {
	if (!Array.isArray(data)) return [];
	const out: UnplacedPost[] = [];
	for (const v of data) {
		if (!v || typeof v !== 'object') continue;
		const o = v as Record<string, unknown>;
		const source = str(o.source, 100);
		const id = str(o.id, 200);
		const created = typeof o.created_at === 'string' ? Date.parse(o.created_at) : NaN;
		if (!source || !id || !Number.isFinite(created)) continue;
		out.push({
			key: `${source}\u0000${id}`,
			source,
			id,
			t: created,
			text: str(o.text, 10_000) ?? '',
			author: str(o.author, 200) ?? ''
		});
	}
	return out;
}

/** The arguments of unplaced_posts() for a time window (epoch ms). */
export function isoWindow(from: number, to: number): { t_from: string; t_to: string } {
	return { t_from: new Date(from).toISOString(), t_to: new Date(to).toISOString() };
}

export interface Placement {
	lon: number;
	lat: number;
	/** The gazetteer place it was chosen from, if any. */
	place?: string;
	/** How precise the placement is, in metres (a click: 100; a place: its own). */
	precision_m?: number;
}

/** The arguments of place_post(), or the reason why not (Dutch first, for the form). */
export function placeArgs(
	p: Pick<UnplacedPost, 'source' | 'id'>,
	at: Placement,
	reason: string
): { ok: true; args: Record<string, unknown> } | { ok: false; error: string } {
	if (
		!Number.isFinite(at.lon) ||
		!Number.isFinite(at.lat) ||
		Math.abs(at.lon) > 180 ||
		Math.abs(at.lat) > 90
	)
		return { ok: false, error: 'position' };
	const why = reason.trim();
	if (!why) return { ok: false, error: 'reason' };
	const [r10, r8, r5] = cellsAt(at.lon, at.lat);
	return {
		ok: true,
		args: {
			source: p.source,
			post_id: p.id,
			lon: at.lon,
			lat: at.lat,
			reason: why.slice(0, 1000),
			place: at.place ?? null,
			precision_m: Math.min(50_000, Math.max(1, at.precision_m ?? 100)),
			h3_r5: r5,
			h3_r8: r8,
			h3_r10: r10
		}
	};
}
