/**
 * URL parameters ⇄ the map's typed view state. A wall screen is pointed at a URL and has no
 * mouse, so everything it shows can be chosen here: mode (live|replay), role, scenario, t (ISO
 * start), speed, window (15m|1h|6h|24h), play (0|1), center (lon,lat), zoom, layers, lang,
 * incident (an incident's id: its view opens, so that a link shows it), and the wall-screen
 * mode: kiosk=1 (no controls, large type, the map frames the active incidents itself) with
 * cycle=SECONDS (5..600, the time per incident when several are active).
 * Invalid values fall back to the defaults (a typo on a wall screen must not break the map).
 * Pure module.
 */
import type { Lang } from '../i18n';
import { SPEEDS, WINDOWS, type WindowId } from '../time/clock';

export type Mode = 'live' | 'replay';

export interface ViewParams {
	/** The mode the URL asks for explicitly (null: not given). */
	mode: Mode | null;
	role: string | null;
	scenario: string | null;
	/** Start time of a replay (epoch ms), from the ISO `t`. */
	t: number | null;
	/** Replay speed (one of SPEEDS), null when absent or invalid. */
	speed: number | null;
	/** Whether a replay starts playing (play=0 starts paused). */
	play: boolean;
	window: WindowId | null;
	center: [number, number] | null;
	zoom: number | null;
	/** The raw `layers` list (the layer registry parses it), null when absent. */
	layers: string | null;
	lang: Lang;
	/** Wall-screen mode (kiosk=1). */
	kiosk: boolean;
	/** Seconds per framed alert in the wall-screen mode, null for the default. */
	cycle: number | null;
	/** The incident whose view is open (its id), null when none. */
	incident: string | null;
}

/** The longest incident id the URL may carry (ids are 'inc-' and an alert's id). */
export const INCIDENT_ID_MAX = 200;

function finite(s: string | null): number | null {
	if (s === null || s.trim() === '') return null;
	const n = Number(s);
	return Number.isFinite(n) ? n : null;
}

export function parseViewParams(search: string): ViewParams {
	const p = new URLSearchParams(search);
	const mode = p.get('mode');
	const t = p.get('t');
	const tMs = t !== null ? Date.parse(t) : NaN;
	const speed = finite(p.get('speed'));
	const windowId = p.get('window');
	const c = p.get('center')?.split(',');
	const lon = c?.length === 2 ? finite(c[0]) : null;
	const lat = c?.length === 2 ? finite(c[1]) : null;
	const zoom = finite(p.get('zoom'));
	const cycle = finite(p.get('cycle'));
	return {
		mode: mode === 'live' || mode === 'replay' ? mode : null,
		role: p.get('role') || null,
		scenario: p.get('scenario') || null,
		t: Number.isFinite(tMs) ? tMs : null,
		speed: speed !== null && (SPEEDS as readonly number[]).includes(speed) ? speed : null,
		play: p.get('play') !== '0',
		window: WINDOWS.some((w) => w.id === windowId) ? (windowId as WindowId) : null,
		center:
			lon !== null && lat !== null && Math.abs(lon) <= 180 && Math.abs(lat) <= 90
				? [lon, lat]
				: null,
		zoom: zoom !== null && zoom >= 0 && zoom <= 22 ? zoom : null,
		layers: p.has('layers') ? p.get('layers') : null,
		lang: p.get('lang') === 'en' ? 'en' : 'nl',
		kiosk: p.get('kiosk') === '1',
		cycle: cycle !== null && cycle >= 5 && cycle <= 600 ? cycle : null,
		incident: incidentParam(p.get('incident'))
	};
}

/** An incident id from the URL: 1..INCIDENT_ID_MAX characters without control characters. */
function incidentParam(s: string | null): string | null {
	// eslint-disable-next-line no-control-regex
	return s && s.length <= INCIDENT_ID_MAX && !/[\u0000-\u001f\u007f]/.test(s) ? s : null;
}

/**
 * Live unless the URL asks for the replay (mode=replay, or a scenario or start time without
 * mode=live) or there is no database.
 */
export function resolveMode(
	p: Pick<ViewParams, 'mode' | 'scenario' | 't'>,
	hasDatabase: boolean
): Mode {
	const wantsReplay =
		p.mode === 'replay' || (p.mode !== 'live' && (p.scenario !== null || p.t !== null));
	return hasDatabase && !wantsReplay ? 'live' : 'replay';
}

/** The query string with some parameters set (a string) or removed (null); others kept. */
export function withParams(search: string, changes: Record<string, string | null>): string {
	// A throwaway copy to build the next URL, not state.
	const p = new URLSearchParams(search);
	for (const [k, v] of Object.entries(changes)) {
		if (v === null) p.delete(k);
		else p.set(k, v);
	}
	return p.toString();
}

/** The URL for another mode: live drops the replay's start and scenario and names the role. */
export function modeSearch(search: string, mode: Mode, role: string): string {
	return withParams(search, mode === 'live' ? { mode, t: null, scenario: null, role } : { mode });
}
