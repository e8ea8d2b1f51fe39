/**
 * Europe/Amsterdam local time without Intl time-zone data (fast, pure, the same in Node, the
 * browser and a worker): CET (+01:00) in winter, CEST (+02:00) from the last Sunday of March to
 * the last Sunday of October, switching at 01:00 UTC (the EU rule in force since 1996). The one
 * copy of this rule: the scenarios, the detector, the evaluation and the CLI all use it.
 */

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** Epoch ms of 01:00 UTC on the last Sunday of a month (0-based) of a year. */
function lastSunday0100Utc(year: number, month: number): number {
	const lastDay = Date.UTC(year, month + 1, 0);
	const dow = new Date(lastDay).getUTCDay();
	return lastDay - dow * DAY + HOUR;
}

const dstCache = new Map<number, [number, number]>();

/** Offset of Amsterdam local time from UTC at epoch ms t, in minutes (60 or 120). */
export function amsterdamOffsetMin(t: number): number {
	const year = new Date(t).getUTCFullYear();
	let r = dstCache.get(year);
	if (!r) {
		r = [lastSunday0100Utc(year, 2), lastSunday0100Utc(year, 9)];
		dstCache.set(year, r);
	}
	return t >= r[0] && t < r[1] ? 120 : 60;
}

/** A Date whose UTC fields are the Amsterdam wall-clock fields of t. */
function wall(t: number): Date {
	return new Date(t + amsterdamOffsetMin(t) * 60_000);
}

function pad(n: number): string {
	return n < 10 ? '0' + n : String(n);
}

/** Local (Amsterdam) hour of day, 0..23. */
export function localHour(t: number): number {
	const l = t + amsterdamOffsetMin(t) * 60_000;
	return Math.floor((((l % DAY) + DAY) % DAY) / HOUR);
}

export interface LocalParts {
	year: number;
	/** 1-12 */
	month: number;
	day: number;
	/** 0 = Sunday */
	weekday: number;
	/** hour + minute/60 */
	hour: number;
}

/** Local calendar fields of t. */
export function localParts(t: number): LocalParts {
	const d = wall(t);
	return {
		year: d.getUTCFullYear(),
		month: d.getUTCMonth() + 1,
		day: d.getUTCDate(),
		weekday: d.getUTCDay(),
		hour: d.getUTCHours() + d.getUTCMinutes() / 60
	};
}

/** Local calendar fields of t: [year, month 1-based, day, weekday 0=Sunday]. */
export function localDate(t: number): [number, number, number, number] {
	const p = localParts(t);
	return [p.year, p.month, p.day, p.weekday];
}

/** Local date as YYYY-MM-DD. */
export function localDay(t: number): string {
	const d = wall(t);
	return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Local clock time as HH:MM. */
export function formatClock(t: number): string {
	const d = wall(t);
	return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** ISO 8601 with the Amsterdam offset, whole seconds (cut): 2012-09-21T20:03:11+02:00. */
export function formatIso(t: number): string {
	const off = amsterdamOffsetMin(t);
	const d = new Date(t + off * 60_000);
	return (
		`${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T` +
		`${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` +
		`+${pad(off / 60)}:00`
	);
}

/**
 * Epoch ms of a local (Amsterdam) wall-clock time; month 1-based, fields may overflow (day 32
 * is the 1st of the next month). A wall time that occurs twice (the October change) is the
 * first, summer-time one; one skipped by the March change is read in winter time (02:30 is
 * 01:30 UTC, the same instant as 03:30 summer time).
 */
export function fromLocal(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number {
	const naive = Date.UTC(y, mo - 1, d, h, mi, s);
	for (const off of [120, 60]) {
		const t = naive - off * 60_000;
		if (amsterdamOffsetMin(t) === off) return t;
	}
	return naive - 60 * 60_000;
}

const ISO_RE =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parse ISO 8601: with an offset or Z as given; without one as Amsterdam local time; a bare date
 * is its local midnight. Returns NaN when the text is not such a time.
 */
export function parseTime(s: string): number {
	const m = ISO_RE.exec(s.trim());
	if (!m) return NaN;
	const [, y, mo, d, h, mi, se, frac, zone] = m;
	const year = +y;
	const month = +mo;
	const day = +d;
	const hour = h === undefined ? 0 : +h;
	const minute = mi === undefined ? 0 : +mi;
	const second = se === undefined ? 0 : +se;
	if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59)
		return NaN;
	const ms = frac ? Math.round(Number('0.' + frac) * 1000) : 0;
	if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return NaN;
	if (zone) {
		let off = 0;
		if (zone !== 'Z') {
			const sign = zone[0] === '-' ? -1 : 1;
			const digits = zone.slice(1).replace(':', '');
			off = sign * (+digits.slice(0, 2) * 60 + +digits.slice(2, 4));
		}
		return Date.UTC(year, month - 1, day, hour, minute, second, ms) - off * 60_000;
	}
	return fromLocal(year, month, day, hour, minute, second) + ms;
}
