/**
 * The embedded default's post source: the built-in scenarios, generated on demand for any time
 * window (the engine is deterministic and window-independent) and located with the gazetteer.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseGazetteer, type Place } from '../geo/gazetteer';
import { createLocator } from '../geo/locate';
import type { LocatedPost, Post } from '../posts/post';
import { BUILTIN_PLACES, createScenario, type Scenario } from '../scenario';
import { geodataAvailable, geodataDir, scenarioSeed } from './config';

let placesPromise: Promise<{ places: Place[]; fromGeodata: boolean }> | undefined;

/** The gazetteer from the geodata directory, or the built-in places when it is absent. */
export function loadPlaces(): Promise<{ places: Place[]; fromGeodata: boolean }> {
	placesPromise ??= (async () => {
		if (!geodataAvailable()) return { places: BUILTIN_PLACES, fromGeodata: false };
		const file = join(geodataDir(), 'gazetteer/nl_gazetteer.json');
		try {
			const { places } = parseGazetteer(JSON.parse(await readFile(file, 'utf8')));
			return { places, fromGeodata: true };
		} catch (err) {
			console.error(`gazetteer ${file} unreadable, using built-in places:`, err);
			return { places: BUILTIN_PLACES, fromGeodata: false };
		}
	})();
	return placesPromise;
}

type Locator = ReturnType<typeof createLocator>;
interface Engine {
	scenario: Scenario;
	locator: Locator;
}
const engines = new Map<string, Promise<Engine>>();

export function engine(name: string): Promise<Engine> {
	let e = engines.get(name);
	if (!e) {
		e = loadPlaces().then(({ places }) => {
			const scenario = createScenario(name, { seed: scenarioSeed(), places });
			const [lon, lat] = scenario.info.view.center;
			return {
				scenario,
				// No author memory: a window's locations must not depend on which windows came before.
				locator: createLocator(places, { bias: { lon, lat }, authorContext: false })
			};
		});
		engines.set(name, e);
		e.catch(() => engines.delete(name));
	}
	return e;
}

/** Posts of a scenario in [from, to), located. */
export async function scenarioPosts(
	name: string,
	from: number,
	to: number
): Promise<LocatedPost[]> {
	const { scenario, locator } = await engine(name);
	return locator.locateAll(scenario.generate(from, to));
}

let plainLocator: Promise<Locator> | undefined;
/** Locate arbitrary posts (a file a user opened) with the gazetteer, without a scenario bias. */
export async function locatePosts(posts: Post[], chunk = 1000): Promise<LocatedPost[]> {
	// Shared by every request: no author memory across users' files.
	plainLocator ??= loadPlaces().then(({ places }) =>
		createLocator(places, { authorContext: false })
	);
	const locator = await plainLocator;
	// In chunks, with a turn of the event loop between them: a large file must not hold up the
	// server's other requests (about 15 ms per chunk of 1,000 posts).
	const out: LocatedPost[] = [];
	for (let i = 0; i < posts.length; i += chunk) {
		if (i > 0) await new Promise((resolve) => setImmediate(resolve));
		for (const p of locator.locateAll(posts.slice(i, i + chunk))) out.push(p);
	}
	return out;
}
