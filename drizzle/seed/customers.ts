// Customers: London households (and a few small offices) with British names, UK mobiles in Ofcom's
// drama range (07700 900xxx, never a real phone) and example.* e-mail domains (never a real inbox).
import type { customers } from '../schema.ts';
import { DISTRICTS, fullPostcode, NORTH_DISTRICTS, SOUTH_DISTRICTS } from './districts.ts';
import { createRng, type Rng } from './random.ts';

export type CustomerRow = typeof customers.$inferInsert & { id: string; postcode: string };

const FIRST_NAMES = [
	'Oliver',
	'Amelia',
	'Harry',
	'Isla',
	'George',
	'Olivia',
	'Jack',
	'Ava',
	'Noah',
	'Emily',
	'Mohammed',
	'Sophia',
	'Leo',
	'Freya',
	'Arthur',
	'Poppy',
	'Theo',
	'Florence',
	'Oscar',
	'Evie',
	'Aisha',
	'Rohan',
	'Chloe',
	'Femi',
	'Niamh',
	'Callum',
	'Zara',
	'Samuel',
	'Imogen',
	'Yusuf',
	'Hannah',
	'Kofi',
	'Ruby',
	'Rhys',
	'Priyanka',
	'Tom',
	'Grace',
	'Ethan',
	'Martha',
	'Daniel'
];
const LAST_NAMES = [
	'Smith',
	'Jones',
	'Taylor',
	'Brown',
	'Williams',
	'Wilson',
	'Johnson',
	'Davies',
	'Patel',
	'Robinson',
	'Wright',
	'Thompson',
	'Walker',
	'White',
	'Edwards',
	'Hughes',
	'Green',
	'Hall',
	'Khan',
	'Lewis',
	'Harris',
	'Clarke',
	'Begum',
	'Ahmed',
	'Okonkwo',
	'Murphy',
	"O'Brien",
	'Campbell',
	'Kaur',
	'Morgan',
	'Fitzgerald',
	'Adeyemi',
	'Nguyen',
	'Baker',
	'Cooper',
	'Ward',
	'Mensah',
	'Chowdhury',
	'Fraser',
	'Bell'
];
const DOMAINS = ['example.com', 'example.co.uk', 'example.org', 'example.net'];

const BUSINESSES = [
	{ name: 'Hartley & Rowe Architects', email: 'studio@hartleyrowe.example', district: 'N1' },
	{ name: 'Dalston Yard Studios', email: 'hello@dalstonyard.example', district: 'E8' },
	{
		name: 'Camberwell Family Dental',
		email: 'reception@camberwelldental.example',
		district: 'SE5'
	},
	{ name: 'Peckham Print Co.', email: 'office@peckhamprint.example', district: 'SE15' }
];

/** Access notes a cleaning office actually keeps; `{code}` becomes a four-digit key-safe code. */
const NOTES: { text: string; tags: string[] }[] = [
	{ text: 'Key in key safe by the front door, code {code}.', tags: [] },
	{ text: 'Concierge holds a spare key; ask at the front desk.', tags: [] },
	{ text: 'Use the side gate. Dog (Biscuit) is friendly but will try to escape.', tags: ['pets'] },
	{ text: 'Two cats: keep the kitchen door shut, please.', tags: ['pets'] },
	{ text: 'Ring the top bell (flat 3). Visitor parking permit on the hall table.', tags: [] },
	{ text: 'Allergic to bleach: eco products only.', tags: ['eco'] },
	{ text: 'Works from home on Tuesdays; study door stays closed.', tags: [] },
	{ text: 'Leave the key through the letterbox when done.', tags: [] },
	{ text: 'Alarm panel in the hall cupboard, code {code}; set it when leaving.', tags: [] }
];

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const emailPart = (text: string) => text.toLowerCase().replace(/[^a-z]/g, '');

function address(rng: Rng, district: string) {
	const street = rng.pick(DISTRICTS[district].streets);
	const flat = rng.chance(0.35) ? `Flat ${rng.int(1, 12)}` : '';
	return {
		addressLine1: `${rng.int(2, 140)} ${street}`,
		addressLine2: flat,
		postcode: fullPostcode(district, [rng.next(), rng.next(), rng.next()])
	};
}

/** The household the demo customer signs in as (customer@valclean.test). */
function demoCustomer(userId: string, joined: Date): CustomerRow {
	return {
		id: crypto.randomUUID(),
		userId,
		name: 'Charlotte Evans',
		email: 'customer@valclean.test',
		phone: '07700 900123',
		addressLine1: '14 Albion Road',
		addressLine2: '',
		city: 'London',
		postcode: 'N16 9PD',
		addressValidated: true,
		notes: 'Key in key safe, code 4821. Cat (Miso) indoors, please keep windows shut.',
		tags: ['regular', 'pets'],
		createdAt: joined
	};
}

/**
 * 44 households spread over every district some cleaner covers, 4 offices, and the demo customer
 * (first). Names and addresses come from a fixed seed, so they do not change with `now`.
 */
export function buildCustomers(now: Date, demoUserId: string): CustomerRow[] {
	const rng = createRng('valclean/customers');
	const day = 86_400_000;
	const joined = () => new Date(now.getTime() - rng.int(20, 900) * day - rng.int(0, 86_399) * 1000);
	const rows: CustomerRow[] = [demoCustomer(demoUserId, new Date(now.getTime() - 410 * day))];
	const phones = rng.shuffle(Array.from({ length: 800 }, (_, i) => 200 + i));
	const districts = [...NORTH_DISTRICTS, ...SOUTH_DISTRICTS];
	const used = new Set<string>(['Charlotte Evans']);
	for (let i = 0; rows.length < 45; i++) {
		const first = rng.pick(FIRST_NAMES);
		const last = rng.pick(LAST_NAMES);
		const name = `${first} ${last}`;
		if (used.has(name)) continue;
		used.add(name);
		const district = districts[i % districts.length];
		const email = rng.pick([
			`${emailPart(first)}.${emailPart(last)}`,
			`${emailPart(first)}${emailPart(last)[0]}${rng.int(70, 99)}`,
			`${emailPart(first)[0]}${emailPart(last)}`
		]);
		const note = rng.chance(0.45) ? rng.pick(NOTES) : undefined;
		const tags = new Set(note?.tags ?? []);
		if (rng.chance(0.4)) tags.add('regular');
		rows.push({
			id: crypto.randomUUID(),
			name,
			email: `${email}@${rng.pick(DOMAINS)}`,
			phone: `07700 900${pad(phones[rows.length], 3)}`,
			...address(rng, district),
			city: 'London',
			addressValidated: rng.chance(0.8),
			notes: note ? note.text.replace('{code}', pad(rng.int(0, 9999), 4)) : '',
			tags: [...tags],
			createdAt: joined()
		});
	}
	for (const business of BUSINESSES) {
		rows.push({
			id: crypto.randomUUID(),
			name: business.name,
			email: business.email,
			phone: `020 7946 0${pad(rng.int(0, 999), 3)}`,
			...address(rng, business.district),
			addressLine2: `Unit ${rng.int(1, 9)}`,
			city: 'London',
			addressValidated: true,
			notes: 'Reception opens 08:30; sign in at the front desk.',
			tags: ['office'],
			createdAt: joined()
		});
	}
	return rows;
}
