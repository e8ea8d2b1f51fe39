import { runScenario } from './src/lib/eval/run';
import { createGatheringDetector } from './src/lib/detection/detector';
import { loadPlaces } from './src/lib/server/scenarios';
const { places } = await loadPlaces();
const seed = Number(process.argv[2] ?? 1);
const r = runScenario({ scenario: 'haren-2012', seed, places, detectors: [{ name: 'gathering', create: (o) => createGatheringDetector(o) }] });
for (const v of r.runs[0].versions) {
  const t = new Date(v.at).toISOString();
  if (t >= '2012-09-21T11:00' && t <= '2012-09-21T15:00') console.log(t, v.alert.id, v.alert.severity, v.alert.summary.slice(0, 220));
}
