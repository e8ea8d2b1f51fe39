/**
 * The embedded default's post source: the built-in scenarios, generated on demand for any time
 * window (the engine is deterministic and window-independent) and located with the gazetteer.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseGazetteer, type Place } from '$lib/geo/gazetteer';
import { createLocator } from '$lib/geo/locate';
import type { LocatedPost, Post } from '$lib/posts/post';
import { BUILTIN_PLACES, createScenario, type Scenario } from '$lib/scenario';
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

type Locate = ReturnType<typeof createLocator>['locate'];
interface Engine {
	scenario: Scenario;
	locate: Locate;
}
const engines = new Map<string, Promise<Engine>>();

export function engine(name: string): Promise<Engine> {
	let e = engines.get(name);
	if (!e) {
		e = loadPlaces().then(({ places }) => {
			const scenario = createScenario(name, { seed: scenarioSeed(), places });
			const [lon, lat] = scenario.info.view.center;
			const { locate } = createLocator(places, { bias: { lon, lat } });
			return { scenario, locate };
		});
		engines.set(name, e);
		e.catch(() => engines.delete(name));
	}
	return e;
}

function located(post: Post, locate: Locate): LocatedPost {
	const loc = locate(post);
	const out: LocatedPost = { ...post, t: Date.parse(post.created_at), method: loc.method };
	if (loc.pos) {
		out.pos = loc.pos;
		out.precision_m = loc.precision_m;
		if (loc.place && loc.method !== 'gps') out.located_as = loc.place;
	}
	return out;
}

/** Posts of a scenario in [from, to), located. */
export async function scenarioPosts(
	name: string,
	from: number,
	to: number
): Promise<LocatedPost[]> {
	const { scenario, locate } = await engine(name);
	return scenario.generate(from, to).map((p) => located(p, locate));
}

let plainLocator: Promise<Locate> | undefined;
/** Locate arbitrary posts (a file a user opened) with the gazetteer, without a scenario bias. */
export async function locatePosts(posts: Post[]): Promise<LocatedPost[]> {
	plainLocator ??= loadPlaces().then(({ places }) => createLocator(places).locate);
	const locate = await plainLocator;
	return posts.map((p) => located(p, locate));
}
