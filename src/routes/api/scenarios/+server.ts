import { json } from '@sveltejs/kit';
import { SCENARIO_NAMES, scenarioInfo } from '$lib/scenario';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () => json(SCENARIO_NAMES.map((n) => scenarioInfo(n)));
