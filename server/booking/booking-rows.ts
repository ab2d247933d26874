import { appointments, customerAppointments } from '../../drizzle/schema.ts';
import type { DbOrTx, Tx } from '../db/client.ts';
import { placeholders, prepared } from '../db/prepared.ts';

// A booking's two rows. A one-off clean (nearly every booking) writes one of each, with statements
// built once (server/db/prepared.ts); a recurring one writes a row per occurrence.

const APPOINTMENT_COLUMNS = [
	'id',
	'seriesId',
	'staffId',
	'serviceId',
	'startTime',
	'endTime',
	'blockedFrom',
	'blockedUntil',
	'status',
	'holdExpiresAt'
] as const;

const BOOKING_COLUMNS = [
	'customerId',
	'appointmentId',
	'numberOfPersons',
	'extras',
	'customFields',
	'totalPrice'
] as const;

export type NewAppointment = Required<
	Pick<typeof appointments.$inferInsert, (typeof APPOINTMENT_COLUMNS)[number]>
>;
export type NewBooking = Required<
	Pick<typeof customerAppointments.$inferInsert, (typeof BOOKING_COLUMNS)[number]>
>;

/** Sends the appointments' insert. */
export function insertAppointments(tx: Tx, rows: NewAppointment[]) {
	if (rows.length === 1) return oneAppointment(tx, rows[0]);
	return tx.insert(appointments).values(rows).execute();
}

/** Sends the bookings' insert; their cancellation tokens come back. */
export function insertBookings(tx: Tx, rows: NewBooking[]): Promise<{ token: string }[]> {
	if (rows.length === 1) return oneBooking(tx, rows[0]);
	return tx
		.insert(customerAppointments)
		.values(rows)
		.returning({ token: customerAppointments.cancellationToken })
		.execute();
}

const oneAppointment = prepared('one-appointment', (db: DbOrTx) =>
	db.insert(appointments).values(placeholders(APPOINTMENT_COLUMNS))
);

const oneBooking = prepared('one-booking', (db: DbOrTx) =>
	db
		.insert(customerAppointments)
		.values(placeholders(BOOKING_COLUMNS))
		.returning({ token: customerAppointments.cancellationToken })
);
