/**
 * Locating a file opened on the map runs in the server's own thread: in chunks with a turn of the
 * event loop between them, so that a large file does not hold up other requests (issue 10,
 * finding 5), and with the same result as locating it at once.
 */
import { describe, expect, it } from 'vitest';
import type { Post } from '../../src/lib/posts/post';
import { locatePosts } from '../../src/lib/server/scenarios';

const posts: Post[] = Array.from({ length: 5000 }, (_, i) => ({
	id: `p${i}`,
	source: 'bluesky',
	author: `a${i % 7}`,
	created_at: '2012-09-21T18:00:00Z',
	text: i % 2 ? 'Op weg naar Haren voor het feest' : 'Drukte op de Grote Markt in Groningen'
}));

describe('locatePosts', () => {
	it('yields to the event loop between chunks and locates as in one go', async () => {
		await locatePosts(posts.slice(0, 1)); // loads the gazetteer
		let turns = 0;
		let done = false;
		const ticker = (async () => {
			while (!done) {
				await new Promise((r) => setImmediate(r));
				turns++;
			}
		})();
		const chunked = await locatePosts(posts, 1000);
		done = true;
		await ticker;
		expect(turns).toBeGreaterThanOrEqual(4);
		const whole = await locatePosts(posts, posts.length);
		expect(chunked).toEqual(whole);
		expect(chunked.filter((p) => p.method === 'text').length).toBeGreaterThan(4000);
	}, 60_000);
});
