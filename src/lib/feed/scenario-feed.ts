/**
 * The embedded default's feed: posts of the built-in scenario, generated and located by the
 * server (`/api/scenarios/NAME/posts`). Pure module (uses only fetch).
 */
import type { FeedBatch, PostFeed } from './feed';
import { validateLocatedBatch } from './located';

export class ScenarioFeed implements PostFeed {
	readonly label: string;
	constructor(
		private readonly scenario: string,
		private readonly fetcher: typeof fetch = fetch
	) {
		this.label = `scenario ${scenario}`;
	}

	async range(from: number, to: number, signal?: AbortSignal): Promise<FeedBatch> {
		const url = `/api/scenarios/${encodeURIComponent(this.scenario)}/posts?from=${Math.floor(from)}&to=${Math.ceil(to)}`;
		const res = await this.fetcher(url, { signal });
		if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${await res.text()}`);
		return validateLocatedBatch(await res.json());
	}
}
