/**
 * The machinery shared by all scenarios: context, post drafts, ids, sources, links and
 * engagement, and the three ways posts are generated window-independently:
 * - rate streams: a Poisson count per fixed minute slot, each post from its own generator;
 * - trip streams: trips started per fixed hour slot, looked back over the longest trip;
 * - agent sets: a fixed, finite plan (a crowd on one evening), computed once and cached.
 * Pure module.
 */
import type { Engagement, Post, Source } from '../posts/post';
import type { LonLat } from './geo';
import { round6 } from './geo';
import type { PlaceIndex } from './places';
import { Rand } from './rng';
import { EMOJI, ERA_2012, ERA_2024, GENERAL, MORE } from './lexicon';
import type { Lexicon } from './text';
import { formatIso } from '../time/amsterdam';

export const MIN = 60_000;
export const HOUR = 3_600_000;

export type Era = 'e2012' | 'e2024';

export interface Ctx {
	seed: number;
	scenario: string;
	/** Hash of seed and scenario: mixed into every generator. */
	salt: number;
	/** Four digits derived from the salt, leading every id (ids differ between seeds). */
	idSalt: string;
	places: PlaceIndex;
	era: Era;
	lex: Lexicon;
	emoji: (typeof EMOJI)['e2012'];
}

export function makeCtx(
	seed: number,
	scenario: string,
	places: PlaceIndex,
	era: Era,
	extra: Lexicon[]
): Ctx {
	const salt = Rand.of('uitkijk', scenario, seed).u32();
	const lex: Lexicon = Object.assign(
		{},
		GENERAL,
		MORE,
		era === 'e2012' ? ERA_2012 : ERA_2024,
		...extra
	);
	return {
		seed,
		scenario,
		salt,
		idSalt: String(1000 + (salt % 9000)),
		places,
		era,
		lex,
		emoji: EMOJI[era]
	};
}

/** A post under construction: its time as t (epoch ms, whole seconds) instead of created_at. */
export type Draft = Omit<Post, 'created_at'> & { t: number };

const PREFIX: Record<Source, string> = {
	x: 'x',
	facebook: 'fb',
	instagram: 'ig',
	tiktok: 'tt',
	telegram: 'tg',
	snapchat: 'sc',
	whatsapp: 'wa',
	bluesky: 'bsky',
	mastodon: 'md',
	report: 'melding',
	other: 'o'
};

/** Digits of an id: salt, component, slot and index (fixed widths make it unambiguous). */
export function idDigits(ctx: Ctx, comp: number, slot: number, idx: number): string {
	return `${ctx.idSalt}${comp < 10 ? '0' : ''}${comp}${slot}${String(idx).padStart(4, '0')}`;
}

export function makeId(source: Source, digits: string): string {
	return `${PREFIX[source]}:${digits}`;
}

/** Source mixes per era and kind of stream. */
export type SourceMix = readonly (readonly [Source, number])[];
export const MIX: Record<
	Era,
	Record<'general' | 'young' | 'facebook' | 'news' | 'visual', SourceMix>
> = {
	e2012: {
		general: [
			['x', 46],
			['facebook', 34],
			['instagram', 8],
			['other', 8],
			['snapchat', 2],
			['whatsapp', 2]
		],
		young: [
			['x', 48],
			['facebook', 30],
			['instagram', 12],
			['other', 6],
			['snapchat', 4]
		],
		facebook: [
			['facebook', 70],
			['x', 22],
			['other', 5],
			['instagram', 3]
		],
		news: [
			['x', 70],
			['facebook', 25],
			['other', 5]
		],
		visual: [
			['instagram', 40],
			['x', 35],
			['facebook', 20],
			['other', 5]
		]
	},
	e2024: {
		general: [
			['x', 22],
			['instagram', 19],
			['tiktok', 14],
			['facebook', 15],
			['telegram', 5],
			['snapchat', 9],
			['bluesky', 6],
			['mastodon', 4],
			['whatsapp', 2],
			['other', 4]
		],
		young: [
			['tiktok', 28],
			['instagram', 25],
			['snapchat', 20],
			['x', 14],
			['telegram', 5],
			['facebook', 4],
			['bluesky', 2],
			['other', 2]
		],
		facebook: [
			['facebook', 60],
			['x', 15],
			['instagram', 15],
			['other', 10]
		],
		news: [
			['x', 40],
			['bluesky', 15],
			['mastodon', 10],
			['facebook', 20],
			['instagram', 10],
			['telegram', 5]
		],
		visual: [
			['instagram', 40],
			['tiktok', 30],
			['snapchat', 15],
			['x', 10],
			['facebook', 5]
		]
	}
};

function b62(n: number, len: number, r: Rand): string {
	const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
	let s = '';
	for (let i = 0; i < len; i++) s += A[(n + r.int(0, 63)) & 63];
	return s;
}

