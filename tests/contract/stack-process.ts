/**
 * The embedded stack in a process of its own, as `npm start` runs it but without the app (which
 * needs a build): tests/contract/realtime-restart.test.ts stops it with SIGTERM and starts it
 * again. Prints "ready" once it answers.
 */
import { startStack } from '../../src/stack/server';

const stack = await startStack({
	dataDir: process.env.UITKIJK_DATA!,
	geodataDir: null,
	port: Number(process.env.PORT),
	host: '127.0.0.1',
	demo: true,
	log: () => {}
});
console.log('ready');
process.once('SIGTERM', () => {
	void stack.close().then(() => process.exit(0));
});
