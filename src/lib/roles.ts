/**
 * Application roles and what each may see: the one table of role scopes on the TypeScript side
 * (docs/security.md). The database decides (private.scope() and the policies over it); this
 * table mirrors private.scope() so that the client follows the realtime topics and offers the
 * actions the database will allow. tests/contract/roles.test.ts compares the two for every demo
 * user. Pure module.
 */

export const APP_ROLES = ['analyst', 'commander', 'mayor', 'prosecutor', 'planner'] as const;
export type AppRole = (typeof APP_ROLES)[number];

/** What a role sees and may do, relative to the unit or municipality of the user's role. */
export interface RoleScope {
	/** Everything, in the whole country. */
	national: boolean;
	/** The rows of the user's police unit. */
	ownUnit: boolean;
	/** The rows without a unit (no location, or outside every unit). */
	unplaced: boolean;
	/** The rows of the user's municipality. */
	ownMunicipality: boolean;
	/** May acknowledge and resolve the alerts of the user's own unit. */
	handlesAlerts: boolean;
}

const NONE: RoleScope = {
	national: false,
	ownUnit: false,
	unplaced: false,
	ownMunicipality: false,
	handlesAlerts: false
};

/** The role scopes (SQL: private.scope() and private.may_handle_alert()). */
export const ROLE_SCOPES: Readonly<Record<AppRole, Readonly<RoleScope>>> = {
	analyst: { ...NONE, ownUnit: true, unplaced: true, handlesAlerts: true },
	commander: { ...NONE, ownUnit: true, handlesAlerts: true },
	mayor: { ...NONE, ownMunicipality: true },
	prosecutor: { ...NONE, national: true },
	planner: { ...NONE, national: true }
};

/** A signed-in user's role with its unit and municipality (as `me()` returns them). */
export interface RoleHolder {
	role: AppRole;
	unit_id: string | null;
	municipality_code: string | null;
}

/**
 * A user's scope in the form of private.scope(): everything, or the rows of these units ('' =
 * rows without a unit) and of these municipalities. No user or no role: nothing.
 */
export interface Scope {
	all: boolean;
	units: string[];
	municipalities: string[];
}

export function scopeOf(user: RoleHolder | null): Scope {
	const s = user ? ROLE_SCOPES[user.role] : undefined;
	if (!user || !s) return { all: false, units: [], municipalities: [] };
	const units: string[] = [];
	if (s.ownUnit && user.unit_id) units.push(user.unit_id);
	if (s.unplaced) units.push('');
	return {
		all: s.national,
		units,
		municipalities: s.ownMunicipality && user.municipality_code ? [user.municipality_code] : []
	};
}

/** Whether a row of this unit (null: none) and municipality is in scope (private.in_scope). */
export function inScope(scope: Scope, unitId: string | null, municipalityCode: string | null) {
	return (
		scope.all ||
		scope.units.includes(unitId ?? '') ||
		(municipalityCode !== null && scope.municipalities.includes(municipalityCode))
	);
}

/** Whether the role sees the whole country. */
export function isNational(role: AppRole): boolean {
	return ROLE_SCOPES[role].national;
}

/** Whether the user may acknowledge and resolve an alert of this unit (the database checks it again). */
export function mayHandleAlert(user: RoleHolder, alertUnit: string | null): boolean {
	return (
		ROLE_SCOPES[user.role].handlesAlerts &&
		alertUnit !== null &&
		alertUnit === user.unit_id &&
		inScope(scopeOf(user), alertUnit, null)
	);
}
