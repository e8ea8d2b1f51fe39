import { createScenario } from './src/lib/scenario/index';
import { createLocator } from './src/lib/geo/locate';
import { createGatheringDetector } from './src/lib/detection/detector';
import { loadPlaces } from './src/lib/server/scenarios';
const { places } = await loadPlaces();
const sc = createScenario('haren-2012', { seed: 1, places });
const [lon, lat] = sc.info.view.center;
const loc = createLocator(places, { bias: { lon, lat } });
const H = 3600000, D = 24 * H;
const T = (s: string) => Date.parse(s);
const clock = T(sc.info.clock);
function* hours(a: number, b: number) { for (let t = a; t < b; t += H) yield loc.locateAll(sc.generate(t, Math.min(b, t + H))); }
for (const d of [] as number[]) {
  let n = 0; for (const h of hours(d, d + D)) n += h.length; console.log(new Date(d).toISOString(), 'posts/day', n);
}
for (const [name, l0, l1] of [['A', T(sc.info.start), clock - D], ['F', clock - 2 * D, clock - D], ['G', clock - 36 * H, clock - 12 * H]] as const) {
  const det = createGatheringDetector({ places });
  det.learn!(hours(l0, l1));
  const mob: string[] = [];
  for (const h of hours(l1, clock)) for (const a of det.push(h)) if (a.kind === 'mobilisation') mob.push(`${a.detected_at} ${a.severity} ${a.summary.slice(0, 100)}`);
  console.log(name, new Date(l0).toISOString(), new Date(l1).toISOString(), mob.length, mob.slice(0, 3).map(x=>x.slice(0,60)));
}
