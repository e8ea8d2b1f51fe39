/**
 * Places for the scenario engine: the built-in fallback list (used when the gazetteer of the
 * geodata directory is not available) and an index over whatever place list is given, with the
 * weights, radii, province and display names that background activity needs. Pure module.
 */
import type { Place } from '../geo/gazetteer';
import type { LonLat } from './geo';
import { distM } from './geo';
import type { Rand } from './rng';

/**
 * About 40 of the largest Dutch places by population plus every place the scenarios need, with
 * coordinates from the geodata gazetteer (GeoNames). The three Haren street points (src 'manual')
 * are hand-placed estimates, as the gazetteer has no streets in Haren; Rokin and Spui come from the
 * geodata street extract of central Amsterdam (src 'osm').
 */
export const BUILTIN_PLACES: Place[] = [
	{
		name: 'Amsterdam',
		lat: 52.37403,
		lon: 4.88969,
		kind: 'P.PPLC',
		gm: 'GM0363',
		pop: 741636,
		src: 'geonames'
	},
	{
		name: 'Rotterdam',
		lat: 51.9225,
		lon: 4.47917,
		kind: 'P.PPL',
		gm: 'GM0599',
		pop: 598199,
		src: 'geonames'
	},
	{
		name: 'The Hague',
		alt: ['Den Haag', "'s-Gravenhage"],
		lat: 52.07667,
		lon: 4.29861,
		kind: 'P.PPLG',
		gm: 'GM0518',
		pop: 474292,
		src: 'geonames'
	},
	{
		name: 'Utrecht',
		lat: 52.09083,
		lon: 5.12222,
		kind: 'P.PPLA',
		gm: 'GM0344',
		pop: 361742,
		src: 'geonames'
	},
	{
		name: 'Groningen',
		lat: 53.21917,
		lon: 6.56667,
		kind: 'P.PPLA',
		gm: 'GM0014',
		pop: 233218,
		src: 'geonames'
	},
	{
		name: 'Eindhoven',
		lat: 51.44083,
		lon: 5.47778,
		kind: 'P.PPL',
		gm: 'GM0772',
		pop: 209620,
		src: 'geonames'
	},
	{
		name: 'Tilburg',
		lat: 51.55551,
		lon: 5.0913,
		kind: 'P.PPL',
		gm: 'GM0855',
		pop: 199613,
		src: 'geonames'
	},
	{
		name: 'Almere Stad',
		alt: ['Almere'],
		lat: 52.37025,
		lon: 5.21413,
		kind: 'P.PPL',
		gm: 'GM0034',
		pop: 176432,
		src: 'geonames'
	},
	{
		name: 'Breda',
		lat: 51.58656,
		lon: 4.77596,
		kind: 'P.PPL',
		gm: 'GM0758',
		pop: 167673,
		src: 'geonames'
	},
	{
		name: 'Nijmegen',
		lat: 51.8425,
		lon: 5.85278,
		kind: 'P.PPL',
		gm: 'GM0268',
		pop: 158732,
		src: 'geonames'
	},
	{
		name: 'Enschede',
		lat: 52.21833,
		lon: 6.89583,
		kind: 'P.PPL',
		gm: 'GM0153',
		pop: 153655,
		src: 'geonames'
	},
	{
		name: 'Haarlem',
		lat: 52.38084,
		lon: 4.63683,
		kind: 'P.PPLA',
		gm: 'GM0392',
		pop: 147590,
		src: 'geonames'
	},
	{
		name: 'Arnhem',
		lat: 51.98,
		lon: 5.91111,
		kind: 'P.PPLA',
		gm: 'GM0202',
		pop: 141674,
		src: 'geonames'
	},
	{
		name: 'Zaanstad',
		lat: 52.45313,
		lon: 4.81356,
		kind: 'P.PPL',
		gm: 'GM0479',
		pop: 140085,
		src: 'geonames'
	},
	{
		name: 'Amersfoort',
		lat: 52.155,
		lon: 5.3875,
		kind: 'P.PPL',
		gm: 'GM0307',
		pop: 139914,
		src: 'geonames'
	},
	{
		name: 'Apeldoorn',
		lat: 52.21,
		lon: 5.96944,
		kind: 'P.PPL',
		gm: 'GM0200',
		pop: 136670,
		src: 'geonames'
	},
	{
		name: "'s-Hertogenbosch",
		alt: ['Den Bosch'],
		lat: 51.69917,
		lon: 5.30417,
		kind: 'P.PPLA',
		gm: 'GM0796',
		pop: 134520,
		src: 'geonames'
	},
	{
		name: 'Hoofddorp',
		lat: 52.3025,
		lon: 4.68889,
		kind: 'P.PPL',
		gm: 'GM0394',
		pop: 132734,
		src: 'geonames'
	},
	{
		name: 'Maastricht',
		lat: 50.84833,
		lon: 5.68889,
		kind: 'P.PPLA',
		gm: 'GM0935',
		pop: 122378,
		src: 'geonames'
	},
	{
		name: 'Leiden',
		lat: 52.15833,
		lon: 4.49306,
		kind: 'P.PPL',
		gm: 'GM0546',
		pop: 119713,
		src: 'geonames'
	},
	{
		name: 'Dordrecht',
		lat: 51.81,
		lon: 4.67361,
		kind: 'P.PPL',
		gm: 'GM0505',
		pop: 119260,
		src: 'geonames'
	},
	{
		name: 'Zoetermeer',
		lat: 52.0575,
		lon: 4.49306,
		kind: 'P.PPL',
		gm: 'GM0637',
		pop: 115845,
		src: 'geonames'
	},
	{
		name: 'Zwolle',
		lat: 52.5125,
		lon: 6.09444,
		kind: 'P.PPLA',
		gm: 'GM0193',
		pop: 111805,
		src: 'geonames'
	},
	{
		name: 'Hengelo',
		lat: 52.26583,
		lon: 6.79306,
		kind: 'P.PPLA2',
		gm: 'GM0164',
		pop: 102773,
		src: 'geonames'
	},
	{
		name: 'Venlo',
		lat: 51.37,
		lon: 6.16806,
		kind: 'P.PPLA2',
		gm: 'GM0983',
		pop: 101603,
		src: 'geonames'
	},
	{
		name: 'Deventer',
		lat: 52.255,
		lon: 6.16389,
		kind: 'P.PPL',
		gm: 'GM0150',
		pop: 97331,
		src: 'geonames'
	},
	{
		name: 'Delft',
		lat: 52.00667,
		lon: 4.35556,
		kind: 'P.PPL',
		gm: 'GM0503',
		pop: 95060,
		src: 'geonames'
	},
	{
		name: 'Alkmaar',
		lat: 52.63167,
		lon: 4.74861,
		kind: 'P.PPL',
		gm: 'GM0361',
		pop: 94853,
		src: 'geonames'
	},
	{
		name: 'Heerlen',
		lat: 50.88365,
		lon: 5.98154,
		kind: 'P.PPL',
		gm: 'GM0917',
		pop: 93084,
		src: 'geonames'
	},
	{
		name: 'Leeuwarden',
		alt: ['Ljouwert'],
		lat: 53.20139,
		lon: 5.80859,
		kind: 'P.PPLA',
		gm: 'GM0080',
		pop: 91424,
		src: 'geonames'
	},
	{
		name: 'Amsterdam-Zuidoost',
		lat: 52.3075,
		lon: 4.97222,
		kind: 'P.PPLX',
		gm: 'GM0363',
		pop: 84811,
		src: 'geonames'
	},
	{
		name: 'Hilversum',
		lat: 52.22333,
		lon: 5.17639,
		kind: 'P.PPL',
		gm: 'GM0402',
		pop: 83640,
		src: 'geonames'
	},
	{
		name: 'Purmerend',
		lat: 52.505,
		lon: 4.95972,
		kind: 'P.PPL',
		gm: 'GM0439',
		pop: 80117,
		src: 'geonames'
	},
	{
		name: 'Amstelveen',
		lat: 52.30083,
		lon: 4.86389,
		kind: 'P.PPL',
		gm: 'GM0362',
		pop: 79639,
		src: 'geonames'
	},
	{
		name: 'Roosendaal',
		lat: 51.53083,
		lon: 4.46528,
		kind: 'P.PPL',
		gm: 'GM1674',
		pop: 77725,
		src: 'geonames'
	},
	{
		name: 'Oss',
		lat: 51.765,
		lon: 5.51806,
		kind: 'P.PPL',
		gm: 'GM0828',
		pop: 76430,
		src: 'geonames'
	},
	{
		name: 'Schiedam',
		lat: 51.91917,
		lon: 4.38889,
		kind: 'P.PPL',
		gm: 'GM0606',
		pop: 75438,
		src: 'geonames'
	},
	{
		name: 'Spijkenisse',
		lat: 51.845,
		lon: 4.32917,
		kind: 'P.PPL',
		gm: 'GM1930',
		pop: 74988,
		src: 'geonames'
	},
	{
		name: 'Helmond',
		lat: 51.48167,
		lon: 5.66111,
		kind: 'P.PPL',
		gm: 'GM0794',
		pop: 74740,
		src: 'geonames'
	},
	{
		name: 'Vlaardingen',
		lat: 51.9125,
		lon: 4.34167,
		kind: 'P.PPL',
		gm: 'GM0622',
		pop: 73798,
		src: 'geonames'
	},
	{
		name: 'Almelo',
		lat: 52.35667,
		lon: 6.6625,
		kind: 'P.PPL',
		gm: 'GM0141',
		pop: 72725,
		src: 'geonames'
	},
	{
		name: 'Gouda',
		lat: 52.01667,
		lon: 4.70833,
		kind: 'P.PPL',
		gm: 'GM0513',
		pop: 71952,
		src: 'geonames'
	},
	{
		name: 'Haren',
		alt: ['Haren Gn'],
		lat: 53.17209,
		lon: 6.60931,
		kind: 'P.PPL',
		gm: 'GM0014',
		pop: 9375,
		src: 'geonames'
	},
	{
		name: 'Helpman',
		lat: 53.19794,
		lon: 6.57978,
		kind: 'P.PPLX',
		gm: 'GM0014',
		pop: 6050,
		src: 'geonames'
	},
	{
		name: 'De Wijert',
		lat: 53.1945,
		lon: 6.57117,
		kind: 'P.PPLX',
		gm: 'GM0014',
		pop: 4765,
		src: 'geonames'
	},
	{
		name: 'Coendersborg',
		lat: 53.1941,
		lon: 6.58944,
		kind: 'P.PPLX',
		gm: 'GM0014',
		pop: 3075,
		src: 'geonames'
	},
	{
		name: 'Glimmen',
		lat: 53.13917,
		lon: 6.62917,
		kind: 'P.PPL',
		gm: 'GM0014',
		pop: 1065,
		src: 'geonames'
	},
	{
		name: 'Onnen',
		lat: 53.15667,
		lon: 6.64167,
		kind: 'P.PPL',
		gm: 'GM0014',
		pop: 470,
		src: 'geonames'
	},
	{
		name: 'Noordlaren',
		lat: 53.12083,
		lon: 6.66667,
		kind: 'P.PPL',
		gm: 'GM0014',
		pop: 390,
		src: 'geonames'
	},
	{
		name: 'Eelde',
		lat: 53.13583,
		lon: 6.5625,
		kind: 'P.PPL',
		gm: 'GM1730',
		pop: 6450,
		src: 'geonames'
	},
	{
		name: 'Paterswolde',
		lat: 53.145,
		lon: 6.56528,
		kind: 'P.PPL',
		gm: 'GM1730',
		pop: 3655,
		src: 'geonames'
	},
	{
		name: 'Zuidlaren',
		lat: 53.09417,
		lon: 6.68194,
		kind: 'P.PPL',
		gm: 'GM1730',
		pop: 3905,
		src: 'geonames'
	},
	{
		name: 'Vries',
		lat: 53.07417,
		lon: 6.57778,
		kind: 'P.PPL',
		gm: 'GM1730',
		pop: 3915,
		src: 'geonames'
	},
	{
		name: 'Tynaarlo',
		lat: 53.0775,
		lon: 6.61667,
		kind: 'P.PPL',
		gm: 'GM1730',
		pop: 1530,
		src: 'geonames'
	},
	{
		name: 'Hoogezand',
		lat: 53.16167,
		lon: 6.76111,
		kind: 'P.PPL',
		gm: 'GM1952',
		pop: 21480,
		src: 'geonames'
	},
	{
		name: 'Winschoten',
		lat: 53.14417,
		lon: 7.03472,
		kind: 'P.PPL',
		gm: 'GM1895',
		pop: 18506,
		src: 'geonames'
	},
	{
		name: 'Veendam',
		lat: 53.10667,
		lon: 6.87917,
		kind: 'P.PPL',
		gm: 'GM0047',
		pop: 28155,
		src: 'geonames'
	},
	{
		name: 'Stadskanaal',
		lat: 52.98947,
		lon: 6.9504,
		kind: 'P.PPL',
		gm: 'GM0037',
		pop: 20000,
		src: 'geonames'
	},
	{
		name: 'Emmen',
		lat: 52.77917,
		lon: 6.90694,
		kind: 'P.PPL',
		gm: 'GM0114',
		pop: 57010,
		src: 'geonames'
	},
	{
		name: 'Drachten',
		lat: 53.11254,
		lon: 6.0989,
		kind: 'P.PPLA2',
		gm: 'GM0090',
		pop: 44537,
		src: 'geonames'
	},
	{
		name: 'Heerenveen',
		lat: 52.95929,
		lon: 5.91854,
		kind: 'P.PPL',
		gm: 'GM0074',
		pop: 43094,
		src: 'geonames'
	},
	{
		name: 'Sneek',
		lat: 53.03297,
		lon: 5.6589,
		kind: 'P.PPL',
		gm: 'GM1900',
		pop: 32811,
		src: 'geonames'
	},
	{
		name: 'Roden',
		lat: 53.1375,
		lon: 6.42083,
		kind: 'P.PPL',
		gm: 'GM1699',
		pop: 7030,
		src: 'geonames'
	},
	{
		name: 'Leek',
		lat: 53.1625,
		lon: 6.37639,
		kind: 'P.PPL',
		gm: 'GM1969',
		pop: 19651,
		src: 'geonames'
	},
	{
		name: 'Delfzijl',
		lat: 53.33,
		lon: 6.91806,
		kind: 'P.PPL',
		gm: 'GM1979',
		pop: 28649,
		src: 'geonames'
	},
	{
		name: 'Appingedam',
		lat: 53.32167,
		lon: 6.85833,
		kind: 'P.PPL',
		gm: 'GM1979',
		pop: 12364,
		src: 'geonames'
	},
	{
		name: 'Hoogeveen',
		lat: 52.7225,
		lon: 6.47639,
		kind: 'P.PPL',
		gm: 'GM0118',
		pop: 38754,
		src: 'geonames'
	},
	{
		name: 'Meppel',
		lat: 52.69583,
		lon: 6.19444,
		kind: 'P.PPL',
		gm: 'GM0119',
		pop: 30697,
		src: 'geonames'
	},
	{
		name: 'Ten Boer',
		lat: 53.27583,
		lon: 6.69444,
		kind: 'P.PPL',
		gm: 'GM0014',
		pop: 4355,
		src: 'geonames'
	},
	{
		name: 'Bedum',
		lat: 53.30083,
		lon: 6.60278,
		kind: 'P.PPL',
		gm: 'GM1966',
		pop: 7765,
		src: 'geonames'
	},
	{
		name: 'Marum',
		lat: 53.14417,
		lon: 6.2625,
		kind: 'P.PPL',
		gm: 'GM1969',
		pop: 5170,
		src: 'geonames'
	},
	{
		name: 'Zuidhorn',
		lat: 53.24667,
		lon: 6.40278,
		kind: 'P.PPL',
		gm: 'GM1969',
		pop: 7075,
		src: 'geonames'
	},
	{
		name: 'Peize',
		lat: 53.14667,
		lon: 6.49722,
		kind: 'P.PPL',
		gm: 'GM1699',
		pop: 4295,
		src: 'geonames'
	},
	{
		name: 'Assen',
		lat: 52.99667,
		lon: 6.5625,
		kind: 'P.PPLA',
		gm: 'GM0106',
		pop: 62237,
		src: 'geonames'
	},
	{
		name: 'Harlingen',
		lat: 53.17477,
		lon: 5.42244,
		kind: 'P.PPL',
		gm: 'GM0072',
		pop: 16119,
		src: 'geonames'
	},
	{
		name: 'Franeker',
		lat: 53.18546,
		lon: 5.54123,
		kind: 'P.PPL',
		gm: 'GM1949',
		pop: 12996,
		src: 'geonames'
	},
	{
		name: 'Dokkum',
		lat: 53.32224,
		lon: 5.99697,
		kind: 'P.PPLA2',
		gm: 'GM1970',
		pop: 12669,
		src: 'geonames'
	},
	{
		name: 'Steenwijk',
		lat: 52.7875,
		lon: 6.12083,
		kind: 'P.PPL',
		gm: 'GM1708',
		pop: 17138,
		src: 'geonames'
	},
	{
		name: 'Coevorden',
		lat: 52.66103,
		lon: 6.74046,
		kind: 'P.PPL',
		gm: 'GM0109',
		pop: 14600,
		src: 'geonames'
	},
	{ name: 'Jordaan', lat: 52.37439, lon: 4.88059, kind: 'P.PPLX', gm: 'GM0363', src: 'geonames' },
	{ name: 'De Wallen', lat: 52.37348, lon: 4.89806, kind: 'P.PPLX', gm: 'GM0363', src: 'geonames' },
	{
		name: 'Grachtengordel West',
		lat: 52.37618,
		lon: 4.88777,
		kind: 'P.PPLX',
		gm: 'GM0363',
		src: 'geonames'
	},
	{
		name: 'Binnenstad',
		lat: 52.37216,
		lon: 4.90437,
		kind: 'P.PPLX',
		gm: 'GM0363',
		src: 'geonames'
	},
	{
		name: 'Station Haren',
		lat: 53.1751,
		lon: 6.61778,
		kind: 'S.RSTN',
		gm: 'GM0014',
		src: 'geonames'
	},
	{
		name: 'Station Groningen',
		lat: 53.21081,
		lon: 6.5639,
		kind: 'S.RSTN',
		gm: 'GM0014',
		src: 'geonames'
	},
	{
		name: 'Station Groningen Europapark',
		lat: 53.20465,
		lon: 6.58552,
		kind: 'S.RSTN',
		gm: 'GM0014',
		src: 'geonames'
	},
	{
		name: 'Station Groningen Noord',
		lat: 53.23044,
		lon: 6.55682,
		kind: 'S.RSTN',
		gm: 'GM0014',
		src: 'geonames'
	},
	{
		name: 'Station Assen',
		lat: 52.99132,
		lon: 6.57074,
		kind: 'S.RSTN',
		gm: 'GM0106',
		src: 'geonames'
	},
	{
		name: 'Station Leeuwarden',
		lat: 53.1959,
		lon: 5.79104,
		kind: 'S.RSTN',
		gm: 'GM0080',
		src: 'geonames'
	},
	{
		name: 'Station Zuidhorn',
		lat: 53.24827,
		lon: 6.4058,
		kind: 'S.RSTN',
		gm: 'GM1969',
		src: 'geonames'
	},
	{
		name: 'Station Buitenpost',
		lat: 53.2562,
		lon: 6.14535,
		kind: 'S.RSTN',
		gm: 'GM0059',
		src: 'geonames'
	},
	{
		name: 'Station Zwolle',
		lat: 52.50483,
		lon: 6.09145,
		kind: 'S.RSTN',
		gm: 'GM0193',
		src: 'geonames'
	},
	{
		name: 'Station Hoogezand-Sappemeer',
		lat: 53.15961,
		lon: 6.77155,
		kind: 'S.RSTN',
		gm: 'GM1952',
		src: 'geonames'
	},
	{
		name: 'Station Kropswolde',
		lat: 53.16159,
		lon: 6.72187,
		kind: 'S.RSTN',
		gm: 'GM1952',
		src: 'geonames'
	},
	{
		name: 'Station Meppel',
		lat: 52.69132,
		lon: 6.19771,
		kind: 'S.RSTN',
		gm: 'GM0119',
		src: 'geonames'
	},
	{
		name: 'Station Hoogeveen',
		lat: 52.73354,
		lon: 6.47275,
		kind: 'S.RSTN',
		gm: 'GM0118',
		src: 'geonames'
	},
	{
		name: 'Station Heerenveen',
		lat: 52.96127,
		lon: 5.91465,
		kind: 'S.RSTN',
		gm: 'GM0074',
		src: 'geonames'
	},
	{
		name: 'Amsterdam Centraal Railway Station',
		alt: ['Centraal Station', 'Station Amsterdam Centraal'],
		lat: 52.37895,
		lon: 4.90016,
		kind: 'S.RSTN',
		gm: 'GM0363',
		src: 'geonames'
	},
	{
		name: 'Utrecht Centraal Railway Station',
		alt: ['Utrecht Centraal'],
		lat: 52.08934,
		lon: 5.11006,
		kind: 'S.RSTN',
		gm: 'GM0344',
		src: 'geonames'
	},
	{
		name: 'Rotterdam Centraal railway station',
		alt: ['Rotterdam Centraal'],
		lat: 51.92508,
		lon: 4.46946,
		kind: 'S.RSTN',
		gm: 'GM0599',
		src: 'geonames'
	},
	{
		name: 'The Hague Central Railway Station',
		alt: ['Den Haag Centraal'],
		lat: 52.08019,
		lon: 4.32535,
		kind: 'S.RSTN',
		gm: 'GM0518',
		src: 'geonames'
	},
	{
		name: 'Station Haarlem',
		lat: 52.38828,
		lon: 4.63675,
		kind: 'S.RSTN',
		gm: 'GM0392',
		src: 'geonames'
	},
	{
		name: 'Station Zaandam',
		lat: 52.43875,
		lon: 4.81356,
		kind: 'S.RSTN',
		gm: 'GM0479',
		src: 'geonames'
	},
	{
		name: 'Station Amersfoort',
		lat: 52.15366,
		lon: 5.37399,
		kind: 'S.RSTN',
		gm: 'GM0307',
		src: 'geonames'
	},
	{
		name: 'Station Almere Centrum',
		lat: 52.37492,
		lon: 5.21786,
		kind: 'S.RSTN',
		gm: 'GM0034',
		src: 'geonames'
	},
	{
		name: 'Station Amsterdam Amstel',
		lat: 52.3466,
		lon: 4.91745,
		kind: 'S.RSTN',
		gm: 'GM0363',
		src: 'geonames'
	},
	{
		name: 'Station Amsterdam Zuid',
		lat: 52.33885,
		lon: 4.87235,
		kind: 'S.RSTN',
		gm: 'GM0363',
		src: 'geonames'
	},
	{
		name: 'Station Leiden Centraal',
		lat: 52.16601,
		lon: 4.48199,
		kind: 'S.RSTN',
		gm: 'GM0546',
		src: 'geonames'
	},
	{
		name: 'Station Eindhoven',
		lat: 51.44304,
		lon: 5.48055,
		kind: 'S.RSTN',
		gm: 'GM0772',
		src: 'geonames'
	},
	{
		name: 'Arnhem Centraal Railway Station',
		alt: ['Arnhem Centraal'],
		lat: 51.98499,
		lon: 5.89966,
		kind: 'S.RSTN',
		gm: 'GM0202',
		src: 'geonames'
	},
	{
		name: 'Station Tilburg',
		lat: 51.5604,
		lon: 5.08551,
		kind: 'S.RSTN',
		gm: 'GM0855',
		src: 'geonames'
	},
	{
		name: 'Breda Railway Station',
		alt: ['Station Breda'],
		lat: 51.59533,
		lon: 4.78021,
		kind: 'S.RSTN',
		gm: 'GM0758',
		src: 'geonames'
	},
	{
		name: "Station 's-Hertogenbosch",
		lat: 51.69049,
		lon: 5.29361,
		kind: 'S.RSTN',
		gm: 'GM0796',
		src: 'geonames'
	},
	{
		name: 'Station Apeldoorn',
		lat: 52.20953,
		lon: 5.96854,
		kind: 'S.RSTN',
		gm: 'GM0200',
		src: 'geonames'
	},
	{
		name: 'Enschede Railway Station',
		alt: ['Station Enschede'],
		lat: 52.22231,
		lon: 6.88921,
		kind: 'S.RSTN',
		gm: 'GM0153',
		src: 'geonames'
	},
	{
		name: 'Maastricht Railway Station',
		alt: ['Station Maastricht'],
		lat: 50.85088,
		lon: 5.70482,
		kind: 'S.RSTN',
		gm: 'GM0935',
		src: 'geonames'
	},
	{
		name: 'Station Alkmaar',
		lat: 52.63814,
		lon: 4.74142,
		kind: 'S.RSTN',
		gm: 'GM0361',
		src: 'geonames'
	},
	{
		name: 'Station Deventer',
		lat: 52.25749,
		lon: 6.16033,
		kind: 'S.RSTN',
		gm: 'GM0150',
		src: 'geonames'
	},
	{
		name: 'Station Delft',
		lat: 52.00673,
		lon: 4.35612,
		kind: 'S.RSTN',
		gm: 'GM0503',
		src: 'geonames'
	},
	{
		name: 'Station Hilversum',
		lat: 52.22617,
		lon: 5.18149,
		kind: 'S.RSTN',
		gm: 'GM0402',
		src: 'geonames'
	},
	{
		name: 'Station Dordrecht',
		lat: 51.80713,
		lon: 4.66782,
		kind: 'S.RSTN',
		gm: 'GM0505',
		src: 'geonames'
	},
	{
		name: 'Dam Square',
		alt: ['Dam', 'de Dam'],
		lat: 52.37293,
		lon: 4.89336,
		kind: 'S.SQR',
		gm: 'GM0363',
		src: 'geonames'
	},
	{
		name: 'Paleis op de Dam',
		alt: ['Koninklijk Paleis Amsterdam'],
		lat: 52.37314,
		lon: 4.89136,
		kind: 'S.PAL',
		gm: 'GM0363',
		src: 'geonames'
	},
	{
		name: 'Nationaal Monument',
		lat: 52.3728,
		lon: 4.89374,
		kind: 'S.MNMT',
		gm: 'GM0363',
		src: 'geonames'
	},
	{ name: 'Damrak', lat: 52.37604, lon: 4.89695, kind: 'R.ST', gm: 'GM0363', src: 'geonames' },
	{ name: 'Beursplein', lat: 52.37428, lon: 4.89527, kind: 'S.SQR', gm: 'GM0363', src: 'geonames' },
	{ name: 'Nieuwe Kerk', lat: 52.37393, lon: 4.89178, kind: 'S.CH', gm: 'GM0363', src: 'geonames' },
	{
		name: 'De Bijenkorf',
		lat: 51.56329,
		lon: 5.67969,
		kind: 'S.MLWND',
		gm: 'GM1652',
		src: 'geonames'
	},
	{
		name: 'Nieuwmarkt',
		lat: 52.37194,
		lon: 4.90111,
		kind: 'S.MTRO',
		gm: 'GM0363',
		src: 'geonames'
	},
	{
		name: 'Waterlooplein',
		lat: 52.36741,
		lon: 4.90201,
		kind: 'S.SQR',
		gm: 'GM0363',
		src: 'geonames'
	},
	{
		name: 'Rembrandtplein',
		lat: 52.36602,
		lon: 4.89638,
		kind: 'S.SQR',
		gm: 'GM0363',
		src: 'geonames'
	},
	{ name: 'Leidseplein', lat: 52.3634, lon: 4.8815, kind: 'S.SQR', gm: 'GM0363', src: 'geonames' },
	{
		name: 'Museumplein',
		lat: 52.35722,
		lon: 4.88194,
		kind: 'S.SQR',
		gm: 'GM0363',
		src: 'geonames'
	},
	{ name: 'Vondelpark', lat: 52.35739, lon: 4.86733, kind: 'L.PRK', gm: 'GM0363', src: 'geonames' },
	{ name: 'Westerpark', lat: 52.38611, lon: 4.8775, kind: 'L.PRK', gm: 'GM0363', src: 'geonames' },
	{
		name: 'Kalverstraat Shops',
		lat: 52.3697,
		lon: 4.8912,
		kind: 'S.FCL',
		gm: 'GM0363',
		src: 'geonames'
	},
	{
		name: 'Centraal Station',
		lat: 51.92372,
		lon: 4.47031,
		kind: 'S.MTRO',
		gm: 'GM0599',
		src: 'geonames'
	},
	{ name: 'Oude Kerk', lat: 52.37437, lon: 4.89824, kind: 'S.CH', gm: 'GM0363', src: 'geonames' },
	{ name: 'Munttoren', lat: 52.36701, lon: 4.89325, kind: 'S.TOWR', gm: 'GM0363', src: 'geonames' },
	{ name: 'Stationsweg', lat: 53.17465, lon: 6.6128, kind: 'R.ST', gm: 'GM0014', src: 'manual' },
	{ name: 'Rijksstraatweg', lat: 53.1738, lon: 6.604, kind: 'R.ST', gm: 'GM0014', src: 'manual' },
	{ name: 'Raadhuisplein', lat: 53.1716, lon: 6.606, kind: 'S.SQR', gm: 'GM0014', src: 'manual' },
	{ name: 'Rokin', lat: 52.370466, lon: 4.892616, kind: 'R.ST', gm: 'GM0363', src: 'osm' },
	{ name: 'Spui', lat: 52.368794, lon: 4.889752, kind: 'S.SQR', gm: 'GM0363', src: 'osm' }
];