/** A plausible link to the original post, where the platform has public links. */
export function linkFor(
	ctx: Ctx,
	r: Rand,
	source: Source,
	author: string,
	digits: string
): string | undefined {
	switch (source) {
		case 'x':
			return `https://${ctx.era === 'e2012' ? 'twitter.com' : 'x.com'}/${author}/status/${digits}`;
		case 'facebook':
			return `https://www.facebook.com/${author}/posts/${digits}`;
		case 'instagram':
			return `https://www.instagram.com/p/${b62(digits.length, 11, r)}/`;
		case 'tiktok':
			return `https://www.tiktok.com/@${author}/video/${digits}`;
		case 'telegram':
			return `https://t.me/${author}/${r.int(10, 99999)}`;
		case 'bluesky':
			return `https://bsky.app/profile/${author.toLowerCase()}.bsky.social/post/${b62(1, 13, r).toLowerCase()}`;
		case 'mastodon':
			return `https://mastodon.nl/@${author}/${digits}`;
		default:
			return undefined;
	}
}

/** Heavy-tailed engagement counts; reach scales the median. */
export function engagementFor(r: Rand, reach = 1): Engagement {
	const likes = Math.floor(r.lognormal(2.5 * reach, 1.4));
	return {
		likes,
		reposts: Math.floor(likes * r.range(0, 0.25)),
		replies: Math.floor(likes * r.range(0, 0.3) + (r.chance(0.3) ? r.int(0, 3) : 0))
	};
}

/** Finish a draft: link, engagement and geotag rounding, with the given probabilities. */
export function finish(
	ctx: Ctx,
	r: Rand,
	d: Draft,
	digits: string,
	linkP = 0.3,
	engP = 0.35,
	reach = 1
): Draft {
	if (d.lon !== undefined && d.lat !== undefined) {
		d.lon = round6(d.lon);
		d.lat = round6(d.lat);
	}
	if (r.chance(linkP)) {
		const u = linkFor(ctx, r, d.source, d.author, digits);
		if (u) d.url = u;
	}
	if (d.source !== 'report' && r.chance(engP)) d.engagement = engagementFor(r, reach);
	return d;
}

/** A draft as the interchange format's object, fields in the table's order. */
export function toPost(d: Draft): Post {
	const p: Post = {
		id: d.id,
		source: d.source,
		author: d.author,
		created_at: formatIso(d.t),
		text: d.text
	};
	if (d.lon !== undefined && d.lat !== undefined) {
		p.lon = d.lon;
		p.lat = d.lat;
	}
	if (d.place !== undefined) p.place = d.place;
	if (d.lang !== undefined) p.lang = d.lang;
	if (d.reply_to !== undefined) p.reply_to = d.reply_to;
	if (d.repost_of !== undefined) p.repost_of = d.repost_of;
	if (d.url !== undefined) p.url = d.url;
	if (d.engagement !== undefined) p.engagement = d.engagement;
	return p;
}

