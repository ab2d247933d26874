// Users and the rows hanging off them: office staff, managers and their reach, cleaners with their
// schedules, services, areas and leave. Every user shares one password hash (argon2 is slow).
import type { Temporal } from 'temporal-polyfill';
import type * as schema from '../schema.ts';
import type { Catalog } from './catalog.ts';
import { CLEANERS, SOUTH_MANAGER_CLEANERS, TIME_OFF, type CleanerDef } from './cleaners.ts';
import { localInstant } from './clock.ts';

type Insert<T extends { $inferInsert: unknown }> = T['$inferInsert'];
type UserRow = Insert<typeof schema.users> & { id: string };
type StaffRow = Insert<typeof schema.staff> & { id: string };
type ManagerRow = Insert<typeof schema.managers> & { id: string };

export type Cleaner = { def: CleanerDef; row: StaffRow; locationId: string };

export type People = {
	users: UserRow[];
	profiles: Insert<typeof schema.profiles>[];
	passwords: Insert<typeof schema.passwords>[];
	staff: StaffRow[];
	schedules: Insert<typeof schema.staffSchedules>[];
	staffServices: Insert<typeof schema.staffServices>[];
	areas: Insert<typeof schema.staffAreas>[];
	travel: Insert<typeof schema.staffTravel>[];
	timeOff: Insert<typeof schema.staffTimeOff>[];
	managers: ManagerRow[];
	managerLocations: Insert<typeof schema.managerLocations>[];
	managerStaff: Insert<typeof schema.managerStaff>[];
	cleaners: Cleaner[];
	customerUserId: string;
	southManagerId: string;
};

const OFFICE = [
	{ key: 'admin', name: 'Sam Whitfield', role: 'admin', phone: '07700 900110' },
	{ key: 'north.manager', name: 'Hannah Price', role: 'manager', phone: '07700 900111' },
	{ key: 'south.manager', name: 'Marcus Bell', role: 'manager', phone: '07700 900112' }
] as const;

export function buildPeople(
	catalog: Catalog,
	today: Temporal.PlainDate,
	now: Date,
	passwordHash: string
): People {
	const day = 86_400_000;
	const people: People = {
		users: [],
		profiles: [],
		passwords: [],
		staff: [],
		schedules: [],
		staffServices: [],
		areas: [],
		travel: [],
		timeOff: [],
		managers: [],
		managerLocations: [],
		managerStaff: [],
		cleaners: [],
		customerUserId: '',
		southManagerId: ''
	};
	const addUser = (
		user: Omit<UserRow, 'id' | 'username'>,
		phone: string,
		joinedDaysAgo: number
	): string => {
		const id = crypto.randomUUID();
		const username = user.email.split('@')[0];
		const dateJoined = new Date(now.getTime() - joinedDaysAgo * day);
		people.users.push({ id, username, dateJoined, ...user });
		people.profiles.push({ userId: id, phone, timezone: 'Europe/London' });
		people.passwords.push({ userId: id, hash: passwordHash, updatedAt: dateJoined });
		return id;
	};

	const officeIds = OFFICE.map((o, i) =>
		addUser(
			{
				email: `${o.key}@valclean.test`,
				name: o.name,
				role: o.role,
				isStaff: true,
				isSuperuser: o.role === 'admin'
			},
			o.phone,
			1200 - i * 200
		)
	);
	// North runs a whole location and its money; south looks after chosen cleaners and customers,
	// without refunds or revenue.
	const [northManager, southManager] = (
		[
			[
				officeIds[1],
				{ manage_staff: true, record_payments: true, refund: true, see_revenue: true }
			],
			[officeIds[2], { manage_staff: true, record_payments: true }]
		] as const
	).map(([userId, permissions]): ManagerRow => ({
		id: crypto.randomUUID(),
		userId,
		canManageAll: false,
		permissions
	}));
	people.managers.push(northManager, southManager);
	people.managerLocations.push({
		managerId: northManager.id,
		locationId: catalog.locations.north.id
	});
	people.southManagerId = southManager.id;

	CLEANERS.forEach((def, position) => {
		const userId = addUser(
			{ email: def.email, name: def.name, role: 'staff', isStaff: false, isSuperuser: false },
			def.phone,
			300 + position * 90
		);
		const locationId = catalog.locations[def.location].id;
		const row: StaffRow = {
			id: crypto.randomUUID(),
			userId,
			locationId,
			name: def.name,
			email: def.email,
			phone: def.phone,
			bio: def.bio,
			position
		};
		people.staff.push(row);
		people.cleaners.push({ def, row, locationId });
		for (const stretch of def.schedule) {
			for (const dayOfWeek of stretch.days) {
				people.schedules.push({
					staffId: row.id,
					dayOfWeek,
					startMinute: stretch.start,
					endMinute: stretch.end,
					breaks: stretch.breaks
				});
			}
		}
		for (const offer of def.services) {
			people.staffServices.push({
				staffId: row.id,
				serviceId: catalog.serviceByKey[offer.key].id,
				priceOverride: offer.price ?? null,
				durationOverride: offer.minutes ?? null
			});
		}
		for (const area of def.areas) people.areas.push({ staffId: row.id, ...area });
		people.travel.push({ staffId: row.id, homePostcode: def.home });
		if (SOUTH_MANAGER_CLEANERS.includes(def.key)) {
			people.managerStaff.push({ managerId: southManager.id, staffId: row.id });
		}
	});

	for (const leave of TIME_OFF) {
		const cleaner = people.cleaners.find((c) => c.def.key === leave.cleaner)!;
		const first = today.add({ days: leave.fromDay });
		const [startsAt, endsAt] =
			leave.days !== undefined
				? [localInstant(first, 0), localInstant(first.add({ days: leave.days }), 0)]
				: [localInstant(first, leave.fromMinute ?? 0), localInstant(first, leave.toMinute ?? 1440)];
		people.timeOff.push({
			staffId: cleaner.row.id,
			startsAt,
			endsAt,
			reason: leave.reason,
			status: leave.status,
			createdAt: new Date(Math.min(now.getTime(), startsAt.getTime()) - 9 * day)
		});
	}

	people.customerUserId = addUser(
		{
			email: 'customer@valclean.test',
			name: 'Charlotte Evans',
			role: 'customer',
			isStaff: false,
			isSuperuser: false
		},
		'07700 900123',
		410
	);
	return people;
}
