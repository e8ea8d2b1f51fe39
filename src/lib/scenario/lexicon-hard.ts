/**
 * Fragments for the hard scenarios (hard.ts), 2024 era: travelling to a gathering (gx_), the
 * Zwolle square with few geotags (sg_), the two protests (tc_), the overflowing concert on the
 * Malieveld (ov_) and the Project X call nobody answered (hq_). Variables: {city}, {spot},
 * {from}, {what}, {place}, {count}, {dag}. Pure module.
 */
import type { Lexicon } from './text';

export const HARD_LEX: Lexicon = {
	gx_depart: [
		'[Op weg|Onderweg|Vertrokken] naar {city}, [wie is er al|wie komt er ook|zie jullie daar]',
		'[Snel|Ff] [jas aan|schoenen aan] en [naar|richting] {spot}',
		'[Wij gaan|Ik ga] [ook|toch] [even kijken|ff kijken] [bij|naar] {what}',
		'[Gaan|We gaan] [nu|zo] naar {what} in {city}, {r}'
	],
	gx_travel_train: [
		'[Trein|Sprinter|Intercity] naar {city} [zit|is] [vol|propvol] met [mensen|gasten] die ook naar {what} gaan',
		'[Net|Zo] ingestapt in {from}, [op naar|richting] {city}',
		'[Vertraging|5 min vertraging] [natuurlijk|ja hoor], [NS|de trein] [weer|altijd], kom later bij {what}'
	],
	gx_travel_bike: [
		'[Fietsen|Op de fiets|Met de fiets] [naar|richting] {spot}, {r}',
		'[Hele fietspad|Hele straat] [vol|staat vol] [met|met allemaal] [mensen|jongeren] richting {spot}'
	],
	gx_travel_walk: [
		'[Lopend|Te voet] [naar|richting] {spot}, [zie al veel mensen|wordt al druk|hoor al lawaai]',
		'[Bijna|Bijna bij] {spot}, [zo veel mensen|wat een drukte|iedereen loopt dezelfde kant op]'
	],
	gx_travel_car: [
		'[Met de auto|Auto] [naar|richting] {city}, [parkeren wordt lastig|file bij de afrit|{r}]',
		'[Geen|Nergens] [parkeerplek|plek] in {city} [lol|pfff|serieus]'
	],
	gx_leave: [
		'[Wij gaan|Ik ga] [naar huis|weer], [genoeg gezien|was wel mooi geweest|{r}]',
		'[Weg hier|Wij zijn weg], [wordt te gek|te druk|koud], {r}'
	],
	gx_back_train: ['[Trein|Laatste trein] [terug|naar huis] [vanuit|uit] {city}, [moe|kapot|{r}]'],
	gx_back_bike: ['[Fietsen|Op de fiets] naar huis, [wat een avond|{r}]'],
	gx_back_walk: ['[Lopen|Lopend] naar huis, [wat een avond|{r}]'],
	gx_back_car: ['[Auto|Met de auto] [terug|naar huis], {r}'],
	gx_home: [
		'[Thuis|Weer thuis|Eindelijk thuis], [wat een avond|{r}]',
		'[Thuis|Bank], [dat was|was] [wel|echt] [wat|apart|mooi] [in|bij] {city}'
	],

	// Zwolle, Grote Markt: a few hundred youths after a call in closed groups
	sg_arrive: [
		'[We zijn er|Aangekomen|Staan nu] [op|bij] de Grote Markt, [zo veel mensen|wat is dit|wtf]',
		'[Grote Markt|De markt] [staat|ligt] [al|nu al] [vol|helemaal vol] [met|met allemaal] [gasten|jongeren|mensen]'
	],
	sg_v: [
		'[Wat is er|Wat gebeurt er] [aan de hand|allemaal] op de Grote Markt?? [zo veel jongeren|iedereen is hier]',
		'Half {city} staat op de [Grote Markt|markt] [lol|haha|wtf]',
		'[Zo|Kapot|Echt] druk hier, [iemand die weet waarom|waarom staat iedereen hier]',
		'[Iedereen|Heel de groepsapp] [is|staat] [hier|bij de Peperbus|bij de Grote Kerk], [gekkenhuis|{r}]',
		'[Muziek|Speaker] [keihard|aan] op de [Grote Markt|markt], [sfeer is goed|beetje grimmig|{r}]',
		'[Gasten|Jongens] [met|in] [capuchons|bivakmutsen] [op de markt|hier], [ik vertrouw het niet|{r_alarm}]',
		'[Vuurwerk|Rotje|Cobra] [afgestoken|gegooid] [hier|op de markt], [schrok me kapot|{r_alarm}]',
		'[Er|Hier] staan [er|] [wel|zeker] [300|400|500] man [op de Grote Markt|hier], [ik zweer|echt waar]'
	],
	sg_v_police: [
		'[Politie|ME|Agenten] [staat|staan] [nu|inmiddels] [rond|om] de [Grote Markt|markt], [gaat niet goed|{r_alarm}]',
		'[Ze|Politie] [sturen|stuurt] [iedereen|ons] weg [van de markt|hier], {r_alarm}',
		'[Helikopter|Heli] boven [de binnenstad|het centrum|ons], [serieus|wtf]',
		'[Noodbevel|Noodbevel afgekondigd] [hier|in het centrum], [moeten weg|{r_alarm}]'
	],
	sg_buzz: [
		'Wat is er aan de hand in de binnenstad van {city}? [Overal politie|Zo veel jongeren op straat]',
		'[Helikopter|Politiehelikopter] boven {city} [centrum|binnenstad], [weet iemand wat er is|?]',
		'[Ik hoor|Hoor] [geschreeuw|knallen|sirenes] [vanaf|bij] de Grote Markt, [wat is er|iemand?]',
		'[Zoon|Dochter] zegt dat [half|heel] {city} op de Grote Markt staat, [ik hoop dat het rustig blijft|{r_neg}]',
		'[Grote groep|Honderden] jongeren [in|op] de binnenstad van {city}, [gaat dit goed|{r}]'
	],
	sg_official: [
		'Op de Grote Markt is een grote groep jongeren samengekomen. Wij zijn ter plaatse. Vermijd het gebied.',
		'De burgemeester heeft een noodbevel afgekondigd voor de Grote Markt en omgeving. Wie daar is moet weggaan.',
		'Het is inmiddels weer rustig op de Grote Markt. [Enkele aanhoudingen.|Wij blijven zichtbaar aanwezig.]'
	],
	sg_report: [
		'Melding: grote groep jongeren op {spot}, [sfeer grimmig|vuurwerk|geschreeuw]',
		'Melding: [honderden|veel] jongeren [bij|op] {spot}, [er wordt gevochten|flessen gegooid|overlast]'
	],

	// Rotterdam and Utrecht: unannounced housing protests the same evening
	tc_arrive: [
		'[Aangekomen|We zijn er|Staan nu] [op|bij] {spot}, [al best veel mensen|wat een opkomst]',
		'[Demo|Protest] [op|bij] {spot} [begint|is begonnen], [kom ook|{r}]'
	],
	tc_v: [
		'[Honderden|Zoveel|Echt veel] mensen [op|bij] {spot} [tegen de woningnood|voor betaalbaar wonen], [respect|{r}]',
		'[Demo|Protest] [op|bij] {spot} in {city}, [sfeer is goed|sfeer wordt grimmig|politie houdt afstand]',
		'[Spandoeken|Borden|Vlaggen] [overal|en een megafoon], {spot} staat vol. [Wij willen wonen!|Huur omlaag!]',
		'[Wie|Iemand] [is er ook|nog meer] [op|bij] {spot}? [zo veel studenten|iedereen is hier]',
		'[Fakkels|Rookfakkel|Vuurwerk] [bij|op] {spot}, [ging niet lang goed|{r_alarm}]'
	],
	tc_v_late: [
		'[Politie|ME] [maakt|begint] {spot} [leeg|schoon te vegen], {r_alarm}',
		'[Nog steeds|Nog altijd] [honderden|veel] mensen [op|bij] {spot}, [gaat door|niemand gaat weg]'
	],
	tc_buzz: [
		'[Demo|Protest|Grote groep] [in|op] {spot} in {city}? [Wist niemand van|Niet aangekondigd toch]',
		'[Tram|Bus] [omgeleid|rijdt niet] [door|vanwege] [een demonstratie|het protest] [bij|op] {spot}, {r_neg}',
		'[Helikopter|Politie] [boven|bij] {spot} in {city}, [wat is daar|iemand?]'
	],
	tc_official: [
		'Op {spot} is een niet aangekondigde demonstratie. Wij zijn ter plaatse en houden het in de gaten.',
		'De demonstranten op {spot} zijn gevraagd naar huis te gaan. [Vermijd het gebied.|Volg de aanwijzingen van de politie.]'
	],
	tc_report: [
		'Melding: [grote groep|honderden mensen] [op|bij] {spot}, [spandoeken|megafoon|verkeer staat stil]',
		'Melding: [vuurwerk|rookbommen|duwen] [bij|op] {spot}, [sfeer grimmig|mensen lopen weg]'
	],

	// Den Haag, Malieveld: a free concert that draws more than planned
	ov_pre: [
		'[Morgen|Zaterdag] [gratis concert|gratis festival] op het Malieveld!! [wie gaat er mee|{r_party}]',
		'[Kaartje|Polsbandje] [niet nodig|hoeft niet], [gewoon|gwn] naar het Malieveld [zaterdag|morgen]',
		'[Hoeveel|Wie] [mensen|man] gaan er naar het Malieveld [zaterdag|morgen]? [gaat sws druk worden|half NL komt]'
	],
	ov_arrive: [
		'[We zijn er|Binnen|Aangekomen] [op het Malieveld|bij {spot}], {r_party}',
		'[Zo|Mega] druk [bij|op] {spot}, [sfeer is top|{r_party}]'
	],
	ov_v: [
		'[Zo|Mega|Kapot] druk op het Malieveld, {r_party}',
		'[Podium|Main stage] [is|staat] [ver weg|super ver], [maar wat een sfeer|maar boeit niet], {r_party}',
		'[Biertje|Tweede biertje] [bij|op] {spot} [in de zon|met de crew], {r_party}',
		'[Rij|Wachtrij] [voor|bij] [de wc|de bar|de foodtrucks] [is|duurt] [eindeloos|een uur], {r_neg}'
	],
	ov_v_full: [
		'[Je kan|Kan] [niet meer|echt niet meer] [bewegen|lopen] op het Malieveld, [te vol|veel te vol|{r_neg}]',
		'[Ze laten|Er mag] [niemand meer|niemand] [naar binnen|erin], het Malieveld is vol',
		'[Dit zijn|Hier staan] [veel|echt veel] meer mensen dan [ze dachten|gepland|verwacht], [gedrang|{r_alarm}]'
	],
	ov_v_out: [
		'[Hekken|Poorten|Ingangen] [dicht|gesloten], [we komen er niet meer in|Malieveld is vol], [staan nu|nu maar] [bij|op] {spot}',
		'Malieveld vol?? [Staan|Wij staan] met [duizenden|honderden] [buiten de hekken|bij {spot}], {r_neg}',
		'[Horen|We horen] de muziek [vanaf|van] {spot} [haha|lol|], [ook prima|beter dan niks]',
		'[Gedrang|Duwen|Geduw] [bij|op] {spot}, [iedereen wil erin|niemand weet waar hij heen moet], {r_alarm}',
		'[Heel|Half] Den Haag staat [buiten|bij {spot}] [omdat het Malieveld vol is|want het veld is vol], [wtf|{r}]'
	],
	ov_buzz: [
		'[Den Haag Centraal|Het station] [is|staat] [afgeladen|stampvol] [door|vanwege] het concert op het Malieveld, {r_neg}',
		'[Tram|Bus|Trein] [vol|propvol] [met|met allemaal] mensen voor het Malieveld, {r_party}',
		'[Wonen|Woon] bij het Malieveld: [hoor alles|muziek tot in de keuken|gezellig], {r}'
	],
	ov_official: [
		'Het Malieveld is vol. De toegangen zijn gesloten. Kom niet meer naar het Malieveld.',
		'Het is erg druk rond het Malieveld en Den Haag Centraal. [Volg de aanwijzingen van de verkeersregelaars.|Houd afstand tot de hekken.]',
		'NS: Den Haag Centraal is zeer druk. Reis zo mogelijk via Den Haag HS of Laan van NOI.',
		'[Fijn concert|Geniet van de muziek]! [Drink water|Let op elkaar], het is warm.'
	],
	ov_report: [
		'Melding: [gedrang|te druk|mensen worden geplet] bij {spot}, [kinderen in de menigte|mensen raken in paniek]',
		'Melding: [hekken|dranghekken] [omver geduwd|kapot] bij {spot}',
		'Melding: [persoon|vrouw|man] onwel bij {spot}, [te warm|te druk]'
	],

	// Gouda: a viral Project X call, and nobody came
	hq_invite: [
		'PROJECT X {city} [🔥|!!!] {dag} [21:00|21 uur|9 uur] op de Markt. [Iedereen komen|Neem je vrienden mee], [zegt het voort|delen!!]',
		'[Project X|ProjectX] {city} [gaat echt gebeuren|is echt|komt eraan] {dag}, [wie gaat er|wie komt er]?',
		'[Tag|Tag je] [3|je] vrienden [die mee moeten|voor] Project X {city} {dag} [haha|lol|🔥]',
		'[Zag|Zie] [het|dat filmpje] [overal|op TikTok] [voorbij komen|langskomen]: Project X {city} {dag}, [ik ga sws|wie gaat]'
	],
	hq_count: [
		'[Al|Nu al] {count} [man|mensen] [zeggen|die zeggen] dat ze [komen|gaan] naar Project X {city} [lol|haha|wtf]',
		'{count} [views|shares] [op dat filmpje|op TikTok] van Project X {city}, [dit wordt groot|ze zijn gek]',
		'[Groepsapp|De groepsapp] [ontploft|gaat los] [over|met] Project X {city}, [al|] {count} [mensen|man]'
	],
	hq_joke: [
		'[Project X|ProjectX] {city}, [met stroopwafels|kaas en stroopwafels] [haha|lol|😂]',
		'[Mn oma|Mijn moeder] [vraagt|wil weten] of [ze|zij] ook naar Project X {city} mag [haha|lol]',
		'[Project X|ProjectX] {city} [wordt|is] [het feest van het jaar|legendarisch] [of niet|of gewoon niks] [lol|😂]'
	],
	hq_doubt: [
		'[Dit is|Is] [toch|gewoon] fake [lol|haha], [niemand|er] [gaat echt|komt echt niemand] naar Project X {city}',
		'[Wie|Welke gek] [organiseert|regelt] [dit|dat] [eigenlijk|überhaupt]? [Geen|Er is geen] [feest|organisatie], [gewoon een filmpje|fake]',
		'[Weer zo|Weer een] [nep|fake] Project X, [net als|zoals] [vorig jaar|die vorige], [niemand komt|gebeurt toch niks]'
	],
	hq_logistics: [
		'[Wie|Iemand] [gaat|rijdt] [mee|er] [vanuit|uit] {place} naar Project X {city}?',
		'[Trein|Sprinter] naar {city} [om|rond] [20:00|half 8|8 uur] {dag}? [wie gaat mee|appen]',
		'[Wat|Wat moet je] [aan|meenemen] naar Project X {city}? [haha|serieuze vraag]'
	],
	hq_media: [
		"[Oproep|Filmpje] voor ['Project X'|Project X-feest] in {city} gaat viraal; gemeente [waarschuwt|zegt: er is geen feest]",
		"Politie {city} houdt rekening met 'Project X' {dag}, maar verwacht weinig bezoekers"
	],
	hq_mayor: [
		'[Burgemeester|Gemeente] {city} [zegt|zegt gewoon]: er is geen feest, kom niet. [Dus sws wel|Jammer|Ok]',
		'[Politie|De burgemeester] [waarschuwt|zegt] [over|voor] Project X {city}: [er is geen feest|kom niet naar de Markt] [lol|haha|.]'
	],
	hq_worry: [
		'[Ik woon|Wij wonen] [aan|bij] de Markt in {city}, [wat is dit|hopelijk komt er niemand|ik maak me zorgen]',
		'[Ondernemers|Horeca] [op|aan] de Markt [maken zich zorgen|sluiten {dag} vroeg] [vanwege|om] Project X'
	],
	hq_none: [
		'Project X {city}: [3|vijf|een paar] man en [20|dertig|heel veel] [agenten|politie] [lol|haha|😂]',
		'[Was|Ben] [ff|even] [op|langs] de Markt [geweest|gelopen], [helemaal niks|niks aan de hand|niemand]. Fake dus [lol|haha]',
		'Meer [politie|journalisten] dan [feestgangers|mensen] [in|op de Markt in] {city} [haha|lol|😂]',
		'[Project X|ProjectX] {city} [was|is] [echt|gewoon] [niks|een flop|helemaal niks] [lol|haha], [iedereen thuis|wie had dit gedacht]',
		'[Gelukkig|Fijn] [was er niks|is er niks gebeurd] [in|op de Markt in] {city}, [rustig|gewoon een rustige avond]'
	],
	hq_official: [
		'Er is geen feest in {city}. Kom {dag} niet naar de Markt. Wij zijn aanwezig en treden op bij overlast.',
		'Het is rustig op de Markt in {city}. [Geen bijzonderheden.|Er zijn geen bezoekers voor het zogenaamde feest.]',
		"Wij zien de oproep voor een 'Project X'-feest in {city}. Er is geen feest en geen vergunning."
	]
};