/** Order of the stream: time, then id. */
export function byTime(a: Draft, b: Draft): number {
	return a.t - b.t || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

// ---------------------------------------------------------------------------------------------
// Rate streams

export interface RateItem {
	ctx: Ctx;
	/** The post's own generator (source already drawn from it). */
	r: Rand;
	t: number;
	source: Source;
	digits: string;
	id: string;
	slot: number;
	idx: number;
	/** Id of post j of the same minute slot, when it is on the same source (for replies). */
	sibling(j: number): string | undefined;
}

export interface RateComp {
	code: number;
	/** Expected posts in the minute starting at t (epoch ms). */
	rate(t: number): number;
	/** Source mix of this stream at time t. */
	mix(t: number): SourceMix;
	make(it: RateItem): Draft | null;
}

export function runRate(ctx: Ctx, comp: RateComp, from: number, to: number, out: Draft[]): void {
	const m0 = Math.floor(from / MIN);
	const m1 = Math.ceil(to / MIN);
	for (let m = m0; m < m1; m++) {
		const t0 = m * MIN;
		const lam = comp.rate(t0);
		if (!(lam > 0)) continue;
		const rs = Rand.of(ctx.salt, comp.code, m);
		const n = Math.min(9999, rs.poisson(lam));
		if (n === 0) continue;
		const mix = comp.mix(t0);
		const sourceOf = (j: number) => Rand.of(ctx.salt, comp.code, m, j).weighted(mix);
		for (let i = 0; i < n; i++) {
			const t = t0 + Math.floor(rs.next() * 60) * 1000;
			if (t < from || t >= to) continue;
			const r = Rand.of(ctx.salt, comp.code, m, i);
			const source = r.weighted(mix);
			const digits = idDigits(ctx, comp.code, m, i);
			const d = comp.make({
				ctx,
				r,
				t,
				source,
				digits,
				id: makeId(source, digits),
				slot: m,
				idx: i,
				sibling: (j) =>
					j >= 0 && j < i && sourceOf(j) === source
						? makeId(source, idDigits(ctx, comp.code, m, j))
						: undefined
			});
			if (d) out.push(d);
		}
	}
}

// ---------------------------------------------------------------------------------------------
// Trips and agents: a plan of timed positions, materialised only where they fall in the window.

export interface Spec {
	t: number;
	lon: number;
	lat: number;
	/** Free-form stage used by the text ('depart', 'train', 'venue', ...). */
	stage: string;
	moving: boolean;
}

export interface Plan<A> {
	agent: A;
	specs: Spec[];
}

/** Times of posts along an interval: a Poisson process with a time-dependent rate (per minute). */
export function postTimes(
	r: Rand,
	t0: number,
	t1: number,
	ratePerMin: (t: number) => number,
	maxRate: number
): number[] {
	const out: number[] = [];
	if (!(maxRate > 0) || t1 <= t0) return out;
	let t = t0;
	for (;;) {
		t += r.expo(MIN / maxRate);
		if (t >= t1) break;
		if (r.next() * maxRate < ratePerMin(t)) out.push(Math.floor(t / 1000) * 1000);
	}
	return out;
}

export interface TripComp<A> {
	code: number;
	/** Longest trip duration (ms): slots this far before the window are visited. */
	maxDurMs: number;
	tripsPerHour(hourStart: number): number;
	plan(ctx: Ctx, r: Rand, start: number, slot: number): Plan<A> | null;
	make(ctx: Ctx, r: Rand, agent: A, spec: Spec, i: number, digits: string): Draft;
}

export function runTrips<A>(
	ctx: Ctx,
	comp: TripComp<A>,
	from: number,
	to: number,
	out: Draft[]
): void {
	const h0 = Math.floor((from - comp.maxDurMs) / HOUR);
	const h1 = Math.ceil(to / HOUR);
	for (let h = h0; h < h1; h++) {
		const lam = comp.tripsPerHour(h * HOUR);
		if (!(lam > 0)) continue;
		const rs = Rand.of(ctx.salt, comp.code, 'h', h);
		const n = Math.min(999, rs.poisson(lam));
		for (let k = 0; k < n; k++) {
			const start = h * HOUR + Math.floor(rs.next() * HOUR);
			const slot = h * 1000 + k;
			const plan = comp.plan(ctx, Rand.of(ctx.salt, comp.code, 'p', slot), start, slot);
			if (!plan) continue;
			const specs = plan.specs;
			for (let i = 0; i < specs.length && i < 9999; i++) {
				const s = specs[i];
				// a trip never posts after maxDurMs: windows that start later do not visit its slot
				if (s.t < from || s.t >= to || s.t >= start + comp.maxDurMs) continue;
				const digits = idDigits(ctx, comp.code, slot, i);
				out.push(comp.make(ctx, Rand.of(ctx.salt, comp.code, slot, i), plan.agent, s, i, digits));
			}
		}
	}
}

/** A finite crowd: all plans made once, specs indexed by time. */
export class AgentSet<A> {
	private flat?: { t: number; a: number; i: number }[];
	private plans?: Plan<A>[];
	constructor(
		private readonly ctx: Ctx,
		readonly code: number,
		private readonly build: (ctx: Ctx) => Plan<A>[],
		private readonly makeFn: (
			ctx: Ctx,
			r: Rand,
			agent: A,
			spec: Spec,
			i: number,
			digits: string
		) => Draft
	) {}
	private ensure(): void {
		if (this.flat) return;
		// plans depend only on scenario, seed and place list: share them between instances
		const key = `agents|${this.ctx.scenario}|${this.ctx.seed}|${this.code}`;
		let memo = this.ctx.places.memo.get(key) as
			{ plans: Plan<A>[]; flat: { t: number; a: number; i: number }[] } | undefined;
		if (!memo) {
			const plans = this.build(this.ctx);
			const flat: { t: number; a: number; i: number }[] = [];
			plans.forEach((p, a) => p.specs.forEach((s, i) => flat.push({ t: s.t, a, i })));
			flat.sort((x, y) => x.t - y.t || x.a - y.a || x.i - y.i);
			memo = { plans, flat };
			if (this.ctx.places.memo.size > 32) this.ctx.places.memo.clear();
			this.ctx.places.memo.set(key, memo);
		}
		this.plans = memo.plans;
		this.flat = memo.flat;
	}
	/** Number of agents and specs, for diagnostics. */
	size(): { agents: number; posts: number } {
		this.ensure();
		return { agents: this.plans!.length, posts: this.flat!.length };
	}
	plan(a: number): Plan<A> {
		this.ensure();
		return this.plans![a];
	}
	run(from: number, to: number, out: Draft[]): void {
		this.ensure();
		const flat = this.flat!;
		let lo = 0;
		let hi = flat.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (flat[mid].t < from) lo = mid + 1;
			else hi = mid;
		}
		for (let k = lo; k < flat.length && flat[k].t < to; k++) {
			const { a, i } = flat[k];
			const plan = this.plans![a];
			const digits = idDigits(this.ctx, this.code, a, i);
			out.push(
				this.makeFn(
					this.ctx,
					Rand.of(this.ctx.salt, this.code, a, i),
					plan.agent,
					plan.specs[i],
					i,
					digits
				)
			);
		}
	}
}

/** Geotag fields from a position. */
export function geo(p: LonLat): { lon: number; lat: number } {
	return { lon: p[0], lat: p[1] };
}
