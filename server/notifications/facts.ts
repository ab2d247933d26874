import { and, asc, eq } from 'drizzle-orm';
import { appointments, services, staff } from '../../drizzle/schema.ts';
import { parseUkPhone } from '../../sync/domain/phone.ts';
import { loadBooking, type LoadedBooking } from '../booking/access.ts';
import { loadSettings } from '../booking/settings.ts';
import type { DbOrTx } from '../db/client.ts';
import { config } from '../env.ts';
import type { BookingFacts } from './templates.ts';

/** Where a person can be reached: email always for customers, a mobile when one is known. */
export type Contact = { name: string; email: string | null; mobile: string | null };

export type Occurrence = { id: string; start: number; end: number };

export type NotifiedBooking = {
	appointment: LoadedBooking['appointment'];
	/** This appointment; with `wholeSeries`, every confirmed clean of its series. */
	occurrences: Occurrence[];
	customer: Contact;
	cleaner: Contact;
	facts: BookingFacts;
};

/** The customer's page for one appointment, as the link in their messages (token included). */
export function manageUrl(appointmentId: string, token: string) {
	return `${config.publicUrl()}/booking/${appointmentId}?token=${encodeURIComponent(token)}`;
}

/** A mobile number in E.164 from what was typed, or null when it cannot take a text. */
function mobileOf(phone: string) {
	const parsed = parseUkPhone(phone);
	return parsed.ok ? parsed.phone : null;
}

export async function loadContact(db: DbOrTx, staffId: string): Promise<Contact> {
	const [row] = await db
		.select({ name: staff.name, email: staff.email, phone: staff.phone })
		.from(staff)
		.where(eq(staff.id, staffId));
	return { name: row.name, email: row.email || null, mobile: mobileOf(row.phone) };
}

/**
 * Everything a message about this appointment says, read fresh when the job runs (the booking may
 * have moved or been cancelled since the job was queued). `wholeSeries`: the occurrences are every
 * confirmed clean of its recurring series (all of them share the first one's id as `series_id`),
 * for the series' one confirmation.
 */
export async function loadNotifiedBooking(
	db: DbOrTx,
	appointmentId: string,
	wholeSeries = false
): Promise<NotifiedBooking | null> {
	const loaded = await loadBooking(db, appointmentId);
	if (!loaded) return null;
	const { appointment: a, booking, customer } = loaded;
	const [[service], settings, cleaner] = await Promise.all([
		db.select({ name: services.name }).from(services).where(eq(services.id, a.serviceId)),
		loadSettings(db),
		loadContact(db, a.staffId)
	]);
	const occurrences =
		wholeSeries && a.seriesId
			? await db
					.select({ id: appointments.id, start: appointments.startTime, end: appointments.endTime })
					.from(appointments)
					.where(and(eq(appointments.seriesId, a.seriesId), eq(appointments.status, 'confirmed')))
					.orderBy(asc(appointments.startTime))
					.then((rows) =>
						rows.map((r) => ({ id: r.id, start: r.start.getTime(), end: r.end.getTime() }))
					)
			: [{ id: a.id, start: a.startTime.getTime(), end: a.endTime.getTime() }];
	return {
		appointment: a,
		occurrences,
		customer: { name: customer.name, email: customer.email, mobile: mobileOf(customer.phone) },
		cleaner,
		facts: {
			timeZone: settings.timeZone,
			currency: settings.currency,
			serviceName: service.name,
			customerName: customer.name,
			address: [customer.addressLine1, customer.addressLine2, customer.city, customer.postcode]
				.map((line) => line.trim())
				.filter(Boolean),
			cleanerName: cleaner.name,
			visits: occurrences.map(({ start, end }) => ({ start, end })),
			pricePerClean: booking.totalPrice,
			paid: booking.depositPaid,
			paymentStatus: booking.paymentStatus,
			manageUrl: manageUrl(a.id, booking.cancellationToken)
		}
	};
}
