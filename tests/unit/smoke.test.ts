import { describe, expect, it } from 'vitest';
import { postKey } from '../../src/lib/posts/post';

describe('postKey', () => {
	it('separates source and id so that different pairs never collide', () => {
		expect(postKey({ source: 'x', id: 'a:b' })).not.toBe(postKey({ source: 'other', id: 'b' }));
		expect(postKey({ source: 'x', id: '1' })).toBe(postKey({ source: 'x', id: '1' }));
	});
});
