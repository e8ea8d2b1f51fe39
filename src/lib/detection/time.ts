/**
 * Amsterdam local time for the detector, without Intl (fast, pure): the EU rule for summer time
 * (from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC, +02:00;
 * otherwise +01:00). Used for the hour-of-day baseline, alert days and announced times.
 */

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** Epoch ms of the last Sunday of a month (0-based), 01:00 UTC. */
function lastSunday0100(year: number, month: number): number {
	const lastDay = Date.UTC(year, month + 1, 0);
	const dow = new Date(lastDay).getUTCDay();
	return lastDay - dow * DAY + HOUR;
}

const dstCache = new Map<number, [number, number]>();

/** Offset of Amsterdam local time from UTC in minutes (60 or 120) at epoch ms t. */
export function amsterdamOffsetMin(t: number): number {
	const year = new Date(t).getUTCFullYear();
	let r = dstCache.get(year);
	if (!r) {
		r = [lastSunday0100(year, 2), lastSunday0100(year, 9)];
		dstCache.set(year, r);
	}
	return t >= r[0] && t < r[1] ? 120 : 60;
}

/** Local (Amsterdam) hour of day, 0..23. */
export function localHour(t: number): number {
	const l = t + amsterdamOffsetMin(t) * 60_000;
	return Math.floor((((l % DAY) + DAY) % DAY) / HOUR);
}

function pad(n: number): string {
	return n < 10 ? '0' + n : String(n);
}

/** Local date as YYYY-MM-DD. */
export function localDay(t: number): string {
	const d = new Date(t + amsterdamOffsetMin(t) * 60_000);
	return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** ISO 8601 with the Amsterdam offset, seconds precision: 2012-09-21T20:00:00+02:00. */
export function formatIso(t: number): string {
	const off = amsterdamOffsetMin(t);
	const d = new Date(t + off * 60_000);
	return (
		`${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T` +
		`${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` +
		`+${pad(off / 60)}:00`
	);
}

/** Local clock time as HH:MM. */
export function formatClock(t: number): string {
	const d = new Date(t + amsterdamOffsetMin(t) * 60_000);
	return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** Epoch ms of a local (Amsterdam) wall-clock time; month 1-based. */
export function fromLocal(y: number, mo: number, d: number, h = 0, mi = 0): number {
	const guess = Date.UTC(y, mo - 1, d, h, mi);
	let t = guess - amsterdamOffsetMin(guess) * 60_000;
	t = guess - amsterdamOffsetMin(t) * 60_000;
	return t;
}

/** Local calendar fields of t: [year, month 1-based, day, weekday 0=Sunday]. */
export function localDate(t: number): [number, number, number, number] {
	const d = new Date(t + amsterdamOffsetMin(t) * 60_000);
	return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCDay()];
}
