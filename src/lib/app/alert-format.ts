/**
 * Formatting for the alert panel (pure; unit-tested): which alerts the list shows and how many it
 * folds away behind "+N meer", and the time of a card on the map's clock: the clock time for an
 * alert of the map's day, else the date, the time and its age. The map's "today" is the stream
 * clock's day in Amsterdam (a replay of 2012 is not today's date), so `now` comes from the clock.
 */
import type { Lang, Texts } from '../i18n';

/** Cards shown before the list folds (the rest behind "+N meer"). */
export const ALERTS_FOLDED = 8;

/** The cards to show, and how many more there are; all of them once expanded. */
export function visibleAlerts<T>(
	alerts: readonly T[],
	expanded: boolean,
	limit = ALERTS_FOLDED
): { shown: readonly T[]; hidden: number } {
	if (expanded || alerts.length <= limit) return { shown: alerts, hidden: 0 };
	return { shown: alerts.slice(0, limit), hidden: alerts.length - limit };
}

/** A text of i18n.ts with `{n}` filled in. */
export function fill(text: string, n: number): string {
	return text.replace('{n}', String(n));
}

const DAY_KEY = new Intl.DateTimeFormat('en-CA', {
	timeZone: 'Europe/Amsterdam',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit'
});

/** The Amsterdam calendar day of an instant, "YYYY-MM-DD". */
export function amsterdamDay(t: number): string {
	return DAY_KEY.format(t);
}

const CLOCK: Record<Lang, Intl.DateTimeFormat> = {
	nl: new Intl.DateTimeFormat('nl-NL', {
		timeZone: 'Europe/Amsterdam',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	}),
	en: new Intl.DateTimeFormat('en-GB', {
		timeZone: 'Europe/Amsterdam',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	})
};
const DATE: Record<Lang, Intl.DateTimeFormat> = {
	nl: new Intl.DateTimeFormat('nl-NL', {
		timeZone: 'Europe/Amsterdam',
		weekday: 'short',
		day: 'numeric',
		month: 'short'
	}),
	en: new Intl.DateTimeFormat('en-GB', {
		timeZone: 'Europe/Amsterdam',
		weekday: 'short',
		day: 'numeric',
		month: 'short'
	})
};
const YEAR = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', year: 'numeric' });

/** How long ago, in the interface language ("3 uur geleden", "2 days ago"). */
export function formatAge(ms: number, t: Texts): string {
	const min = Math.floor(ms / 60_000);
	if (min < 1) return t.alertJustNow;
	if (min < 60) return fill(t.alertAgoMinutes, min);
	const h = Math.floor(min / 60);
	if (h < 48) return fill(t.alertAgoHours, h);
	const d = Math.floor(h / 24);
	return d === 1 ? t.alertAgoDay : fill(t.alertAgoDays, d);
}

export interface CardTime {
	/** "18:05", or "vr 21 sep 18:05" (with the year when it is not the clock's year). */
	time: string;
	/** The age for an alert of another day than the clock's, else null. */
	age: string | null;
	/** Whether the alert is of the clock's day. */
	today: boolean;
}

/** The time of an alert card against the map's clock (`now`, epoch ms; NaN when unknown). */
export function cardTime(at: number, now: number, lang: Lang, t: Texts): CardTime {
	const clock = CLOCK[lang].format(at);
	if (Number.isFinite(now) && amsterdamDay(at) === amsterdamDay(now))
		return { time: clock, age: null, today: true };
	const year =
		Number.isFinite(now) && YEAR.format(at) === YEAR.format(now) ? '' : ` ${YEAR.format(at)}`;
	const date = `${DATE[lang].format(at).replace(/,/g, '')}${year} ${clock}`;
	return {
		time: date,
		age: Number.isFinite(now) && now >= at ? formatAge(now - at, t) : null,
		today: false
	};
}
