import type { ServerInit } from '@sveltejs/kit';
import { defaultScenario } from '$lib/server/config';
import { engine } from '$lib/server/scenarios';

/** Warm the gazetteer and the default scenario at start, so the first map load is not the one to wait. */
export const init: ServerInit = async () => {
	const t0 = Date.now();
	engine(defaultScenario())
		.then(() =>
			console.log(`uitkijk: scenario ${defaultScenario()} ready in ${Date.now() - t0} ms`)
		)
		.catch((err) => console.error('uitkijk: scenario failed to load:', err));
};
