/**
 * Fragments for the planned-event scenario: King's Day (Koningsdag) 27 April 2024 in Amsterdam,
 * on and around the Dam. Festive, busy, peaceful, with the usual small incidents. Pure module.
 */
import type { Lexicon } from './text';

export const KD_LEX: Lexicon = {
	kd: [
		'Koningsdag',
		'koningsdag',
		'Koningsdag',
		'KONINGSDAG',
		'koningsdag 2024',
		'kdag',
		'Kingsday'
	],
	oranje: [
		'oranje',
		'helemaal oranje',
		'in het oranje',
		'oranje van top tot teen',
		'met oranje pruik',
		'met een oranje boa',
		'met oranje kroontje'
	],
	kdtags: [
		'#koningsdag',
		'#koningsdag2024',
		'#kingsday',
		'#oranje',
		'#amsterdam',
		'#vrijmarkt',
		'#kingsday2024'
	],
	kd_pre: [
		'{nog} tot {kd}, {r_party}',
		'[Wie|Iemand] [gaat er|gaan jullie] [mee|ook] naar [Amsterdam|de Dam|de stad] met {kd}?',
		'[Outfit|Oranje shirt|Pruik] voor {kd} [ligt klaar|besteld|gescoord], {r_party}',
		'[Vrijmarkt|Kleedje] [plekje|plek] [reserveren|vastleggen] [in de Jordaan|in het Vondelpark|voor de deur] [vannacht|morgenvroeg|om 6 uur]',
		'[Boot|Bootje|Sloep] [gehuurd|geregeld] voor {kd}, [wie wil er mee|plek voor nog twee]',
		'[Spullen|Oude speelgoed|Kleding] [verkopen|uitzoeken] voor de vrijmarkt, {r_pos}',
		'[Weerbericht|Buienradar] voor {kd}: [koud|regen|buien|zon en wolken], [maakt niet uit|jammer|boeiend]',
		'[NS|De trein] [gaat|zal] [vast|sws] [afgeladen|propvol] zijn met {kd}, [vroeg gaan|met de fiets dan]'
	],
	kd_nacht: [
		'[Koningsnacht|Koningsnachtfeest] [in de stad|in Amsterdam|op het plein], {r_party}',
		'[Nu al|Al] [dronken|aangeschoten|los] op [Koningsnacht|de avond voor {kd}], [morgen wordt zwaar|haha]',
		'[Rij|Lange rij] voor [de club|het feest|de kroeg] op Koningsnacht, {r_neg}',
		'[Kleedje|Plekje] [ligt al|gelegd] voor de vrijmarkt [morgen|straks], [nu feesten|nu slapen]'
	],
	spot: [
		'de Dam',
		'het Damrak',
		'het Rokin',
		'de Nieuwmarkt',
		'de Jordaan',
		'het Rembrandtplein',
		'het Spui',
		'het Leidseplein',
		'het Vondelpark'
	],
	kd_depart: [
		"[Daar gaan we|Let's go|Op pad], {kd}!! {r_party}",
		'[Op weg|Onderweg|Vertrokken] naar [Amsterdam|de Dam|de stad] {oranje}',
		'[Jas|Pruik|Tompouce] [mee|op|in de tas], [richting|op naar] Amsterdam',
		'[Fijne|Gezellige|Vrolijke] {kd} [iedereen|allemaal|mensen]! [Wij gaan|Ik ga] naar [de Dam|Amsterdam]'
	],
	kd_travel_train: [
		'[Trein|Intercity|Sprinter] naar Amsterdam [zit|is] [vol|afgeladen|propvol] [met oranje mensen|met feestgangers], {r_party}',
		'[Hele|De hele] trein [is oranje|zingt al|heeft bier open] [haha|lol], [{kd} begint goed|{r_party}]',
		'[Geen|Nul] zitplek [in de trein|richting Amsterdam], [staan dan maar|boeit niks], {kd}!',
		'[Net|Zo] [ingestapt|in de trein] [in|op] [{from}|station {from}], [op naar|richting] Amsterdam'
	],
	kd_travel_bike: [
		'[Fietsen|Op de fiets] [naar de stad|naar het centrum|richting de Dam] {oranje}, {r_party}',
		'[Fiets|Fietsen] [parkeren|kwijt raken] [in het centrum|bij de Dam] [is onmogelijk|lukt niet], {r_neg}'
	],
	kd_travel_walk: [
		'[Lopend|Te voet|Wandelend] [naar|richting] {spot} [met|tussen] [duizenden|heel veel] [oranje|] mensen',
		'[Schuifelen|Stapje voor stapje] [over|door] {spot}, [zo druk|wat een mensen]',
		'[Onderweg|Op weg] naar {spot}, [overal muziek|overal vrijmarkt|overal oranje]'
	],
	kd_travel_boat: [
		'[Bootje|Boot|Sloep] [door de grachten|op de Prinsengracht|op de Amstel], {r_party}',
		'[Op het water|Vanaf de boot] [muziek aan|biertje open], [wat een sfeer|{r_party}]',
		'[File|Opstopping] [op de gracht|op het water|bij de brug], [haha|lol], [iedereen is blij|{r_party}]'
	],
	kd_arrive_cs: [
		'[Net|Eindelijk] [aangekomen|uitgestapt] [op|op Amsterdam] Centraal, [wat een drukte|zo veel oranje|gekkenhuis]',
		'[Centraal|CS] [staat vol|is één grote oranje zee], {r_party}',
		'[Uit de trein|Station uit] en [meteen|direct] [het Damrak op|naar de Dam], {r_party}'
	],
	kd_arrive: [
		'[We zijn er|Aangekomen|Eindelijk] [op|bij] {spot}, {r_party}',
		'[Zo|Echt] druk [op|bij] {spot}, [niet normaal|wat een mensen|{r_party}]'
	],
	kd_v_morning: [
		'[Vrijmarkt|Kleedjesmarkt] [in de Jordaan|in het Vondelpark|bij {spot}]: [spullen voor een euro|alles voor 50 cent|mooie vondsten], {r_pos}',
		'[Kids|De kinderen] [verkopen|spelen|zingen] [op|in] [het Vondelpark|de vrijmarkt|{spot}], [zo schattig|{r_party}]',
		'[Al|Nu al] [voor 50 cent|voor een euro] [een lamp|een jas|een boek|een plant] [gescoord|gekocht] op de vrijmarkt',
		'[Koffie|Tompouce|Oranje tompouce] [en|op] de vrijmarkt, [perfecte ochtend|{r_party}]',
		'[Koud|Fris|Regenbuitje] [maar|en toch] [gezellig|druk] [op|bij] {spot}, {r_party}'
	],
	kd_v_day: [
		'[Zo|Echt|Mega] druk [op|bij] {spot}, {r_party}',
		'[Muziek|DJ|Live band] [op|bij] {spot}, [iedereen danst|wat een sfeer|{r_party}]',
		'[Biertje|Tweede biertje|Rosé] [op|bij] {spot} [in de zon|in de regen|met de vrienden], {r_party}',
		'{kd} [vibes|sfeer] [op|bij] {spot} {oranje}, {r_party}',
		'[Leve de koning|Lang leve de koning|Hup Holland Hup]!! [vanaf|op] {spot}',
		'[Heel|Half] Nederland [staat|is] [op|bij] {spot} [lijkt het|vandaag], {r_party}',
		'[Wachten|Rij] [voor|bij] [de wc|een dixi|de snackkar] [op|bij] {spot}, [duurt eeuwen|{r_neg}]',
		'[Schuifelen|Je kan niet meer lopen] [op|bij] {spot}, [zo vol|gezellig vol|{r_neg}]',
		'[Bootjes|Boten] [varen|liggen] [zij aan zij|vol oranje] [op de gracht|bij {spot}], {r_party}',
		'[Koud|Fris|Nat] [maar|en toch] [gezellig|top], [{kd}|oranje] [maakt alles goed|{r_party}]',
		'[Beste|Mooiste] {kd} [ooit|sinds jaren], [op|bij] {spot}'
	],
	kd_v_evening: [
		'[Laatste|Nog één] [biertje|rondje] [op|bij] {spot}, [daarna naar huis|{r_party}]',
		'[Nog steeds|Nog altijd] [feest|gezellig|druk] [op|bij] {spot}, {r_party}',
		'[Wat een|Heerlijke|Lange] dag, [voeten kapot|stem kwijt|geen stem meer], {r_party}',
		'[Opruimen|Schoonmakers] [begint al|zijn al bezig] [op|bij] {spot}, [respect|helden]'
	],
	kd_lost: [
		'[Kind|Zoontje|Dochtertje] kwijt [bij|op] {spot}, [roze jas|oranje hoedje|blauwe muts], [wie heeft hem gezien|help aub]',
		'[Portemonnee|Telefoon|Sleutels] kwijt [op|bij] {spot}, [iemand gevonden?|delen aub]',
		'[Pas op|Let op], [zakkenrollers|gauwdieven] [actief|bezig] [op|bij] {spot}',
		'[Iemand|Man|Vrouw] [onwel|gevallen] [op|bij] {spot}, [EHBO is er al|ambulance komt eraan]',
		'[Mn vrienden|De groep] kwijt [bij|op] {spot}, [geen bereik|netwerk ligt eruit]'
	],
	kd_leave: [
		'[Op weg|Lopend] [terug naar|richting] [Centraal|CS|huis], {r_party}',
		'[Naar huis|Huiswaarts], [wat een dag|moe maar voldaan|{r_party}]',
		'[Station|Centraal] [is|staat] [afgesloten|vol|dicht] [voor|vanwege] de drukte, [wachten maar|{r_neg}]'
	],
	kd_back_train: [
		'[Trein|Intercity] [terug|naar huis] [propvol|vol oranje|stampvol], [moe maar voldaan|{r_pos}]',
		'[Eindelijk|Gelukkig] [een plekje|een zitplaats] in de trein naar [{from}|huis]'
	],
	kd_back_walk: ['[Lopen|Lopend] [naar huis|terug], [voeten doen pijn|benen kapot], {r}'],
	kd_back_bike: [
		'[Fietsen|Op de fiets] naar huis [na een lange dag|met een beetje te veel bier op], {r_pos}'
	],
	kd_back_boat: ['[Boot|Bootje] terug [naar de haven|naar huis], [wat een dag|{r_party}]'],
	kd_back_car: ['[Auto|Met de auto] [terug|naar huis], [file de stad uit|{r}]'],
	kd_home: [
		'[Thuis|Eindelijk thuis], [wat een {kd}|top dag|moe maar voldaan] {r_party}',
		'[Thuis|Bank|Bed], {kd} [was top|zit erop], {r_party}'
	],
	kd_nat: [
		'[Vrijmarkt|Kleedjesmarkt] in {place}, {r_party}',
		'{kd} in {place}: [muziek|vrijmarkt|spelletjes|optocht] [op het plein|in het centrum|in de straat], {r_party}',
		'[Gezellige|Mooie|Natte] {kd} [in|vanuit] {place}, [iedereen|de hele straat|heel het dorp] {oranje}',
		'[Fijne|Gezellige] {kd} [allemaal|iedereen], [groetjes uit|liefs uit] {place}',
		'[Kijken naar|Live] [de koning|het bezoek van de koning|de koninklijke familie] [op tv|in Emmen|op NPO1], {r_pos}',
		'[Oranje tompouce|Tompouce] [en|met] {drank}, {kd} [thuis|in {place}], {r_party}'
	],
	kd_ams: [
		'[Amsterdam|De stad|Het centrum] [is|wordt] [één groot feest|oranje|overlopen] {vandaag}, {r_party}',
		'[Wonen|Leven] [in het centrum|aan de gracht] met {kd}: [muziek tot diep in de nacht|plassers voor de deur|heerlijk], {r}',
		'[Tram|Metro|GVB] [rijdt niet|omgeleid|stampvol] [door|vanwege] {kd}, {r_neg}',
		'[Dam|Centrum|Damrak] [afgesloten|vol] [voor verkeer|voor fietsers], [lopen dan maar|{r_neg}]'
	],
	kd_official: [
		'[De Dam|Het Damrak|Het centrum] is [erg|zeer] druk. [Ga naar andere plekken|Kom niet meer naar de Dam|Volg de aanwijzingen van de verkeersregelaars].',
		'[Geniet|Fijne Koningsdag]! [Let op elkaar|Drink met mate|Denk aan je spullen], zakkenrollers zijn actief.',
		'NS zet extra treinen in van en naar Amsterdam Centraal. [Houd rekening met drukte|Reis zo mogelijk later].',
		'Station Amsterdam Centraal is [tijdelijk|rond het einde van de middag] [afgesloten|beperkt toegankelijk] vanwege drukte. [Gebruik Amstel of Sloterdijk|Volg de borden].',
		'Kind kwijt? Meld je bij [de EHBO-post|een agent|het informatiepunt] [op de Dam|bij de Nieuwe Kerk].',
		'[Tot nu toe|Vandaag] een [rustige|gezellige] Koningsdag met [weinig|enkele] incidenten. [Dank voor jullie medewerking|Fijne avond].'
	],
	kd_report: [
		'Melding: [kind|jongetje|meisje] kwijt [op|bij] {spot}, [ongeveer 6 jaar|roze jas|oranje muts]',
		'Melding: [zakkenroller|verdachte man] [actief|gezien] [op|bij] {spot}',
		'Melding: [persoon|man|vrouw] onwel [op|bij] {spot}, [ligt op de grond|te veel gedronken]',
		'Melding: [te druk|gedrang|mensen worden geplet] [bij|op] {spot}, [kan niet vooruit|mensen raken in paniek]',
		'Melding: [vechtpartijtje|ruzie|duwen] [bij|op] {spot}, [klein groepje|twee mannen]',
		'Melding: [glas|flessen] [op straat|gebroken] [op|bij] {spot}, [gevaarlijk voor kinderen|graag opruimen]'
	],
	kd_en: [
		"King's Day in Amsterdam is [insane|amazing|wild] [lol|omg|!!]",
		'[Everyone|Literally everyone] [is wearing|in] orange [lol|haha|omg]',
		'[Dam Square|The Dam|Damrak] [is|looks] [packed|so crowded|one big party] [right now|today]',
		"[First|My first] King's Day [and|&] [I love it|it's chaos|the Dutch know how to party]"
	]
};
