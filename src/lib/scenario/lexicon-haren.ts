/**
 * Fragments for the Project X Haren scenario (September 2012): the online mobilisation, the
 * journey on Friday evening, the crowd, the riot and the aftermath, in the voices of teenagers,
 * residents, reporters, police and callers. Pure module.
 */
import type { Lexicon } from './text';

export const HAREN_LEX: Lexicon = {
	pxh: [
		'Project X Haren',
		'project x haren',
		'Project X Haren',
		'ProjectX Haren',
		'project X in Haren',
		'PX Haren',
		'Project X Stationsweg',
		'project x stationsweg',
		'Project X Merthe',
		'dat feest in Haren',
		'Project X',
		'projectx haren',
		'project x harenn',
		'het feest in haren'
	],
	merthe: [
		'Merthe',
		'merthe',
		'die Merthe',
		'dat meisje uit Haren',
		'dat meisje van de Stationsweg',
		'Merthe uit Haren'
	],
	wanneer: [
		'vrijdag',
		'vrijdag 21 sept',
		'vrijdag 21 september',
		'21 september',
		'vrijdagavond',
		'21-09',
		'aanstaande vrijdag',
		'21/9',
		'vrijdag de 21e',
		'vrijdag 21-9'
	],
	stw: [
		'de Stationsweg',
		'Stationsweg',
		'stationsweg haren',
		'de stationsweg in Haren',
		'Stationsweg 1',
		'bij het station in Haren'
	],
	wie: [
		'de hele klas',
		'heel Groningen',
		'half Assen',
		'mn hele vriendengroep',
		'iedereen van school',
		'de jongens',
		'heel Friesland',
		'alle stadjers',
		'heel Drenthe',
		'mijn broertje',
		'de hele straat',
		'heel Nederland'
	],
	mee: [
		'neem je vrienden mee',
		'iedereen is welkom',
		'zegt het voort',
		'delen!!',
		'nodig iedereen uit',
		'neem drank mee',
		'kom allemaal',
		'iedereen komt'
	],
	hx_invite: [
		'{pxh}, {wanneer}, {stw}! {mee}',
		'[Wie|Wie van jullie] [gaat er|gaan er] [mee|ook] naar {pxh} {wanneer}?',
		'{wie} gaat naar {pxh} {wanneer}',
		'[Iedereen|Allemaal] naar Haren {wanneer}!!',
		'[Feest|Feestje] bij {merthe} op {stw}, [jullie komen toch ook|wie komt er|ik ben erbij]',
		'[Heb me|Ik heb me|Net] [aangemeld|ingeschreven] voor {pxh} [lol|haha|xD|]',
		'[Ik ga|Wij gaan|We gaan] [sws|zeker|100%|gewoon] naar {pxh} {wanneer}',
		'[Uitgenodigd|Invite gekregen] voor {pxh}. [Wie kent die Merthe eigenlijk|Geen idee wie dat is maar ik ga]',
		'{wanneer} = {pxh}. {mee}',
		'[Komt|Gaat] {wie} [nou|echt] naar Haren {wanneer}?',
		'[Wie|Iemand] nog [een slaapplek|een bank] in Haren {wanneer}? [haha|lol|serieus]'
	],
	hx_count: [
		'[Al|Nu al|Inmiddels] {rsvp} [aanmeldingen|mensen die gaan|man] voor {pxh}',
		'{rsvp} [aanmeldingen|attending] en {invited} [uitgenodigd|invites] [voor een verjaardag|voor {pxh}]. [Dit gaat mis|Ik ga stuk|Wat de fuck]',
		'[Teller|Evenement] {pxh} [staat op|zit al op] {rsvp}, {r}',
		'{invited} [mensen|man] uitgenodigd voor [een verjaardagsfeest|een feestje] in Haren [lol|haha|xD]'
	],
	hx_joke: [
		'{merthe} gaat de [grootste|vetste|duurste] verjaardag ooit krijgen',
		'[Zou|Heeft] {merthe} [wel genoeg|ook] [taart|chips|bier] [hebben |]voor {rsvp} man?',
		'[T-shirts|Shirts] [met|van] {pxh} [al te koop|gezien|besteld] [haha|lol|xD]',
		'Haren wordt het nieuwe [Ibiza|Lowlands|Sensation|Woodstock]',
		'[Mama|Mn moeder|Mn pa] vraagt [of ik ook naar|wat] {pxh} [ga|is] [haha|lol|]',
		'[Nieuwe|Die] [video|trailer|spoof] van {pxh} [is echt goud|haha|moet je zien] {r}',
		'[Stel je voor|Imagine] [dat je|je bent] {merthe} [en je|en] [ouders|moeder] [dit|het] [zien|ziet] [lol|xD|haha]',
		'[Ik|Wij] [neem|nemen] [een cadeautje|taart|bloemen] mee voor {merthe} [lol|haha]',
		'[Haren|Het dorp] gaat [nooit meer|never] [hetzelfde|normaal] zijn na {wanneer}',
		'[Ik|Mn oma] [woon|woont] in Haren en [weet van niks|heeft er zin in] [lol|xD|]'
	],
	hx_doubt: [
		'[Dat|Die] {pxh} is [toch|gewoon] [fake|nep|een hoax|een grap]',
		'[Er komt|Daar komt] [echt|toch] [niemand|geen hond] naar Haren [hoor|joh|man]',
		'[Hoax|Fake|Nep], let maar op. [Niemand gaat echt|Allemaal praatjes]',
		'[Ik geloof er niks van|Dit wordt niks|Gaat toch niet door] met {pxh}',
		'[Wie|Wat voor iemand] [gaat er nou|gaat nou] naar [een verjaardag|een feest] van [iemand die je niet kent|een vreemde] in Haren',
		'[Iedereen|Heel NL] [zegt|roept] dat ze gaan maar [niemand|bijna niemand] gaat [echt|uiteindelijk]',
		'[Daar|Dan] staan we vrijdag met [tien|vijf|twintig] man [in de regen |]op {stw} [lol|haha]'
	],
	hx_logistics: [
		'[Trein|Sprinter] naar Haren [om|rond] {hhmm} [vanaf|uit] [Groningen|Assen|Leeuwarden], wie gaat mee?',
		'[Verzamelen|Afspreken] [op|bij] [station Groningen|het station|de Grote Markt|de Vismarkt] [om|rond] {hhmm} [voor|richting] Haren',
		'[Wie|Iemand] [heeft|nog] [plek|een plekje] in de auto naar Haren {wanneer}?',
		'[Hoe|Waar] [kom je|moet je] [het best|het makkelijkst] [in|naar] Haren? [Trein|Fiets]?',
		'[Fietsen|Lopen] [we|jullie] [vanaf|uit] de stad naar Haren [of|of pakken we] de trein?',
		'[Drank|Bier|Breezers] [halen|inslaan] [voor|vóór] {wanneer}, op naar Haren',
		'[Alcoholverbod|Geen drank] op station Haren, [dan drinken we wel ervoor|nou en|boeiend]'
	],
	hx_media: [
		'[Nu op|Zie] [RTV Noord|het nieuws|nu.nl|NOS]: [Haren bereidt zich voor op|politie zorgen over|gemeente waarschuwt voor] {pxh}',
		'[Zelfs|Nu ook] [het journaal|de NOS|de Telegraaf|DWDD] [heeft het over|praat over] {pxh}, {r}',
		'{pxh} [is|staat] [trending|in de krant|overal op het nieuws]',
		'[Politie|Gemeente Haren] [waarschuwt|zegt]: [blijf vrijdag weg uit Haren|er is geen feest|kom niet naar Haren]'
	],
	hx_mayor: [
		'Burgemeester [zegt|roept] dat er geen feest is, [nu gaan we zeker|dan maken we er zelf een|lol]',
		'[Geen feest|Er is geen feest]? [Dan maken we er een|Dat zien we vrijdag wel|Haha ja ja]',
		'[Die burgemeester|De gemeente] [maakt het alleen maar erger|doet het alleen maar groter] met [dat filmpje|die oproep], {r}',
		'["Er is geen feest"|Er is geen feest zeggen ze] [haha|lol|xD] [wij komen toch|tot vrijdag]'
	],
	hx_worry: [
		'[Als bewoner van Haren|Wij wonen in Haren en] [maak ik me|maken we ons] [wel|echt] zorgen over {wanneer}',
		'[Mijn|Mn] [dochter|zoon] wil naar dat {pxh} [ding|feest], [echt niet|over mijn lijk|geen sprake van]',
		'[Winkeliers|Ondernemers] in Haren [timmeren|gaan] [ramen|etalages] [dicht|dichttimmeren] voor {wanneer}',
		'[Arme|Die arme] {merthe}, [wat een nachtmerrie|haar ouders zullen wel balen]',
		'[Hoop|Ik hoop] [echt|maar] dat [het rustig blijft|er niks gebeurt] in Haren {wanneer}',
		'[Ouders|Jongeren] [opgelet|let op]: {pxh} is [geen echt feest|een hype], [blijf thuis|denk even na]'
	],
	hx_risk: [
		'[Neem|Nemen] [stenen|bakstenen|vuurwerk] mee {wanneer}, [dan wordt het pas|wordt] een feest',
		'[We gaan|Gaan] Haren [slopen|kapot maken|afbreken] {wanneer}',
		'[Als|Wanneer] de [ME|politie] komt gaan we [gewoon door|terugvechten|los]',
		'[Alles|Haren] [gaat|moet] kapot {wanneer} [haha|lol|]',
		'[Rellen|Rel] in Haren {wanneer}? [Ik ben erbij|Count me in]'
	],
	hx_en: [
		'[This|That] {pxh} [thing|party] in the Netherlands is [insane|crazy|getting out of hand] [lol|omg|wtf]',
		'{rsvp} people [going to|attending] a [birthday party|sweet 16] in Haren [wtf|lol|omg]',
		'[Anyone|Who] going to {pxh} on Friday?'
	],
	// Friday evening: attendees
	ha_depart: [
		"[Daar gaan we|Let's go|Gaan met die banaan|Op weg], {pxh}!!",
		'[Onderweg|Op weg|Vertrokken] naar Haren [met {wie}|]',
		'[Drank|Bier|Jas] [mee|ingepakt], [op naar|richting] Haren',
		'[Ik ga|Wij gaan|We gaan] [nu|zo|eindelijk] [naar Haren|naar dat feest], {r}',
		'[Mama denkt|Mn moeder denkt|Mn ouders denken] dat ik [bij een vriendin|bij {mens}|thuis] ben [lol|haha|xD]'
	],
	ha_travel_train: [
		'[In de trein|Trein|Sprinter] naar Haren [zit|zat|is] [helemaal|propvol|afgeladen] [vol|met mensen voor {pxh}]',
		'[Hele|De hele] trein [zingt|roept|schreeuwt] [Project X|{pxh}] [haha|lol|xD]',
		'[Net|Zo] [ingestapt|in de trein] [op|in] [{from}|station {from}], [richting|op naar] Haren',
		'[Conducteur|NS] [kijkt|is] [zo|echt] [bang|zenuwachtig|chagrijnig] [lol|haha]',
		'[Overstappen|Overstap] in Groningen [en dan|daarna] door naar Haren',
		'[Iedereen|Half] in deze trein gaat naar Haren [denk ik|volgens mij|sws]'
	],
	ha_travel_bike: [
		'[Fietsen|Op de fiets] [naar Haren|richting Haren] [met {wie}|in een lange sliert|met drank in de tas]',
		'[Hele|Lange] [rij|stoet] fietsers [op de|over de] Rijksstraatweg richting Haren',
		'[Tegenwind|Wind tegen] [naar Haren|op de fiets], [maakt niet uit|boeit niet], {pxh}!',
		"[Bijna|Zo] in Haren, [al|nu al] [veel|massa's] mensen [op de fiets|onderweg]"
	],
	ha_travel_car: [
		'[In de auto|Met de auto|Met vier man in de auto] naar Haren, {r}',
		'[File|Druk|Vast] [op de A28|bij Haren|op de afrit Haren], [iedereen gaat|heel Drenthe gaat] naar {pxh}',
		'[Parkeren|Auto parkeren] in Haren [is niet te doen|lukt niet], [alles staat vol|politie overal]',
		'[Rijden|Scheuren] [vanaf|uit] {from} [richting|naar] Haren, {r}'
	],
	ha_travel_walk: [
		'[Lopend|Te voet|Lopen] [naar|richting] [Haren|het centrum|de Stationsweg], [iedereen gaat dezelfde kant op|{r}]',
		'[Massa|Hele groepen|Honderden] mensen [lopen|wandelen] [naar|richting] [het centrum|de Stationsweg|het Raadhuisplein]',
		'[Bijna|Zo meteen|Nog even en dan] [bij|op] {street}, {r}'
	],
	ha_travel_scooter: [
		'[Op de scooter|Scootertje] naar Haren, {r}',
		"[Met z'n tweeën|Achterop] op de scooter richting {pxh}"
	],
	ha_arrive_station: [
		'[Net|Eindelijk] [aangekomen|uitgestapt] [op|in] station Haren, [het is hier al|hier is het al] [druk|vol|een gekkenhuis]',
		'[Station Haren|Het station] [staat vol|is vol] [met|van] [politie|mensen|jongeren], {r}',
		'[Perron|Station] Haren: [honderden|duizenden|zo veel] mensen [tegelijk|uit één trein], {r}',
		'[Aangekomen|We zijn er|Gearriveerd] in Haren [lol|haha|!!] [nu|en nu] [de Stationsweg op|naar het feest]'
	],
	ha_arrive: [
		'[We zijn er|Aangekomen|Eindelijk] [in Haren|op {street}], {r}',
		'[Zo|Echt] druk [in Haren|op {street}], [niet normaal|onwijs|ik ga stuk]',
		'[Waar|Waar is] [is het feest|dat feest|{merthe}] [nou|eigenlijk]? [haha|lol|xD]',
		'[Er staan|Hier staan] [al|nu al] [honderden|duizenden|zo veel] mensen [op|bij] {street}'
	],
	ha_v_early: [
		'[Zo|Echt] druk [op|bij] {street}, {r}',
		'[Er is|Hier is] [niks te doen|geen feest|geen muziek] maar [het is wel druk|iedereen is er|de sfeer is goed] [lol|haha|]',
		'[Waar|Waar is] [is het feest|{merthe}] [nou|eigenlijk|dan]?',
		'[Sfeer|De sfeer] [is|blijft] [goed|gezellig|top] [op|bij] {street}, {r}',
		'[Iedereen|Heel Haren] [zingt|roept] [Project X|{pxh}|"Merthe Merthe"]',
		'[Politie|Agenten|Politie te paard] [staat|staan] [overal|bij {street}], [maar|en] [het is rustig|nog geen probleem]',
		"[Meer|Nog meer] [politie|camera's|journalisten] dan [feestgangers|mensen] [hier|lol|haha]",
		'[Koud|Fris|Droog] [maar|en] [gezellig|druk] [in Haren|op {street}], {r}'
	],
	ha_v_build: [
		'[Het wordt|Wordt] [steeds|nu echt] drukker [op|bij] {street}, {r}',
		'[Mensen|Jongens] [klimmen|staan] [op|in] [bushokjes|lantaarnpalen|een boom|een auto], {r}',
		'[Sfeer|De sfeer] [slaat om|wordt grimmig|wordt raar] [hier|op {street}]',
		'[Flessen|Bierflesjes] [vliegen|worden gegooid] [bij|op] {street}',
		'[Politie|De politie] [vraagt|roept] [iedereen|mensen] [om te vertrekken|naar huis te gaan] [maar niemand gaat|haha ja ja]',
		'[Duizenden|Honderden|Zo veel] mensen en [er gebeurt|nog] [niks|niets], [wachten op|waar blijft] het feest',
		'[Het|Dit] gaat [mis|fout|escaleren], [ik voel het|let maar op]'
	],
	ha_v_riot: [
		'[ME|De ME|Mobiele eenheid] [charge|chargeert|komt eraan] [op|bij] {street}!!',
		'[Ze|Mensen] [gooien|smijten] [met|] [stenen|flessen|fietsen|tegels] [naar de politie|naar de ME|op {street}]',
		'[Rennen|Wegwezen|Rennen rennen], [ME|politie] [komt eraan|charge]',
		'[Lantaarnpalen|Verkeersborden|Bushokjes] [worden|zijn] [gesloopt|vernield|omgetrokken] [op|bij] {street}',
		'[Dit is|Het is] [echt|gewoon] [oorlog|een rel|een veldslag] in Haren, {r_alarm}',
		"[Auto|Auto's|Een busje] [omgegooid|vernield|in brand] [bij|op] {street}",
		'[Politie te paard|Paarden|Honden] [in de menigte|op {street}], [mensen rennen alle kanten op|chaos]',
		'[Traangas|Pepperspray|Rook]? [Mijn ogen branden|Iedereen hoest|Ik zie niks meer]',
		'[Wat|Waar] [gebeurt hier|ben ik in beland], [dit is niet normaal|Haren is gek geworden]',
		'[Hele|De hele] {street} [ligt vol|is bezaaid met] [glas|stenen|flessen], {r_alarm}',
		'[Ze|Jongens] [slopen|trappen] [alles|de ramen|fietsen] kapot [op|bij] {street}'
	],
	ha_v_loot: [
		'[Ze|Mensen] [plunderen|slopen|beroven] de supermarkt [bij|op] {street}!!',
		'[Supermarkt|De supermarkt] [wordt|is] [geplunderd|leeggeroofd], [mensen lopen weg met|iedereen pakt] [drank|kratten bier|sigaretten]',
		'[Ramen|De ruiten] van de supermarkt [ingegooid|eruit|kapot], {r_alarm}'
	],
	ha_v_help: [
		'[Help|HELP], [mn|mijn] [vriend|vriendin|broertje|zusje] is gewond [bij|op] {street}',
		'[Ik ben|Ben] [mn|mijn] [vrienden|vriendin|groep] kwijt [bij|op] {street}, [waar zijn jullie|bel me]',
		'[Kan iemand|Iemand] [112|een ambulance] bellen [bij|op] {street}? [Hier ligt iemand|Iemand bloedt]',
		'[Ambulance|EHBO|Hulp] nodig [bij|op] {street}!!',
		'[Waar is het veilig|Waar kan ik heen|Waar moet ik heen]? [Ik ben bang|Ik wil naar huis]',
		'[Mama|Pap] [kom me halen|bel me], [ik sta bij|ik ben bij] {street}'
	],
	ha_v_late: [
		'[Nog steeds|Nog altijd] [rellen|onrustig|chaos] [op|bij] {street}, {r_alarm}',
		'[ME|Politie] [drijft|duwt] [iedereen|de groep] [richting|naar] [het station|Groningen|de Rijksstraatweg]',
		'[Noodverordening|Noodbevel]! [Wie blijft|Als je blijft] [wordt|word] [opgepakt|aangehouden]',
		'[Aanhoudingen|Arrestaties|Mensen opgepakt] [bij|op] {street}, {r_alarm}',
		'[Heli|Helikopter|Politiehelikopter] [boven|cirkelt boven] Haren, {r_alarm}'
	],
	ha_v_after: [
		'[Wat een|Wat een ongelooflijke] [puinhoop|ravage|bende] in Haren, {r_alarm}',
		'[Ik schaam me|Schaam me dood] voor [wat hier is gebeurd|deze avond|dit]',
		'[Haren is|Heel Haren is] [kapot|verwoest|een slagveld]',
		'[Dit|Deze avond] [vergeet ik nooit|was echt niet normaal|ging helemaal mis]'
	],
	ha_leave: [
		'[Ik ga|Wij gaan|We gaan] naar huis, [dit is niet leuk meer|dit is niks|te gevaarlijk]',
		'[Weg hier|Wegwezen|Ik ben weg], [Haren is gek geworden|{r_alarm}]',
		'[Lopen|Lopend] [terug|naar huis|naar Groningen], [trein rijdt niet|station is dicht]',
		'[Station Haren|Het station] [is|wordt] [dicht|gesloten|afgesloten]?? [Hoe kom ik thuis|Hoe komen we thuis]',
		'[Zo|Oké], [klaar mee|genoeg gezien], [naar huis|terug naar {from}]'
	],
	ha_back_train: [
		'[Trein|Sprinter] terug naar [{from}|huis] [zit|is] [propvol|afgeladen|stampvol], {r_alarm}',
		'[Eindelijk|Gelukkig] in de trein [naar huis|terug], [weg uit Haren|wat een avond]',
		'[Iedereen|Half Haren] [staat|wacht] op het perron [om weg te komen|voor de laatste trein]'
	],
	ha_back_walk: [
		'[Lopen|Lopend] [terug naar Groningen|naar huis|over de Rijksstraatweg], [trein rijdt niet|station is dicht|{r_alarm}]',
		'[Met|Samen met] [honderden|een hele groep] [mensen|anderen] [terug|richting de stad] [lopen|aan het lopen]',
		'[Politie|ME] [stuurt|duwt] [iedereen|ons] [richting Groningen|de stad in], [lopen maar|{r}]'
	],
	ha_back_bike: [
		'[Fietsen|Op de fiets] [terug naar de stad|naar huis], [wat een avond|nooit meer Haren|{r}]',
		'[Fiets|Mn fiets] [gejat|kapot|weg] in Haren, [lopen dan maar|{r_alarm}]'
	],
	ha_back_car: [
		'[Terug in de auto|Weer in de auto|Wegwezen met de auto], [weg uit Haren|naar huis], {r}',
		'[Auto|Onze auto] [heeft een deuk|is bekrast|staat er nog], [snel weg|naar huis]'
	],
	ha_home: [
		'[Veilig|Eindelijk] [thuis|weer thuis], [wat een avond|wat een gekkenhuis|nooit meer]',
		'[Thuis|Ben thuis]. [Haren was echt|Dit was echt] [niet normaal|gestoord|een nachtmerrie]'
	],
	ha_en: [
		'[This|The] party in Haren [is|turned into] [a riot|chaos|insane] [wtf|omg|lol]',
		'[Riot police|Police] [charging|everywhere] in Haren [wtf|omg]',
		'[Thousands|So many people] [here|in Haren] for {pxh}'
	],
	street: [
		'de Stationsweg',
		'de Rijksstraatweg',
		'het Raadhuisplein',
		'het station',
		'de supermarkt'
	],
	// residents of Haren
	ha_res_pre: [
		'{wanneer} [verwacht Haren|komen er] [duizenden|honderden] [jongeren|feestgangers] [voor|door] {pxh}. [Ik hoop dat het meevalt|We gaan het zien]',
		'[Onze|De] [straat|buurt] [staat|wordt] [al|nu al] vol [hekken|politie|camerawagens]',
		'[Winkels|De Albert Heijn|De bakker] in Haren [gaan|gaat] [vrijdag|vroeg] dicht [vanwege|door] {pxh}',
		'[Als|Wij als] [bewoner|bewoners] van Haren [hebben|heb] [nergens|niet] om gevraagd',
		'[Ik zet|We zetten] [de auto|mijn auto|de fietsen] [vrijdag|morgen] [maar even|] ergens anders neer'
	],
	ha_res_early: [
		'[Er staan|Er lopen] [al|nu al] [honderden|heel veel] jongeren [door|in] [onze straat|de buurt|Haren]',
		'[Politie|Hekken|ME-busjes] [overal|in de straat], [wat een toestand|{r}]',
		'[Jongeren|Groepen] [drinken|zitten] [in onze voortuin|op de stoep|bij de buren], {r}',
		'[Zoveel|Nog nooit zoveel] mensen in Haren [gezien|meegemaakt]'
	],
	ha_res_riot: [
		'[Ze|Jongeren] [staan|lopen] [in mijn tuin|voor de deur|in de straat] [te schreeuwen|te vernielen|te plassen]',
		'[Bang|Ik ben bang] in [mijn eigen huis|mn eigen dorp], [de gordijnen zijn dicht|we zitten boven]',
		'[Ramen|Onze ramen|De ruit van de buren] [ingegooid|kapot], [politie komt niet|112 is in gesprek]',
		'[Dit is|Dit is toch] [niet normaal|geen Haren meer|een oorlogsgebied], {r_alarm}',
		'[Het|Hier] [ruikt naar|is overal] [rook|brand|glas] [in de straat|op de Rijksstraatweg]',
		'[Helikopter|Heli] [boven ons huis|boven Haren], [slapen zit er niet in|niemand slaapt]',
		'[Onze|De] [auto|fietsen|brievenbus] [vernield|gesloopt|in brand gestoken], {r_alarm}'
	],
	ha_res_after: [
		'[Wat een ravage|Wat een puinhoop|Ontzettend triest] in [onze straat|ons dorp|Haren] vanochtend',
		'[Samen|Met de buren] [opruimen|aan het opruimen] in Haren, [mooi om te zien|hartverwarmend]',
		'[Haren|Ons dorp] [is|ligt] [kapot|in puin], [wie gaat dit betalen|en nu?]',
		'[Dank|Dank aan] [de politie|de hulpverleners|alle agenten] [voor vannacht|voor hun inzet]'
	],
	// press
	ha_press_early: [
		'[Drukte|Grote drukte|Honderden jongeren] in Haren [in aanloop naar|rond] [Project X|{pxh}]',
		'Politie [massaal aanwezig|houdt toezicht|staat klaar] in Haren [vanwege|voor] Project X',
		'[Station Haren|Het station] [alcoholvrij|vol met jongeren|extra beveiligd] [vanavond|rond Project X]',
		'[Burgemeester|Gemeente] Haren [roept jongeren op|vraagt bezoekers] [weg te blijven|niet te komen]: er is geen feest',
		'[Live|Volg hier|Liveblog]: Project X Haren, [de avond|de drukte] [begint|neemt toe]',
		'[Sfeer|De sfeer] in Haren [nog gemoedelijk|gespannen maar rustig], [steeds meer|honderden] jongeren op de Stationsweg'
	],
	ha_press: [
		'LIVE: [honderden|duizenden] [jongeren|feestgangers] op de Stationsweg in Haren',
		'[Grote|Enorme] drukte in Haren rond [Project X|{pxh}], politie [massaal aanwezig|houdt toezicht]',
		'Politie [vraagt|verzoekt] [bezoekers|jongeren] Haren te verlaten',
		'ME [voert charges uit|grijpt in] op de Rijksstraatweg in Haren',
		'[Supermarkt|Winkel] [geplunderd|leeggeroofd] in Haren',
		'[Stenen|Flessen] [gegooid|vliegen] naar agenten in Haren, [meerdere gewonden|ambulances ter plaatse]',
		'Burgemeester Haren kondigt noodverordening af voor het centrum',
		'[Politie|Gemeente]: {arrests} aanhoudingen in Haren, [onrust duurt voort|rust keert langzaam terug]',
		'[Live|Volg hier|Liveblog]: rellen in Haren na [Project X|{pxh}]',
		'Station Haren gesloten, treinverkeer tussen Groningen en Assen [gestremd|stilgelegd]'
	],
	ha_press_after: [
		'Haren ontwaakt in [puin|chaos] na Project X-rellen',
		'[Schade|Ravage] in Haren: [vernielingen|geplunderde supermarkt|tientallen gewonden]',
		'[Kamerleden|Politiek] [willen|eist] opheldering over [rellen in Haren|Project X Haren]',
		'[Burgemeester|Gemeente] Haren: "[We zijn overvallen door het geweld|Dit hadden we niet verwacht]"',
		'[Opruimen|Vrijwilligers ruimen op] in Haren na [Project X|de rellen]'
	],
	// police and municipality
	ha_police: [
		'Wij verzoeken iedereen Haren te verlaten. [Er is geen feest.|Ga naar huis.]',
		'Noodverordening van kracht in het centrum van Haren. Wie blijft, kan worden aangehouden.',
		'Kom niet naar Haren. [Er is geen feest|Toegangswegen worden afgesloten].',
		'Station Haren is gesloten. Reizigers worden verzocht [niet naar Haren te komen|Groningen Europapark te gebruiken].',
		'Er zijn inmiddels {arrests} aanhoudingen verricht in Haren.',
		'Getuige van geweld of vernielingen in Haren? Meld het via 0900-8844 of [ons tipformulier|Meld Misdaad Anoniem].',
		'Extra ME-eenheden onderweg naar Haren.',
		'Wij vragen ouders hun kinderen [op te halen|te bellen] en naar huis te laten komen.'
	],
	// reports to the police (citizens)
	ha_report_early: [
		'Melding: [groep|grote groep|ongeveer {k}] jongeren [drinkt alcohol|maakt lawaai|hangt rond] [op|bij] {street}',
		'Melding: jongeren [plassen|wildplassen] [in mijn tuin|tegen de gevel] aan {street}',
		'Melding: [vuurwerk|knallen] [gehoord|afgestoken] bij {street}',
		"Melding: [fietsen|auto's] [geparkeerd|staan] [voor mijn oprit|op de stoep] aan {street}, kan er niet uit",
		'Melding: [dronken|aangeschoten] [jongen|meisje] [ligt|zit] [op de stoep|in de berm] bij {street}'
	],
	ha_report: [
		"Melding: [grote groep|groep van {k} jongeren] [vernielt|gooit met stenen naar] [auto's|ramen|een bushokje] [op|bij] {street}",
		'Melding: [brand|rookontwikkeling|vuur] [bij|op] {street}',
		'Melding: gewonde persoon op {street}, [bloedt aan het hoofd|ligt op de grond|reageert niet goed]',
		'Melding: [inbraak|plundering] bij de supermarkt aan de Rijksstraatweg, [mensen lopen weg met spullen|ramen ingegooid]',
		'Melding: jongeren in mijn tuin aan {street}, [voel me onveilig|ze gooien met flessen|ze plassen tegen het huis]',
		'Melding: [auto|scooter|container] in brand [bij|op] {street}',
		'Melding: [vechtpartij|groep vecht] [bij|op] {street}, [meerdere personen|ongeveer {k} man]',
		'Melding: [vuurwerk|zwaar vuurwerk] [afgestoken|gegooid] naar [politie|mensen] bij {street}',
		'Melding: mijn [zoon|dochter] ({age}) is [in Haren|bij {street}] en neemt niet meer op',
		'Melding: [straatverlichting|verkeersborden] [vernield|eruit getrokken] [op|bij] {street}'
	],
	k: ['10', '15', '20', '30', '50', 'ongeveer 20', 'honderd', 'tientallen'],
	age: ['14', '15', '16', '17', '19'],
	// the rest of the country watching
	ha_nat: [
		'Wat [gebeurt er|is er aan de hand] in Haren?',
		'[Kijk|Zit] live [mee|te kijken] [op RTV Noord|op NOS|op de stream], Haren [gaat los|is één grote rel]',
		'[Triest|Schandalig|Belachelijk] wat er in Haren gebeurt, {r_alarm}',
		'{pxh} is [uit de hand gelopen|helemaal mis gegaan], {r_alarm}',
		'[Die jongeren|Die relschoppers|Dat tuig|Dat gespuis] in Haren [moet|moeten] [allemaal|gewoon] [opgepakt worden|de cel in|aangepakt worden]',
		'[Arme|Die arme] [bewoners|mensen] van Haren, {r_alarm}',
		'[Iedereen|Heel NL] [kijkt|zit te kijken] naar Haren [vanavond|nu]',
		'[Had|Hadden] [de politie|de gemeente] [dit niet zien aankomen|niet beter moeten voorbereiden]?',
		'[Sociale media|Facebook] [heeft|hebben] dit [gedaan|veroorzaakt], [wat een wereld|{r_alarm}]',
		'[Blij|Gelukkig] dat ik niet naar Haren [ben gegaan|ben] [vanavond|], {r_alarm}',
		'[Mn|Mijn] [broertje|neef|vriend] [is|zit] in Haren, [hoop dat hij oké is|niks meer gehoord]'
	],
	ha_nat_after: [
		'[Wat een|Ongelooflijke] [beelden|schade] uit Haren [vanochtend|vandaag]',
		'[Haren|Project X Haren] [moet|gaat] [een les zijn|nooit meer gebeuren], {r}',
		'[Wie betaalt|Wie gaat] [de schade|dit] [in Haren|] [betalen|]? [De ouders|De relschoppers]',
		'[Burgemeester|De burgemeester van] Haren [moet opstappen|heeft het verkeerd aangepakt]',
		'[Lees|Gelezen]: [34 aanhoudingen|tientallen gewonden] na {pxh}, {r}',
		'[Nog steeds|Al de hele dag] [Haren|Project X] op [het nieuws|tv|mijn tijdlijn]'
	],
	ha_en_nat: [
		'[Riots|Chaos] in Haren, Netherlands after [a Facebook party invite|a birthday invite went viral] [wtf|omg|smh]',
		'Project X Haren [is all over the news|just went crazy] [lol|wtf|omg]'
	]
};
