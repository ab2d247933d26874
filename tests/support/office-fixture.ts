import { Temporal } from 'temporal-polyfill';
import {
	appointments,
	categories,
	customerAppointments,
	customers,
	locations,
	managerLocations,
	managers,
	paymentRefunds,
	payments,
	services,
	slotSearches,
	staff,
	staffSchedules,
	staffTimeOff,
	users
} from '../../drizzle/schema.ts';
import type { OfficePermission } from '../../sync/auth.ts';
import type { Db } from '../../server/db/client.ts';

// A small, fixed company for the office's report and payment tests, in an empty database (the
// migrations only): two locations, two services, two cleaners, nine bookings over the fortnight
// Monday 27 April – Sunday 10 May 2026 (British Summer Time, UTC+1), with payments, refunds,
// cancellations, a no-show, an expired hold and slot searches. server/reports/reports.pg.test.ts
// works out every figure from this list by hand.

export const TZ = 'Europe/London';

/** Epoch ms of a London wall-clock time, e.g. at('2026-04-27T10:00') is 09:00 UTC. */
export const at = (local: string) =>
	Temporal.PlainDateTime.from(local).toZonedDateTime(TZ).epochMilliseconds;
const d = (local: string) => new Date(at(local));

export const ids = {
	north: crypto.randomUUID(),
	south: crypto.randomUUID(),
	regular: crypto.randomUUID(),
	deep: crypto.randomUUID(),
	ann: crypto.randomUUID(),
	ben: crypto.randomUUID()
};

export type Fixture = Awaited<ReturnType<typeof seedOfficeFixture>>;

