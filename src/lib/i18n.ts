/**
 * Interface texts. Dutch is the interface language; English is available (?lang=en).
 * Pure module.
 */
export type Lang = 'nl' | 'en';

const nl = {
	title: 'Uitkijk',
	play: 'Afspelen',
	pause: 'Pauze',
	speed: 'Snelheid',
	window: 'Tijdvenster',
	layers: 'Lagen',
	heat: 'Hittekaart',
	hexagons: 'Zeshoeken',
	corridors: 'Stromen',
	points: 'Berichten',
	areas: 'Gebieden',
	areasTitle: 'Gebieden',
	perMinute: '/min',
	postsInWindow: 'berichten in venster',
	located: 'op de kaart',
	unlocated: 'zonder locatie',
	live: 'LIVE',
	paused: 'GEPAUZEERD',
	loading: 'LADEN',
	behind: 'ACHTER',
	stale: 'VEROUDERD SINDS',
	feedError: 'Fout bij ophalen berichten',
	invalidPosts: 'ongeldige berichten genegeerd',
	openFile: 'Bestand openen',
	fileLoaded: 'berichten geladen uit',
	fileRejected: 'regels afgewezen',
	source: 'Bron',
	time: 'Tijd',
	locatedBy: 'Locatie',
	method_gps: 'GPS-geotag',
	method_place: 'plaatslabel',
	method_text: 'plaatsnaam in tekst',
	method_none: 'geen locatie',
	precision: 'nauwkeurigheid',
	cell: 'Cel',
	posts: 'berichten',
	last10: 'laatste 10 min',
	prev10: '10 min daarvoor',
	flow: 'Stroom',
	authors: 'auteurs',
	moves: 'verplaatsingen',
	legendHeat: 'Dichtheid (recent weegt zwaarder)',
	perKm2: 'per km²',
	legendCorridor: 'Beweging van auteurs (breedte = aantal)',
	noGeodata: 'Geen kaartdata gevonden: eenvoudige basiskaart',
	language: 'English',
	trend_up: 'stijgend',
	trend_down: 'dalend',
	trend_flat: 'stabiel'
};

export type Texts = typeof nl;

const en: Texts = {
	title: 'Uitkijk',
	play: 'Play',
	pause: 'Pause',
	speed: 'Speed',
	window: 'Time window',
	layers: 'Layers',
	heat: 'Heatmap',
	hexagons: 'Hexagons',
	corridors: 'Flows',
	points: 'Posts',
	areas: 'Areas',
	areasTitle: 'Areas',
	perMinute: '/min',
	postsInWindow: 'posts in window',
	located: 'on the map',
	unlocated: 'without location',
	live: 'LIVE',
	paused: 'PAUSED',
	loading: 'LOADING',
	behind: 'BEHIND',
	stale: 'STALE SINCE',
	feedError: 'Error fetching posts',
	invalidPosts: 'invalid posts ignored',
	openFile: 'Open file',
	fileLoaded: 'posts loaded from',
	fileRejected: 'lines rejected',
	source: 'Source',
	time: 'Time',
	locatedBy: 'Location',
	method_gps: 'GPS geotag',
	method_place: 'place tag',
	method_text: 'place name in text',
	method_none: 'no location',
	precision: 'precision',
	cell: 'Cell',
	posts: 'posts',
	last10: 'last 10 min',
	prev10: '10 min before',
	flow: 'Flow',
	authors: 'authors',
	moves: 'moves',
	legendHeat: 'Density (recent weighs more)',
	perKm2: 'per km²',
	legendCorridor: 'Movement of authors (width = count)',
	noGeodata: 'No map data found: plain basemap',
	language: 'Nederlands',
	trend_up: 'rising',
	trend_down: 'falling',
	trend_flat: 'steady'
};

export const TEXTS: Record<Lang, Texts> = { nl, en };

/** Clock and date in the scenario's time zone, in the interface language. */
export function formatTime(t: number, lang: Lang, withDate = true): string {
	return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
		timeZone: 'Europe/Amsterdam',
		...(withDate ? { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' } : {}),
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	}).format(t);
}
