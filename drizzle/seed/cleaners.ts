// The eight cleaners: who they are, where they work, when, and what they offer.
// Times are minutes after local midnight (Europe/London); days are 0 = Monday … 6 = Sunday.
import type { Break } from '../schema/staff.ts';
import type { ServiceKey } from './catalog.ts';

export type Stretch = { days: number[]; start: number; end: number; breaks: Break[] };
export type OfferedService = { key: ServiceKey; price?: number; minutes?: number; weight: number };
export type CleanerDef = {
	key: string;
	name: string;
	email: string;
	phone: string;
	bio: string;
	location: 'north' | 'south';
	schedule: Stretch[];
	services: OfferedService[];
	areas: { postcode: string; radiusKm: number }[];
	/** Home (start) postcode, in their first area: staff_travel. */
	home: string;
};

/** 8:30 → at(8, 30) = 510. */
const at = (hour: number, minute = 0) => hour * 60 + minute;
const WEEKDAYS = [0, 1, 2, 3, 4];
const lunch = (hour: number, minute: number, length = 30): Break[] => [
	{ start: at(hour, minute), end: at(hour, minute) + length }
];

export const CLEANERS: CleanerDef[] = [
	{
		key: 'amira',
		name: 'Amira Haddad',
		email: 'amira@valclean.test',
		phone: '07700 900101',
		bio: 'Six years with VALClean; regular homes around Stoke Newington and Dalston.',
		location: 'north',
		schedule: [
			{ days: WEEKDAYS, start: at(8), end: at(17), breaks: lunch(13, 0) },
			{ days: [5], start: at(9), end: at(15), breaks: [] },
			{ days: [6], start: at(10), end: at(16), breaks: [] }
		],
		services: [
			{ key: 'regular2', weight: 5 },
			{ key: 'regular3', price: 7200, weight: 4 },
			{ key: 'oneOff', weight: 2 },
			{ key: 'kitchenDeep', weight: 1 },
			{ key: 'deepFlat', weight: 1 }
		],
		// Where they set off from each morning (travel between jobs counts from here).
		home: 'N16 7UJ',
		areas: [
			{ postcode: 'N16', radiusKm: 5 },
			{ postcode: 'E8', radiusKm: 4 }
		]
	},
	{
		key: 'tomasz',
		name: 'Tomasz Nowak',
		email: 'tomasz@valclean.test',
		phone: '07700 900102',
		bio: 'Deep cleans and move-outs; leads the office team in Islington.',
		location: 'north',
		schedule: [{ days: WEEKDAYS, start: at(7, 30), end: at(16, 30), breaks: lunch(13, 30) }],
		services: [
			{ key: 'deepFlat', weight: 3 },
			{ key: 'deepHouse', price: 28000, weight: 2 },
			{ key: 'eotSmall', weight: 2 },
			{ key: 'eotLarge', weight: 1 },
			{ key: 'office', weight: 2 },
			{ key: 'oneOff', weight: 2 }
		],
		// Where they set off from each morning (travel between jobs counts from here).
		home: 'N7 6PA',
		areas: [
			{ postcode: 'N7', radiusKm: 6 },
			{ postcode: 'N1', radiusKm: 5 }
		]
	},
	{
		key: 'grace',
		name: 'Grace Okafor',
		email: 'grace@valclean.test',
		phone: '07700 900103',
		bio: 'Part-time, school hours; Kentish Town, Tufnell Park and Archway.',
		location: 'north',
		schedule: [
			{ days: [0, 2, 4], start: at(9), end: at(14, 30), breaks: [] },
			{ days: [5], start: at(8), end: at(13), breaks: [] }
		],
		services: [
			{ key: 'regular2', price: 5000, weight: 6 },
			{ key: 'regular3', weight: 1 },
			{ key: 'oneOff', weight: 1 }
		],
		// Where they set off from each morning (travel between jobs counts from here).
		home: 'NW5 2HB',
		areas: [
			{ postcode: 'NW5', radiusKm: 4 },
			{ postcode: 'N19', radiusKm: 3 }
		]
	},
	{
		key: 'daniel',
		name: 'Daniel Reyes',
		email: 'daniel@valclean.test',
		phone: '07700 900104',
		bio: 'Weekend and evening-friendly; Finsbury Park, Crouch End and Highbury.',
		location: 'north',
		schedule: [
			{ days: [0], start: at(12), end: at(18), breaks: [] },
			{ days: [1, 2, 3, 4, 5, 6], start: at(10), end: at(18), breaks: lunch(14, 0) }
		],
		services: [
			{ key: 'regular2', weight: 4 },
			{ key: 'regular3', weight: 3 },
			{ key: 'oneOff', weight: 2 },
			{ key: 'kitchenDeep', minutes: 150, weight: 1 },
			{ key: 'eotSmall', weight: 1 }
		],
		// Where they set off from each morning (travel between jobs counts from here).
		home: 'N4 2DA',
		areas: [
			{ postcode: 'N4', radiusKm: 5 },
			{ postcode: 'N8', radiusKm: 4 },
			{ postcode: 'N5', radiusKm: 3 }
		]
	},
	{
		key: 'priya',
		name: 'Priya Shah',
		email: 'priya@valclean.test',
		phone: '07700 900105',
		bio: 'Brixton and Clapham regulars; eco products on request.',
		location: 'south',
		schedule: [{ days: WEEKDAYS, start: at(8), end: at(16, 30), breaks: lunch(12, 30) }],
		services: [
			{ key: 'regular2', weight: 5 },
			{ key: 'regular3', weight: 3 },
			{ key: 'oneOff', weight: 2 },
			{ key: 'deepFlat', price: 17000, weight: 1 }
		],
		// Where they set off from each morning (travel between jobs counts from here).
		home: 'SW9 8EH',
		areas: [
			{ postcode: 'SW9', radiusKm: 5 },
			{ postcode: 'SW4', radiusKm: 4 }
		]
	},
	{
		key: 'kwame',
		name: 'Kwame Mensah',
		email: 'kwame@valclean.test',
		phone: '07700 900106',
		bio: 'Peckham and East Dulwich; deep cleans and weekend cover.',
		location: 'south',
		schedule: [
			{ days: WEEKDAYS, start: at(8), end: at(17), breaks: lunch(13, 0, 45) },
			{ days: [5, 6], start: at(9), end: at(15), breaks: [] }
		],
		services: [
			{ key: 'regular2', weight: 3 },
			{ key: 'regular3', weight: 3 },
			{ key: 'kitchenDeep', weight: 2 },
			{ key: 'deepFlat', weight: 2 },
			{ key: 'deepHouse', weight: 1 },
			{ key: 'eotSmall', weight: 1 }
		],
		// Where they set off from each morning (travel between jobs counts from here).
		home: 'SE15 5DQ',
		areas: [
			{ postcode: 'SE15', radiusKm: 5 },
			{ postcode: 'SE22', radiusKm: 4 }
		]
	},
	{
		key: 'sophie',
		name: 'Sophie Clarke',
		email: 'sophie@valclean.test',
		phone: '07700 900107',
		bio: 'Part-time around Battersea and Balham.',
		location: 'south',
		schedule: [
			{ days: [1, 3], start: at(9), end: at(15), breaks: [] },
			{ days: [5], start: at(9), end: at(13), breaks: [] }
		],
		services: [
			{ key: 'regular2', weight: 4 },
			{ key: 'regular3', weight: 3 },
			{ key: 'oneOff', price: 8400, weight: 2 }
		],
		// Where they set off from each morning (travel between jobs counts from here).
		home: 'SW11 5QP',
		areas: [
			{ postcode: 'SW11', radiusKm: 4 },
			{ postcode: 'SW12', radiusKm: 4 }
		]
	},
	{
		key: 'ioana',
		name: 'Ioana Popescu',
		email: 'ioana@valclean.test',
		phone: '07700 900108',
		bio: 'Move-out specialist, trusted by letting agents in Camberwell and Herne Hill.',
		location: 'south',
		schedule: [
			// Long move-out jobs: she takes her break on site, so none is fixed.
			{ days: WEEKDAYS, start: at(8, 30), end: at(17, 30), breaks: [] },
			{ days: [5], start: at(9), end: at(14), breaks: [] }
		],
		services: [
			{ key: 'office', minutes: 150, weight: 2 },
			{ key: 'eotSmall', weight: 2 },
			{ key: 'eotLarge', price: 36000, weight: 1 },
			{ key: 'deepFlat', weight: 2 },
			{ key: 'regular3', weight: 2 }
		],
		// Where they set off from each morning (travel between jobs counts from here).
		home: 'SE5 8RS',
		areas: [
			{ postcode: 'SE5', radiusKm: 6 },
			{ postcode: 'SE24', radiusKm: 4 },
			{ postcode: 'SW2', radiusKm: 5 }
		]
	}
];

/** The south manager's own cleaners (three of the four in South London). */
export const SOUTH_MANAGER_CLEANERS = ['priya', 'kwame', 'sophie'];

/** Leave, relative to today's local date. Approved leave keeps the diary clear; requested does not. */
export const TIME_OFF = [
	{
		cleaner: 'priya',
		fromDay: 4,
		days: 3,
		reason: 'Family wedding in Leicester',
		status: 'approved' as const
	},
	{
		cleaner: 'kwame',
		fromDay: -6,
		fromMinute: at(14),
		toMinute: at(17),
		reason: 'Dentist',
		status: 'approved' as const
	},
	{
		cleaner: 'tomasz',
		fromDay: 10,
		days: 2,
		reason: 'Visiting family in Kraków',
		status: 'requested' as const
	}
];
