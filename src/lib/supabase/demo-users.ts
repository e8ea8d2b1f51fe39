/**
 * The demo users of the seed (docs/backend.md "Demo users"; local and development only), as the
 * role picker offers them. The key is the e-mail's local part, as the `role` URL parameter
 * takes it (`?role=analist.nn`). Pure module.
 */

export const DEMO_PASSWORD = 'uitkijk-demo';
export const DEMO_DOMAIN = 'uitkijk.demo';

export interface DemoUser {
	key: string;
	label: { nl: string; en: string };
	/** Where the map opens for this role (lon, lat and zoom). */
	view: { center: [number, number]; zoom: number };
}

const NN = { center: [6.6, 53.1] as [number, number], zoom: 8.5 };
const AMSTERDAM = { center: [4.9, 52.37] as [number, number], zoom: 11 };
const NATIONAL = { center: [5.3, 52.2] as [number, number], zoom: 7 };

export const DEMO_USERS: readonly DemoUser[] = [
	{
		key: 'analist.nn',
		label: { nl: 'Analist Noord-Nederland', en: 'Analyst North Netherlands' },
		view: NN
	},
	{
		key: 'commandant.nn',
		label: { nl: 'Commandant Noord-Nederland', en: 'Commander North Netherlands' },
		view: NN
	},
	{
		key: 'analist.am',
		label: { nl: 'Analist Amsterdam', en: 'Analyst Amsterdam' },
		view: AMSTERDAM
	},
	{
		key: 'burgemeester.groningen',
		label: { nl: 'Burgemeester Groningen', en: 'Mayor of Groningen' },
		view: { center: [6.6, 53.2], zoom: 10.5 }
	},
	{
		key: 'burgemeester.amsterdam',
		label: { nl: 'Burgemeester Amsterdam', en: 'Mayor of Amsterdam' },
		view: AMSTERDAM
	},
	{
		key: 'officier',
		label: { nl: 'Officier van justitie', en: 'Public prosecutor' },
		view: NATIONAL
	},
	{ key: 'planner', label: { nl: 'Planner', en: 'Planner' }, view: NATIONAL }
];

export function demoUser(key: string | null): DemoUser | undefined {
	return DEMO_USERS.find((u) => u.key === key);
}

export function demoEmail(key: string): string {
	return `${key}@${DEMO_DOMAIN}`;
}
