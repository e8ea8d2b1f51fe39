/**
 * An incident change as webhooks deliver it and `uitkijk incidents` prints it (one JSON object):
 * id (incident id:change, the idempotency key), type ('incident.' + change), change, incident_id,
 * at (stream time), incident (the IncidentRow then). And the role scope, as private.scope() maps
 * application roles (supabase/migrations/20261207000020_scope.sql).
 */
export interface IncidentChangeRow {
	id: string;
	change: string;
	incident_id: string;
	at: string;
	payload: unknown;
}

export interface IncidentEvent {
	id: string;
	type: string;
	change: string;
	incident_id: string;
	at: string;
	incident: unknown;
}

export function incidentEvent(r: IncidentChangeRow): IncidentEvent {
	return {
		id: r.id,
		type: `incident.${r.change}`,
		change: r.change,
		incident_id: r.incident_id,
		at: r.at,
		incident: r.payload
	};
}

export const ROLES = ['analyst', 'commander', 'mayor', 'prosecutor', 'planner'] as const;
export type Role = (typeof ROLES)[number];

export interface RoleScope {
	role: Role;
	unit?: string | null;
	municipality?: string | null;
}

/** Whether a row of this unit and municipality is in the scope of a user with this role. */
export function roleInScope(
	s: RoleScope,
	row: { unit_id?: string | null; municipality_code?: string | null }
): boolean {
	switch (s.role) {
		case 'prosecutor':
		case 'planner':
			return true;
		case 'analyst':
			return (row.unit_id ?? '') === '' || row.unit_id === s.unit;
		case 'commander':
			return row.unit_id != null && row.unit_id === s.unit;
		case 'mayor':
			return row.municipality_code != null && row.municipality_code === s.municipality;
	}
}

/** Checks a role scope given on the command line; returns an error message or null. */
export function roleScopeError(s: {
	role?: string;
	unit?: string;
	municipality?: string;
}): string | null {
	if (!s.role) return s.unit || s.municipality ? '--unit and --municipality need --role' : null;
	if (!(ROLES as readonly string[]).includes(s.role))
		return `--role must be one of ${ROLES.join(', ')}`;
	if ((s.role === 'analyst' || s.role === 'commander') && !s.unit)
		return `--role ${s.role} needs --unit ID`;
	if (s.role === 'mayor' && !s.municipality) return '--role mayor needs --municipality CODE';
	return null;
}