/** Names as Dutch posts write them. */
const DISPLAY: Record<string, string> = {
	'The Hague': 'Den Haag',
	'Almere Stad': 'Almere',
	'Amsterdam Centraal Railway Station': 'Amsterdam Centraal',
	'Utrecht Centraal Railway Station': 'Utrecht Centraal',
	'Rotterdam Centraal railway station': 'Rotterdam Centraal',
	'The Hague Central Railway Station': 'Den Haag Centraal',
	'Arnhem Centraal Railway Station': 'Arnhem Centraal',
	'Dam Square': 'de Dam',
	'Kalverstraat Shops': 'Kalverstraat',
	"'s-Hertogenbosch": 'Den Bosch'
};

/** The name a Dutch post would use for a place. */
export function displayName(p: Pick<Place, 'name'>): string {
	const d = DISPLAY[p.name];
	if (d) return d;
	return p.name
		.replace(/ Railway Station$/i, '')
		.replace(/^Gemeente /, '')
		.replace(/ \(.*\)$/, '');
}

/** Reference points per province: a place belongs to the province of the nearest point. */
const PROVINCE_POINTS: [string, number, number][] = [
	['Groningen', 6.57, 53.22],
	['Groningen', 6.85, 53.3],
	['Groningen', 6.95, 53.1],
	['Groningen', 6.4, 53.25],
	['Groningen', 7.03, 53.14],
	['Groningen', 6.62, 53.17],
	['Groningen', 6.75, 53.16],
	['Groningen', 6.36, 53.17],
	['Groningen', 6.28, 53.15],
	['Friesland', 5.8, 53.2],
	['Friesland', 6.1, 53.11],
	['Friesland', 5.92, 52.96],
	['Friesland', 5.66, 53.03],
	['Friesland', 5.42, 53.17],
	['Friesland', 6.0, 53.32],
	['Friesland', 5.2, 53.35],
	['Drenthe', 6.56, 53.0],
	['Drenthe', 6.9, 52.78],
	['Drenthe', 6.48, 52.72],
	['Drenthe', 6.2, 52.72],
	['Drenthe', 6.42, 53.12],
	['Drenthe', 6.68, 53.08],
	['Drenthe', 6.95, 52.98],
	['Drenthe', 6.3, 52.85],
	['Overijssel', 6.09, 52.51],
	['Overijssel', 6.9, 52.22],
	['Overijssel', 6.16, 52.26],
	['Overijssel', 6.66, 52.36],
	['Overijssel', 6.45, 52.5],
	['Overijssel', 6.12, 52.79],
	['Flevoland', 5.47, 52.51],
	['Flevoland', 5.21, 52.37],
	['Flevoland', 5.75, 52.7],
	['Flevoland', 5.6, 52.6],
	['Gelderland', 5.91, 51.98],
	['Gelderland', 5.85, 51.84],
	['Gelderland', 5.97, 52.21],
	['Gelderland', 5.66, 52.03],
	['Gelderland', 6.3, 51.97],
	['Gelderland', 5.42, 51.89],
	['Gelderland', 5.65, 52.3],
	['Gelderland', 6.6, 51.95],
	['Utrecht', 5.12, 52.09],
	['Utrecht', 5.39, 52.16],
	['Utrecht', 4.98, 52.02],
	['Utrecht', 5.26, 52.06],
	['Noord-Holland', 4.89, 52.37],
	['Noord-Holland', 4.64, 52.38],
	['Noord-Holland', 4.75, 52.63],
	['Noord-Holland', 5.06, 52.65],
	['Noord-Holland', 4.77, 52.95],
	['Noord-Holland', 5.18, 52.23],
	['Noord-Holland', 4.82, 52.45],
	['Noord-Holland', 4.86, 52.3],
	['Zuid-Holland', 4.3, 52.08],
	['Zuid-Holland', 4.48, 51.92],
	['Zuid-Holland', 4.49, 52.16],
	['Zuid-Holland', 4.67, 51.81],
	['Zuid-Holland', 4.7, 52.02],
	['Zuid-Holland', 4.35, 52.01],
	['Zuid-Holland', 4.66, 52.13],
	['Zuid-Holland', 4.1, 51.85],
	['Zeeland', 3.61, 51.5],
	['Zeeland', 3.89, 51.5],
	['Zeeland', 3.85, 51.33],
	['Zeeland', 4.0, 51.7],
	['Noord-Brabant', 5.48, 51.44],
	['Noord-Brabant', 5.09, 51.56],
	['Noord-Brabant', 4.78, 51.59],
	['Noord-Brabant', 5.3, 51.7],
	['Noord-Brabant', 4.46, 51.53],
	['Noord-Brabant', 5.52, 51.77],
	['Noord-Brabant', 5.66, 51.48],
	['Noord-Brabant', 5.9, 51.62],
	['Limburg', 5.69, 50.85],
	['Limburg', 5.98, 50.88],
	['Limburg', 6.17, 51.37],
	['Limburg', 5.99, 51.19],
	['Limburg', 5.87, 51.0]
];