export async function seedOfficeFixture(db: Db) {
	await db.insert(locations).values([
		{ id: ids.north, name: 'North', postcode: 'N16 9PD' },
		{ id: ids.south, name: 'South', postcode: 'SW1A 1AA' }
	]);
	const [category] = await db
		.insert(categories)
		.values({ name: 'Homes', slug: 'homes' })
		.returning();
	await db.insert(services).values([
		// Regular clean: 2 hours, £50.00. Deep clean: 4 hours, £120.00.
		{
			id: ids.regular,
			categoryId: category.id,
			name: 'Regular clean',
			slug: 'regular',
			durationMinutes: 120,
			price: 5000
		},
		{
			id: ids.deep,
			categoryId: category.id,
			name: 'Deep clean',
			slug: 'deep',
			durationMinutes: 240,
			price: 12000
		}
	]);
	await db.insert(staff).values([
		{ id: ids.ann, name: 'Ann', email: 'ann@example.com', locationId: ids.north },
		{ id: ids.ben, name: 'Ben', email: 'ben@example.com', locationId: ids.south }
	]);
	await db.insert(staffSchedules).values([
		// Ann: Monday–Friday 09:00–17:00 with lunch 12:00–13:00 → 7 hours a day.
		...[0, 1, 2, 3, 4].map((day) => ({
			staffId: ids.ann,
			dayOfWeek: day,
			startMinute: 540,
			endMinute: 1020,
			breaks: [{ start: 720, end: 780 }]
		})),
		// Ben: Monday–Wednesday 08:00–16:00, no break → 8 hours a day.
		...[0, 1, 2].map((day) => ({
			staffId: ids.ben,
			dayOfWeek: day,
			startMinute: 480,
			endMinute: 960
		}))
	]);
	await db.insert(staffTimeOff).values([
		// Ann is off all of Friday 8 May (approved); Ben asked for Wednesday 6 May, not approved.
		{
			staffId: ids.ann,
			startsAt: d('2026-05-08T00:00'),
			endsAt: d('2026-05-09T00:00'),
			status: 'approved'
		},
		{
			staffId: ids.ben,
			startsAt: d('2026-05-06T00:00'),
			endsAt: d('2026-05-07T00:00'),
			status: 'requested'
		}
	]);
	const custs = await db
		.insert(customers)
		.values([
			{ name: 'Cara', email: 'cara@example.com', postcode: 'N16 9PD' },
			{ name: 'Dev', email: 'dev@example.com', postcode: 'e8 3rl' },
			{ name: 'Eli', email: 'eli@example.com', postcode: 'SW1A 1AA' }
		])
		.returning();
	const [cara, dev, eli] = custs;

	type Job = {
		key: string;
		staffId: string;
		serviceId: string;
		locationId: string;
		start: string;
		hours: number;
		status: 'pending' | 'confirmed' | 'completed' | 'cancelled' | 'expired' | 'no_show';
		customerId: string;
		price: number;
		madeAt: string;
	};
	const jobs: Job[] = [
		{
			key: 'a1',
			staffId: ids.ann,
			serviceId: ids.regular,
			locationId: ids.north,
			start: '2026-04-27T10:00',
			hours: 2,
			status: 'completed',
			customerId: cara.id,
			price: 5000,
			madeAt: '2026-04-20T12:00'
		},
		{
			key: 'a2',
			staffId: ids.ann,
			serviceId: ids.deep,
			locationId: ids.north,
			start: '2026-04-28T13:00',
			hours: 4,
			status: 'completed',
			customerId: dev.id,
			price: 12000,
			madeAt: '2026-04-27T11:00'
		},
		{
			key: 'a3',
			staffId: ids.ben,
			serviceId: ids.regular,
			locationId: ids.south,
			start: '2026-05-04T08:00',
			hours: 2,
			status: 'completed',
			customerId: eli.id,
			price: 5000,
			madeAt: '2026-04-29T09:00'
		},
		{
			key: 'a4',
			staffId: ids.ben,
			serviceId: ids.deep,
			locationId: ids.south,
			start: '2026-04-29T08:00',
			hours: 4,
			status: 'cancelled',
			customerId: cara.id,
			price: 12000,
			madeAt: '2026-04-27T13:00'
		},
		{
			key: 'a5',
			staffId: ids.ann,
			serviceId: ids.regular,
			locationId: ids.north,
			start: '2026-05-07T09:00',
			hours: 2,
			status: 'no_show',
			customerId: eli.id,
			price: 5000,
			madeAt: '2026-05-05T10:00'
		},
		{
			key: 'a6',
			staffId: ids.ann,
			serviceId: ids.regular,
			locationId: ids.north,
			start: '2026-05-06T14:00',
			hours: 2,
			status: 'confirmed',
			customerId: dev.id,
			price: 5000,
			madeAt: '2026-05-05T11:00'
		},
		{
			key: 'a7',
			staffId: ids.ben,
			serviceId: ids.regular,
			locationId: ids.south,
			start: '2026-05-05T09:00',
			hours: 2,
			status: 'cancelled',
			customerId: dev.id,
			price: 5000,
			madeAt: '2026-05-04T12:00'
		},
		{
			key: 'a8',
			staffId: ids.ann,
			serviceId: ids.regular,
			locationId: ids.north,
			start: '2026-05-11T10:00',
			hours: 2,
			status: 'confirmed',
			customerId: cara.id,
			price: 5000,
			madeAt: '2026-05-06T09:00'
		},
		{
			key: 'a9',
			staffId: ids.ben,
			serviceId: ids.regular,
			locationId: ids.south,
			start: '2026-05-06T08:00',
			hours: 2,
			status: 'expired',
			customerId: eli.id,
			price: 5000,
			madeAt: '2026-05-06T07:00'
		}
	];
	const appointment: Record<string, string> = {};
	const booking: Record<string, string> = {};
	for (const j of jobs) {
		const start = at(j.start);
		const end = start + j.hours * 3_600_000;
		const [a] = await db
			.insert(appointments)
			.values({
				staffId: j.staffId,
				serviceId: j.serviceId,
				locationId: j.locationId,
				startTime: new Date(start),
				endTime: new Date(end),
				blockedFrom: new Date(start),
				blockedUntil: new Date(end),
				status: j.status,
				createdAt: d(j.madeAt)
			})
			.returning();
		const [ca] = await db
			.insert(customerAppointments)
			.values({
				customerId: j.customerId,
				appointmentId: a.id,
				totalPrice: j.price,
				createdAt: d(j.madeAt)
			})
			.returning();
		appointment[j.key] = a.id;
		booking[j.key] = ca.id;
	}

	const online = (intent: string) => ({ driver: 'local', intent_id: intent });
	const paid = await db
		.insert(payments)
		.values([
			// p1: a1 by card, £50.00 on Monday 27 April.
			{
				customerAppointmentId: booking.a1,
				amount: 5000,
				paymentMethod: 'test',
				status: 'succeeded',
				transactionId: 'pi_local_p1',
				gatewayResponse: online('pi_local_p1'),
				createdAt: d('2026-04-27T09:00')
			},
			// p2: a2 in cash, £120.00, received at 00:30 on Friday 1 May (23:30 UTC on 30 April).
			{
				customerAppointmentId: booking.a2,
				amount: 12000,
				paymentMethod: 'cash',
				status: 'succeeded',
				gatewayResponse: { by_hand: true },
				createdAt: d('2026-05-02T10:00'),
				receivedAt: d('2026-05-01T00:30')
			},
			// p3: a3 by card, £50.00 on Monday 4 May; £15.00 of it refunded on Tuesday 5 May (r1).
			{
				customerAppointmentId: booking.a3,
				amount: 5000,
				paymentMethod: 'test',
				status: 'succeeded',
				transactionId: 'pi_local_p3',
				gatewayResponse: online('pi_local_p3'),
				createdAt: d('2026-05-04T08:00')
			},
			// p4: a4's £30.00 deposit on Monday 27 April, refunded in full when it was cancelled (r2).
			{
				customerAppointmentId: booking.a4,
				amount: 3000,
				paymentMethod: 'test',
				status: 'refunded',
				transactionId: 'pi_local_p4',
				gatewayResponse: online('pi_local_p4'),
				createdAt: d('2026-04-27T13:00')
			},
			// p6: a6's card payment never went through: not money.
			{
				customerAppointmentId: booking.a6,
				amount: 5000,
				paymentMethod: 'test',
				status: 'pending',
				transactionId: 'pi_local_p6',
				gatewayResponse: online('pi_local_p6'),
				createdAt: d('2026-05-05T11:00')
			},
			// p8: a8 in cash on Monday 11 May, after the fortnight.
			{
				customerAppointmentId: booking.a8,
				amount: 5000,
				paymentMethod: 'cash',
				status: 'succeeded',
				gatewayResponse: { by_hand: true },
				createdAt: d('2026-05-11T09:00'),
				receivedAt: d('2026-05-11T09:00')
			}
		])
		.returning();
	await db.insert(paymentRefunds).values([
		{
			customerAppointmentId: booking.a3,
			paymentId: paid[2].id,
			amount: 1500,
			method: 'gateway',
			refundedAt: d('2026-05-05T11:00')
		},
		{
			customerAppointmentId: booking.a4,
			paymentId: paid[3].id,
			amount: 3000,
			method: 'gateway',
			refundedAt: d('2026-04-29T07:00')
		}
	]);

	// Slot searches: 10 in the first week, 8 in the second, 1 the Monday after.
	const searchTimes = [
		...Array.from(
			{ length: 10 },
			(_, i) => `2026-04-${String(27 + (i % 4)).padStart(2, '0')}T1${i % 10}:00`
		),
		...Array.from({ length: 8 }, (_, i) => `2026-05-0${4 + (i % 6)}T1${i}:15`),
		'2026-05-11T09:00'
	];
	await db.insert(slotSearches).values(
		searchTimes.map((t) => ({
			searchedAt: d(t),
			serviceId: ids.regular,
			district: 'N16',
			dateAsked: t.slice(0, 10),
			source: 'api'
		}))
	);
	return { appointment, booking, customers: { cara, dev, eli }, payments: paid };
}

/** An office user: an admin, or a manager of the given locations with the given permissions. */
export async function officeUser(
	db: Db,
	name: string,
	role: 'admin' | 'manager',
	reach: { locations?: string[]; all?: boolean; permissions?: OfficePermission[] } = {}
) {
	const [user] = await db
		.insert(users)
		.values({ email: `${name}@example.com`, username: name, name, role })
		.returning();
	if (role === 'manager') {
		const [m] = await db
			.insert(managers)
			.values({
				userId: user.id,
				canManageAll: reach.all ?? false,
				permissions: Object.fromEntries((reach.permissions ?? []).map((p) => [p, true]))
			})
			.returning();
		for (const locationId of reach.locations ?? [])
			await db.insert(managerLocations).values({ managerId: m.id, locationId });
	}
	return user;
}
