import { SCENARIO_NAMES, scenarioInfo } from '$lib/scenario';
import { defaultScenario, geodataAvailable } from '$lib/server/config';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => {
	const requested = url.searchParams.get('scenario');
	const name = requested && SCENARIO_NAMES.includes(requested) ? requested : defaultScenario();
	return {
		geodata: geodataAvailable(),
		scenario: scenarioInfo(name),
		scenarios: SCENARIO_NAMES.map((n) => ({ name: n, title: scenarioInfo(n).title }))
	};
};