/** The province a point most likely lies in (nearest reference point; coarse near borders). */
export function provinceOf(ll: LonLat): string {
	let best = '';
	let bd = Infinity;
	const c = Math.cos((ll[1] * Math.PI) / 180);
	for (const [name, lon, lat] of PROVINCE_POINTS) {
		const dx = (lon - ll[0]) * c;
		const dy = lat - ll[1];
		const d = dx * dx + dy * dy;
		if (d < bd) {
			bd = d;
			best = name;
		}
	}
	return best;
}

/** A populated place as the background uses it. */
export interface PopPlace {
	place: Place;
	ll: LonLat;
	/** Dutch display name. */
	name: string;
	/** Stable key (name and rounded position), independent of the list it came from. */
	key: string;
	pop: number;
	weight: number;
	/** Typical radius of the built-up area in metres. */
	radiusM: number;
	/** Authors living here who post from their own place (size of the stable population). */
	authors: number;
}

export interface Station {
	name: string;
	ll: LonLat;
}

function isPopulated(kind: string): boolean {
	return kind.startsWith('P.PPL') && kind !== 'P.PPLH' && kind !== 'P.PPLQ' && kind !== 'P.PPLW';
}

const GRID = 0.1;
function cellKey(lon: number, lat: number): number {
	return Math.floor(lon / GRID) * 10000 + Math.floor(lat / GRID);
}

