import { and, asc, eq, sql } from 'drizzle-orm';
import {
	appointments,
	calendarEvents,
	customerAppointments,
	customers,
	services,
	staff
} from '../../drizzle/schema.ts';
import { loadSettings } from '../booking/settings.ts';
import type { Db, Tx } from '../db/client.ts';
import { config } from '../env.ts';
import { clientFor, liveConnection, markBroken, pushKey } from './connections.ts';
import { GrantRevoked, type CalendarEventBody } from './port.ts';

// The push: make the calendars match the booking. A booking that still holds its time belongs in
// its cleaner's connected calendar and nowhere else; a cancelled, expired or deleted one in none.
// The task reads where the booking is now (not what the change was), so a replayed or superseded
// job does the right thing, and `putEvent` is keyed by the booking, so a push repeated after a
// crash between the provider's answer and our commit finds its event instead of making another.

/** Statuses that free the cleaner's time (the exclusion constraint's rule). */
const FREED = new Set(['cancelled', 'expired']);

export type PushOutcome = { written: number; removed: number; broken: string[] };

/**
 * Runs in one transaction under a lock per booking, so two pushes of one booking (a replaced job
 * whose older run is still going) take turns and the second sees the first's result.
 * Provider errors other than a revoked grant are thrown, for the worker to retry with back-off.
 */
export async function pushAppointment(db: Db, appointmentId: string): Promise<PushOutcome> {
	return db.transaction(async (tx) => {
		await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${pushKey(appointmentId)}))`);
		const outcome: PushOutcome = { written: 0, removed: 0, broken: [] };
		const booking = await bookingOf(tx, appointmentId);
		const links = await tx
			.select()
			.from(calendarEvents)
			.where(eq(calendarEvents.appointmentId, appointmentId));
		const owner = booking && !FREED.has(booking.status) ? booking.cleanerUserId : null;
		const target = owner ? await clientFor(tx, owner) : null;

		for (const link of links) {
			if (target && link.userId === owner && link.calendarId === target.calendarId) continue;
			const connection = await liveConnection(tx, link.userId);
			const holder = connection?.usable && connection.calendarId ? connection : null;
			// A connection that cannot be used now keeps its link: a reconnection's resync removes
			// the event. With no connection at all, there is nothing left to remove it from.
			if (!holder && connection) continue;
			try {
				if (holder) await holder.client.deleteEvent(link.calendarId, link.eventId);
			} catch (e) {
				if (!(e instanceof GrantRevoked)) throw e;
				await markBroken(tx, link.userId, e.message);
				outcome.broken.push(link.userId);
				continue;
			}
			await tx
				.delete(calendarEvents)
				.where(
					and(
						eq(calendarEvents.appointmentId, appointmentId),
						eq(calendarEvents.userId, link.userId)
					)
				);
			outcome.removed++;
		}

		if (booking && owner && target) {
			const known = links.find((l) => l.userId === owner && l.calendarId === target.calendarId);
			try {
				const eventId = await target.client.putEvent(
					target.calendarId,
					await eventBody(tx, booking),
					known?.eventId
				);
				const link = {
					provider: target.provider,
					calendarId: target.calendarId,
					eventId,
					pushedAt: new Date()
				};
				await tx
					.insert(calendarEvents)
					.values({ appointmentId, userId: owner, ...link })
					.onConflictDoUpdate({
						target: [calendarEvents.appointmentId, calendarEvents.userId],
						set: link
					});
				outcome.written++;
			} catch (e) {
				if (!(e instanceof GrantRevoked)) throw e;
				await markBroken(tx, owner, e.message);
				outcome.broken.push(owner);
			}
		}
		return outcome;
	});
}

type Booking = NonNullable<Awaited<ReturnType<typeof bookingOf>>>;

async function bookingOf(tx: Tx, appointmentId: string) {
	const [row] = await tx
		.select({
			id: appointments.id,
			status: appointments.status,
			start: appointments.startTime,
			end: appointments.endTime,
			service: services.name,
			cleanerUserId: staff.userId
		})
		.from(appointments)
		.innerJoin(services, eq(services.id, appointments.serviceId))
		.innerJoin(staff, eq(staff.id, appointments.staffId))
		.where(eq(appointments.id, appointmentId));
	return row ?? null;
}

/**
 * What the cleaner's calendar shows: the service and customers, the address to go to, and a link
 * to the job in the field app (access notes and the checklist stay there, behind sign-in).
 */
async function eventBody(tx: Tx, booking: Booking): Promise<CalendarEventBody> {
	const people = await tx
		.select({
			name: customers.name,
			line1: customers.addressLine1,
			line2: customers.addressLine2,
			city: customers.city,
			postcode: customers.postcode
		})
		.from(customerAppointments)
		.innerJoin(customers, eq(customers.id, customerAppointments.customerId))
		.where(eq(customerAppointments.appointmentId, booking.id))
		.orderBy(asc(customerAppointments.createdAt));
	const first = people[0];
	const settings = await loadSettings(tx);
	const names = people.map((p) => p.name).join(', ');
	return {
		appointmentId: booking.id,
		summary: names ? `${booking.service} — ${names}` : booking.service,
		location: first
			? [first.line1, first.line2, first.city, first.postcode].filter(Boolean).join(', ')
			: '',
		description: `Job details: ${config.publicUrl()}/field/job/${booking.id}`,
		start: booking.start.getTime(),
		end: booking.end.getTime(),
		timeZone: settings.timeZone
	};
}
