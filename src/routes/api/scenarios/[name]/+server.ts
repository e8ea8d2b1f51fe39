import { error, json } from '@sveltejs/kit';
import { SCENARIO_NAMES, scenarioInfo } from '$lib/scenario';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params }) => {
	if (!SCENARIO_NAMES.includes(params.name)) {
		error(404, `unknown scenario '${params.name}'; known: ${SCENARIO_NAMES.join(', ')}`);
	}
	return json(scenarioInfo(params.name));
};
