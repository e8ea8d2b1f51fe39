/**
 * Europe/Amsterdam local time without Intl time-zone data: CET (+01:00) in winter, CEST (+02:00)
 * from the last Sunday of March to the last Sunday of October, switching at 01:00 UTC (the EU
 * rule in force since 1996). Pure module.
 */

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** Epoch ms of 01:00 UTC on the last Sunday of the given month (0-based) of the year. */
export function lastSundayAt0100Utc(year: number, month: number): number {
	const lastDay = Date.UTC(year, month + 1, 0);
	const dow = new Date(lastDay).getUTCDay();
	return lastDay - dow * DAY + HOUR;
}

const dstCache = new Map<number, [number, number]>();
function dstRange(year: number): [number, number] {
	let r = dstCache.get(year);
	if (!r) {
		r = [lastSundayAt0100Utc(year, 2), lastSundayAt0100Utc(year, 9)];
		dstCache.set(year, r);
	}
	return r;
}

/** Offset of Amsterdam local time from UTC at the instant ms, in minutes (60 or 120). */
export function amsterdamOffsetMin(ms: number): number {
	const year = new Date(ms).getUTCFullYear();
	const [start, end] = dstRange(year);
	return ms >= start && ms < end ? 120 : 60;
}

function pad2(n: number): string {
	return n < 10 ? '0' + n : '' + n;
}

/** ISO 8601 with the Amsterdam offset, whole seconds: 2012-09-21T20:03:11+02:00. */
export function formatLocal(ms: number): string {
	const off = amsterdamOffsetMin(ms);
	const d = new Date(Math.floor(ms / 1000) * 1000 + off * 60_000);
	return (
		d.getUTCFullYear() +
		'-' +
		pad2(d.getUTCMonth() + 1) +
		'-' +
		pad2(d.getUTCDate()) +
		'T' +
		pad2(d.getUTCHours()) +
		':' +
		pad2(d.getUTCMinutes()) +
		':' +
		pad2(d.getUTCSeconds()) +
		(off === 120 ? '+02:00' : '+01:00')
	);
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

/** Local calendar fields of the instant ms. */
export function localParts(ms: number): LocalParts {
	const d = new Date(ms + amsterdamOffsetMin(ms) * 60_000);
	return {
		year: d.getUTCFullYear(),
		month: d.getUTCMonth() + 1,
		day: d.getUTCDate(),
		weekday: d.getUTCDay(),
		hour: d.getUTCHours() + d.getUTCMinutes() / 60
	};
}

/** Epoch ms of local wall-clock time in Amsterdam (ambiguous hours resolve to the first). */
export function localToUtc(
	year: number,
	month: number,
	day: number,
	hour = 0,
	minute = 0,
	second = 0
): number {
	const naive = Date.UTC(year, month - 1, day, hour, minute, second);
	// try the summer offset first: for a wall time that exists in both, this is the earlier one
	for (const off of [120, 60]) {
		const t = naive - off * 60_000;
		if (amsterdamOffsetMin(t) === off) return t;
	}
	// a wall time skipped by the spring change: take the winter reading
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
	return localToUtc(year, month, day, hour, minute, second) + ms;
}