/** An index over a place list: weighted picks, nearby places, stations, lookups by name. */
export class PlaceIndex {
	readonly populated: PopPlace[] = [];
	readonly cum: Float64Array;
	readonly stations: Station[] = [];
	private readonly byName = new Map<string, Place[]>();
	private readonly grid = new Map<number, number[]>();
	private readonly provinceCache = new Map<string, string>();
	/** Results derived from this place list that are expensive to recompute (crowd plans). */
	readonly memo = new Map<string, unknown>();

	constructor(readonly places: Place[]) {
		for (const p of places) {
			for (const n of [p.name, ...(p.alt ?? [])]) {
				const k = n.toLowerCase();
				const l = this.byName.get(k);
				if (l) l.push(p);
				else this.byName.set(k, [p]);
			}
			if (p.kind === 'S.RSTN') this.stations.push({ name: displayName(p), ll: [p.lon, p.lat] });
			if (!isPopulated(p.kind)) continue;
			const pop = p.pop ?? 0;
			const weight = pop > 0 ? pop : p.kind === 'P.PPLL' ? 40 : 120;
			const radiusM = pop > 0 ? Math.min(7000, Math.max(300, 250 * Math.sqrt(pop / 1000))) : 300;
			const pp: PopPlace = {
				place: p,
				ll: [p.lon, p.lat],
				name: displayName(p),
				key: `${p.name}@${p.lon.toFixed(2)},${p.lat.toFixed(2)}`,
				pop,
				weight,
				radiusM,
				authors: Math.max(4, Math.round(weight / 120))
			};
			const i = this.populated.length;
			this.populated.push(pp);
			const ck = cellKey(p.lon, p.lat);
			const cell = this.grid.get(ck);
			if (cell) cell.push(i);
			else this.grid.set(ck, [i]);
		}
		if (this.populated.length === 0) throw new Error('scenario: no populated places (P.PPL*)');
		this.cum = this.cumulative((pp) => pp.weight);
	}

