import { error, json } from '@sveltejs/kit';
import { SCENARIO_NAMES } from '$lib/scenario';
import { scenarioPosts } from '$lib/server/scenarios';
import type { RequestHandler } from './$types';

/** Longest window one request may ask for (the map's longest window plus a margin). */
const MAX_SPAN_MS = 26 * 3_600_000;

function timeParam(url: URL, name: string): number {
	const raw = url.searchParams.get(name);
	if (raw === null) error(400, `query parameter '${name}' is required (epoch ms or ISO 8601)`);
	const t = /^-?\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
	if (!Number.isFinite(t)) error(400, `query parameter '${name}': '${raw}' is not a time`);
	return t;
}

/** Posts of a built-in scenario with from <= created_at < to, located, in time order. */
export const GET: RequestHandler = async ({ params, url }) => {
	if (!SCENARIO_NAMES.includes(params.name)) {
		error(404, `unknown scenario '${params.name}'; known: ${SCENARIO_NAMES.join(', ')}`);
	}
	const from = timeParam(url, 'from');
	const to = timeParam(url, 'to');
	if (to < from) error(400, `'to' is before 'from'`);
	if (to - from > MAX_SPAN_MS) error(400, `window longer than ${MAX_SPAN_MS / 3_600_000} h`);
	return json(await scenarioPosts(params.name, from, to));
};
