/**
 * The handling state of the calls for help as the client holds it (issue 13, item 4): the rows of
 * help_states() and the 'help' broadcasts of help_act, keyed like HelpCall.key (source NUL id).
 * Hostile input: every field is checked, anything malformed is dropped. Pure module.
 */
import type { HelpGroup } from './help-dedup';

export type HelpAction = 'take' | 'forward' | 'done' | 'release';
export type HelpStateName = 'taken' | 'forwarded' | 'done';

export interface HelpHandling {
	key: string;
	state: HelpStateName;
	takenBy: string | null;
	takenAt: number | null;
	forwardedBy: string | null;
	forwardedAt: number | null;
	doneBy: string | null;
	doneAt: number | null;
	reason: string | null;
	updatedAt: number;
	/** Taken by the signed-in user. */
	mine: boolean;
}

export type HelpStates = ReadonlyMap<string, HelpHandling>;

/** No states (a fresh, read-only map). */
export const emptyHelpStates = (): HelpStates => new Map();

const STATES: readonly string[] = ['taken', 'forwarded', 'done'];
const RANK: Record<HelpStateName, number> = { taken: 1, forwarded: 2, done: 3 };

const str = (v: unknown, max = 320): string | null =>
	typeof v === 'string' && v.length <= max ? v : null;
const time = (v: unknown): number | null => {
	if (typeof v !== 'string') return null;
	const t = Date.parse(v);
	return Number.isFinite(t) ? t : null;
};

export function helpKey(source: string, id: string): string {
	return `${source}\u0000${id}`;
}

/** One row or broadcast: the key and its state (null: released, open again), or null if malformed. */
export function parseHelpRow(v: unknown): { key: string; row: HelpHandling | null } | null {
	if (!v || typeof v !== 'object') return null;
	const o = v as Record<string, unknown>;
	const source = str(o.source, 100);
	const id = str(o.post_id, 200);
	if (!source || !id) return null;
	const key = helpKey(source, id);
	if (o.state === null) return { key, row: null };
	if (typeof o.state !== 'string' || !STATES.includes(o.state)) return null;
	const updatedAt = time(o.updated_at);
	if (updatedAt === null) return null;
	return {
		key,
		row: {
			key,
			state: o.state as HelpStateName,
			takenBy: str(o.taken_label),
			takenAt: time(o.taken_at),
			forwardedBy: str(o.forwarded_label),
			forwardedAt: time(o.forwarded_at),
			doneBy: str(o.done_label),
			doneAt: time(o.done_at),
			reason: str(o.reason, 1000),
			updatedAt,
			mine: o.mine === true
		}
	};
}

/** The rows of help_states() as a map (malformed rows dropped). */
export function parseHelpStates(data: unknown): Map<string, HelpHandling> {
	const out = new Map<string, HelpHandling>();
	if (!Array.isArray(data)) return out;
	for (const v of data) {
		const r = parseHelpRow(v);
		if (r?.row) out.set(r.key, r.row);
	}
	return out;
}

/**
 * A broadcast or an RPC answer applied to the map: a new map when it changed it, else the same.
 * `mine` is kept from what the map knew when a broadcast (always mine: false) is about the same
 * taking (same taken time and taker).
 */
export function applyHelpRow(states: HelpStates, v: unknown): HelpStates {
	const r = parseHelpRow(v);
	if (!r) return states;
	const old = states.get(r.key);
	if (!r.row) {
		if (!old) return states;
		const next = new Map(states);
		next.delete(r.key);
		return next;
	}
	if (old && old.updatedAt > r.row.updatedAt) return states;
	const row =
		old?.mine && !r.row.mine && old.takenAt === r.row.takenAt && old.takenBy === r.row.takenBy
			? { ...r.row, mine: true }
			: r.row;
	const next = new Map(states);
	next.set(r.key, row);
	return next;
}

/** The state of a group of duplicate calls: the most advanced among its calls (the lead first). */
export function stateOfGroup(
	g: Pick<HelpGroup, 'keys' | 'lead'>,
	states: HelpStates
): HelpHandling | null {
	let best = states.get(g.lead.key) ?? null;
	for (const k of g.keys) {
		const s = states.get(k);
		if (s && (!best || RANK[s.state] > RANK[best.state])) best = s;
	}
	return best;
}

/** The actions offered for a call in this state (help_act decides; this only shows buttons). */
export function helpActions(s: HelpHandling | null): HelpAction[] {
	if (!s) return ['take', 'forward', 'done'];
	if (s.state === 'taken') return s.mine ? ['forward', 'done', 'release'] : [];
	if (s.state === 'forwarded') return ['done'];
	return [];
}