	/** Cumulative weights over the populated places for a custom weighting. */
	cumulative(w: (pp: PopPlace) => number): Float64Array {
		const cum = new Float64Array(this.populated.length);
		let s = 0;
		for (let i = 0; i < this.populated.length; i++) {
			s += Math.max(0, w(this.populated[i]));
			cum[i] = s;
		}
		return cum;
	}

	/** A populated place drawn by weight (population by default). */
	pick(r: Rand, cum: Float64Array = this.cum): PopPlace {
		return this.populated[r.cumIndex(cum)];
	}

	/** Populated places within maxM of a point. */
	near(ll: LonLat, maxM: number): PopPlace[] {
		const out: PopPlace[] = [];
		const dLat = maxM / 111_000;
		const dLon = dLat / Math.cos((ll[1] * Math.PI) / 180);
		for (let x = Math.floor((ll[0] - dLon) / GRID); x <= Math.floor((ll[0] + dLon) / GRID); x++)
			for (let y = Math.floor((ll[1] - dLat) / GRID); y <= Math.floor((ll[1] + dLat) / GRID); y++) {
				const cell = this.grid.get(x * 10000 + y);
				if (!cell) continue;
				for (const i of cell) {
					const pp = this.populated[i];
					if (distM(ll, pp.ll) <= maxM) out.push(pp);
				}
			}
		return out;
	}

