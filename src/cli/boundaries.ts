/**
 * `uitkijk boundaries`: load the police-unit and municipality boundaries from the geodata
 * directory into a Supabase project (the local stack does this itself at start), through
 * `load_boundaries` with the service role. Posts ingested afterwards get their unit and
 * municipality from them.
 *
 *   uitkijk boundaries [--geodata DIR]   with SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY set
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { SimulateIo } from './simulate';

const USAGE = `usage: uitkijk boundaries [--geodata DIR]

  --geodata DIR  geodata directory (default: $UITKIJK_GEODATA, else ../shared/geodata); reads
                 boundaries/nl_politie_eenheden.geojson and boundaries/nl_gemeenten_2023.geojson

Environment: SUPABASE_URL, SUPABASE_SERVICE_ROLE_KEY.
`;

export async function boundaries(argv: string[], io: SimulateIo): Promise<number> {
	let values;
	try {
		({ values } = parseArgs({ args: argv, options: { geodata: { type: 'string' } } }));
	} catch (err) {
		io.stderr.write(`uitkijk boundaries: ${(err as Error).message}\n\n${USAGE}`);
		return 2;
	}
	const missing = ['SUPABASE_URL', 'SUPABASE_SERVICE_ROLE_KEY'].filter((k) => !io.env[k]);
	if (missing.length) {
		io.stderr.write(`uitkijk boundaries: missing environment: ${missing.join(', ')}\n\n${USAGE}`);
		return 2;
	}
	const dir = resolve(values.geodata ?? io.env.UITKIJK_GEODATA ?? '../shared/geodata');
	const units = join(dir, 'boundaries/nl_politie_eenheden.geojson');
	const gm = join(dir, 'boundaries/nl_gemeenten_2023.geojson');
	for (const f of [units, gm]) {
		if (!existsSync(f)) {
			io.stderr.write(`uitkijk boundaries: ${f} not found\n`);
			return 1;
		}
	}
	const { serviceClient } = await import('../lib/server/service-client.ts');
	const client = serviceClient(io.env.SUPABASE_URL!, io.env.SUPABASE_SERVICE_ROLE_KEY!);
	const { data, error } = await client.rpc('load_boundaries', {
		units: JSON.parse(readFileSync(units, 'utf8')),
		municipalities: JSON.parse(readFileSync(gm, 'utf8')),
		source: 'nl_gemeenten_2023'
	});
	if (error) {
		io.stderr.write(`uitkijk boundaries: load_boundaries: ${error.code ?? ''} ${error.message}\n`);
		return 1;
	}
	const r = (Array.isArray(data) ? data[0] : data) as {
		units_loaded: number;
		municipalities_loaded: number;
	};
	io.stderr.write(
		`boundaries: ${r.units_loaded} police units, ${r.municipalities_loaded} municipalities loaded\n`
	);
	return 0;
}
