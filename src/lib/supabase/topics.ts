/**
 * Who is signed in (`me()`, docs/backend.md "Roles") and which private Realtime topics that role
 * follows (docs/backend.md "Realtime"). Pure module: h3-js only.
 */
import { POLYGON_TO_CELLS_FLAGS, gridDisk, polygonToCellsExperimental } from 'h3-js';
import type { BBox } from './live-sync';
import { APP_ROLES, ROLE_SCOPES, isNational, type AppRole } from '../roles';

export { APP_ROLES, isNational, type AppRole };

/** Police unit ids (docs/backend.md "Tables"). */
export const UNIT_IDS = ['NN', 'ON', 'MN', 'NH', 'AM', 'DH', 'RT', 'ZB', 'OB', 'LB'] as const;

export interface Me {
	user_id: string;
	email: string;
	role: AppRole;
	unit_id: string | null;
	municipality_code: string | null;
	display_name: string | null;
}

/** Validate the `me()` response; throws with the reason when it is not one. */
export function parseMe(value: unknown): Me {
	if (typeof value !== 'object' || value === null || Array.isArray(value))
		throw new Error('me(): expected an object');
	const v = value as Record<string, unknown>;
	const str = (k: string): string | null => {
		const x = v[k];
		if (x === undefined || x === null) return null;
		if (typeof x !== 'string') throw new Error(`me(): ${k} is not a string`);
		return x;
	};
	const role = v.role;
	if (typeof role !== 'string' || !(APP_ROLES as readonly string[]).includes(role))
		throw new Error(`me(): role must be one of ${APP_ROLES.join(', ')}`);
	return {
		user_id: str('user_id') ?? '',
		email: str('email') ?? '',
		role: role as AppRole,
		unit_id: str('unit_id'),
		municipality_code: str('municipality_code'),
		display_name: str('display_name')
	};
}

/** H3 resolution of the `posts:h3:` topics (res 4: about 1,800 km², some 80 cover the country). */
export const TOPIC_H3_RES = 4;
/** More cells than this in view: national roles follow the units' topics instead. */
export const MAX_VIEW_CELLS = 60;

/**
 * The topic cells for a view: the res-4 cells that overlap it (not only those whose centre lies
 * in it) and their neighbours, since H3 children stick out of their parent: a post in view can
 * belong to the parent next door (docs/backend.md "Realtime").
 */
export function viewCells(view: BBox): string[] {
	const { west, south, east, north } = view;
	if (!(west < east && south < north)) return [];
	const ring = [
		[south, west],
		[south, east],
		[north, east],
		[north, west],
		[south, west]
	];
	const cells = new Set<string>();
	for (const c of polygonToCellsExperimental(
		ring,
		TOPIC_H3_RES,
		POLYGON_TO_CELLS_FLAGS.containmentOverlapping
	))
		for (const n of gridDisk(c, 1)) cells.add(n);
	return [...cells].sort();
}

const WORLD: BBox = { west: -180, south: -90, east: 180, north: 90 };

export interface TopicPlan {
	topics: string[];
	/** The view the topics depend on (national roles following cells), else null. */
	area: BBox | null;
}

/**
 * The topics a role receives, for the current view: from its scope (src/lib/roles.ts), the
 * topics that carry the rows in it (private.may_receive allows exactly these).
 */
export function topicsFor(me: Me, view: BBox | null, maxCells = MAX_VIEW_CELLS): TopicPlan {
	const scope = ROLE_SCOPES[me.role];
	if (scope.national) {
		const cells = view ? viewCells(view) : [];
		// Zoomed out: every unit. Coming from a few cells, the rest of the country was not
		// followed, so all of it is loaded again (area: the world).
		if (cells.length === 0 || cells.length > maxCells)
			return {
				topics: [...UNIT_IDS.map((u) => `posts:unit:${u}`), 'posts:unplaced'],
				area: WORLD
			};
		return { topics: [...cells.map((c) => `posts:h3:${c}`), 'posts:unplaced'], area: view };
	}
	const topics: string[] = [];
	if (scope.ownUnit && me.unit_id) topics.push(`posts:unit:${me.unit_id}`);
	if (scope.ownMunicipality && me.municipality_code)
		topics.push(`posts:gm:${me.municipality_code}`);
	if (scope.unplaced) topics.push('posts:unplaced');
	return { topics, area: null };
}
