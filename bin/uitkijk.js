#!/usr/bin/env node
// Entry point of the `uitkijk` command: runs the TypeScript CLI through tsx, so the
// command line shares the pure modules of src/lib with the browser and the worker.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/index.ts');
process.exitCode = await main(process.argv.slice(2));