	private readonly nearCache = new Map<string, { list: PopPlace[]; cum: Float64Array }>();
	/** Populated places within maxM of a populated place, with cumulative sqrt-weights (cached). */
	nearbyWeighted(pp: PopPlace, maxM: number): { list: PopPlace[]; cum: Float64Array } {
		const key = `${pp.key}|${maxM}`;
		let v = this.nearCache.get(key);
		if (!v) {
			const list = this.near(pp.ll, maxM);
			const cum = new Float64Array(list.length);
			let s = 0;
			for (let i = 0; i < list.length; i++) cum[i] = s += Math.sqrt(list[i].weight);
			v = { list, cum };
			if (this.nearCache.size > 50_000) this.nearCache.clear();
			this.nearCache.set(key, v);
		}
		return v;
	}

	/** The station nearest to a point, if one lies within maxM. */
	nearestStation(ll: LonLat, maxM: number): Station | undefined {
		let best: Station | undefined;
		let bd = maxM;
		for (const s of this.stations) {
			if (Math.abs(s.ll[1] - ll[1]) > 0.1) continue;
			const d = distM(ll, s.ll);
			if (d < bd) {
				bd = d;
				best = s;
			}
		}
		return best;
	}

	/** Places with this name or alternative name (case-insensitive). */
	find(name: string): Place[] {
		return this.byName.get(name.toLowerCase()) ?? [];
	}

	province(pp: PopPlace): string {
		let v = this.provinceCache.get(pp.key);
		if (!v) {
			v = provinceOf(pp.ll);
			this.provinceCache.set(pp.key, v);
		}
		return v;
	}

	/** A platform place tag for a place, in one of the styles platforms use. */
	placeTag(r: Rand, pp: PopPlace): string {
		const u = r.next();
		if (u < 0.45) return `${pp.name}, ${this.province(pp)}`;
		if (u < 0.7) return pp.name;
		if (u < 0.85) return `${pp.name}, Nederland`;
		if (u < 0.95) return `${pp.name}, Netherlands`;
		return `${pp.name}, ${this.province(pp)}, Nederland`;
	}
}

/** A required place of the built-in list, by exact name. */
export function builtin(name: string): Place {
	const p = BUILTIN_PLACES.find((q) => q.name === name);
	if (!p) throw new Error(`scenario: built-in place missing: ${name}`);
	return p;
}

/** [lon, lat] of a required built-in place. */
export function ll(name: string): LonLat {
	const p = builtin(name);
	return [p.lon, p.lat];
}
