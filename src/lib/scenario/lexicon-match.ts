/**
 * Fragments for the match-day scenarios (matchday.ts), 2024 era: the fans at and around De Kuip
 * (md_), the talk in town and the country, and the trouble on the Stadhuisplein after the match
 * (mt_). Variables: {city}, {spot}, {from}, {what}, {place}. Pure module.
 */
import type { Lexicon } from './text';

export const MATCH_LEX: Lexicon = {
	md_pre: [
		'[Zondag|Morgen|Vanavond] [Feyenoord - Ajax|de Klassieker] in De Kuip, [wie gaat er|kaartje geregeld|{r_party}]',
		'[Klassieker|Feyenoord Ajax] [vanavond|morgen]: [hoe gaat het aflopen|3-1 zeg ik|{r}]',
		'[Kaarten|Tickets] voor De Kuip [uitverkocht|allemaal weg], [balen|{r_neg}]'
	],
	md_arrive: [
		'[Binnen|We zitten|Aangekomen] in De Kuip, [wat een sfeer al|{r_party}]',
		'[Vak|Plek] [gevonden|ingenomen] in De Kuip, [kom maar op|{r_party}]'
	],
	md_v: [
		'[Wat een sfeer|Kippenvel|Geluid] in De Kuip [vanavond|], {r_party}',
		'[Goal|GOAAAL|Doelpunt]!! [De Kuip ontploft|Hele stadion staat op zijn kop], {r_party}',
		'[Rust|Halftime] in De Kuip, [biertje halen|rij bij de kiosk is eindeloos|{r}]',
		'[Scheids|Die scheidsrechter] [ziet niks|is blind], [pfff|{r_neg}]',
		'[Handen op elkaar|Sfeeractie] [voor|van] [het Legioen|de hele Kuip], {r_party}'
	],
	md_v_end: [
		'[Afgelopen|Einde wedstrijd|Laatste fluitsignaal], [wat een wedstrijd|mooie overwinning|gelijkspel, jammer], {r}',
		'[Iedereen|Hele stadion] [loopt naar buiten|gaat tegelijk weg], [druk bij de uitgang|rustig aan], {r}'
	],
	md_buzz: [
		'[Klassieker|Feyenoord - Ajax] [kijken|aan het kijken] [in de kroeg|thuis op de bank], {r_party}',
		'[Hele|Half] {city} [kijkt|zit te kijken] naar de Klassieker, {r}',
		'[Metro|Tram|Trein] [vol|propvol] met [supporters|Feyenoorders] [richting De Kuip|naar het stadion], {r}'
	],
	md_official: [
		'Vandaag Feyenoord - Ajax in De Kuip. [Reis met het OV|Kom op tijd], [het wordt druk rond het stadion.|de wegen rond De Kuip zijn afgesloten.]',
		"RET: extra metro's en trams [na afloop|voor de wedstrijd] [richting Stadion Feijenoord|tussen Zuid en het stadion].",
		'NS: [extra treinen|extra sprinters] [van en naar|vanaf] station Rotterdam Stadion [na afloop van de wedstrijd|vanavond].'
	],
	mt_arrive: [
		'[We zijn er|Aangekomen|Staan nu] [op|bij] {spot}, [zo veel gasten|wat is hier aan de hand|{r}]',
		'[Grote groep|Hele groep] [supporters|gasten] [op|bij] {spot}, [sfeer grimmig|{r_alarm}]'
	],
	mt_v: [
		'[Honderden|Zoveel|Echt veel] [jongeren|gasten|mensen] [op|bij] {spot} na de wedstrijd, {r_alarm}',
		'[Fakkels|Vuurwerk|Rookbommen] [op|bij] {spot}, [dit gaat mis|{r_alarm}]',
		'[Ruiten|Bushokje|Fietsen] [kapot|gesloopt] [bij|op] {spot}, [wat is dit|{r_alarm}]',
		'[Gasten|Jongens] [met|in] [capuchons|bivakmutsen] [op|bij] {spot}, [ik vertrouw het niet|{r_alarm}]',
		'[Rellen|Onrust|Gedoe] [op|bij] {spot} in {city}, [blijf weg|{r_alarm}]'
	],
	mt_v_police: [
		'[ME|Politie] [op|bij] {spot}, [charges|ze vegen het plein schoon|{r_alarm}]',
		'[Nog steeds|Nog altijd] [honderden|veel] [gasten|mensen] [op|bij] {spot}, [politie te paard|traangas?]'
	],
	mt_buzz: [
		'[Onrust|Rellen|Grote groep] [op|bij] {spot} in {city}? [Wat is daar aan de hand|iemand?]',
		'[Helikopter|Politieheli] [boven|bij] {spot}, [al een uur|{r_alarm}]',
		'[Tram|Metro] [rijdt niet|omgeleid] [door|vanwege] [onrust|rellen] [bij|op] {spot}, {r_neg}'
	],
	mt_official: [
		'Op {spot} is een grote groep [jongeren|mensen] samengekomen. [Wij zijn ter plaatse.|Vermijd het gebied.]',
		'De burgemeester heeft een noodbevel afgekondigd voor {spot} en omgeving. [Ga naar huis.|Vermijd het gebied.]'
	],
	mt_report: [
		'Melding: [grote groep|honderden jongeren] [op|bij] {spot}, [vuurwerk|vernielingen|verkeer staat stil]',
		'Melding: [vechtpartij|geweld|vernielingen] [bij|op] {spot}, [sfeer grimmig|mensen lopen weg]'
	]
};
