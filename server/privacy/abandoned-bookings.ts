import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';

export type AbandonedPurge = {
	bookingsDeleted: number;
	bookingsAnonymised: number;
	customersDeleted: number;
	customersAnonymised: number;
};

/** What an anonymised guest's email becomes: unique (its id) and undeliverable (RFC 2606 .invalid). */
export const ANONYMISED_EMAIL_DOMAIN = 'anonymised.invalid';

const count = async (tx: Tx, query: ReturnType<typeof sql>) =>
	((await tx.execute(query)) as unknown as unknown[]).length;

/**
 * Bookings abandoned before `cutoff`: made then, and `expired` (the payment hold ran out unpaid,
 * server/worker/tasks.ts booking__expire_holds), with no money taken (no payment succeeded or
 * refunded) and no invoice. A booking with money or an invoice is an accounting record and is
 * never touched here, nor is its customer.
 *
 * - A booking with no payment attempt is deleted; its answers, extras, notification log and notes
 *   go with it (foreign keys cascade), and a calendar event it may still have is taken out by the
 *   push the delete queues (migration 0029's trigger).
 * - One with a payment attempt (a card declined, a checkout left open) keeps its rows, as payments
 *   are never purged, but loses the customer's answers (custom fields) and the office's notes.
 * - Its customer, when a guest (no account of their own) with nothing but abandoned bookings and
 *   no invoice, is deleted if no booking row is left, else anonymised in place (name, contact
 *   details, address, notes; archived, so out of lists). A customer with an account, or any other
 *   booking, keeps their details: only the abandoned booking's own data goes.
 *
 * Idempotent: a second run finds nothing to delete, no answers left, and its anonymised customers
 * by their email.
 */
export async function purgeAbandonedBookings(tx: Tx, cutoff: Date): Promise<AbandonedPurge> {
	await tx.execute(sql`
		CREATE TEMPORARY TABLE retention_abandoned ON COMMIT DROP AS
		SELECT a.id FROM appointments a
		WHERE a.status = 'expired' AND a.created_at < ${cutoff.toISOString()}::timestamptz
			AND NOT EXISTS (
				SELECT 1 FROM customer_appointments ca
				JOIN payments p ON p.customer_appointment_id = ca.id
				WHERE ca.appointment_id = a.id AND p.status IN ('succeeded', 'refunded'))
			AND NOT EXISTS (
				SELECT 1 FROM customer_appointments ca
				JOIN invoices i ON i.customer_appointment_id = ca.id
				WHERE ca.appointment_id = a.id)`);
	// Their customers, found before any booking row is deleted.
	await tx.execute(sql`
		CREATE TEMPORARY TABLE retention_customers ON COMMIT DROP AS
		SELECT DISTINCT ca.customer_id AS id FROM customer_appointments ca
		JOIN retention_abandoned x ON x.id = ca.appointment_id`);

	const bookingsDeleted = await count(
		tx,
		sql`DELETE FROM appointments a USING retention_abandoned x
		WHERE a.id = x.id
			AND NOT EXISTS (
				SELECT 1 FROM customer_appointments ca
				JOIN payments p ON p.customer_appointment_id = ca.id
				WHERE ca.appointment_id = a.id)
		RETURNING a.id`
	);
	const bookingsAnonymised = await count(
		tx,
		sql`WITH answers AS (
			UPDATE customer_appointments ca SET custom_fields = '{}'::jsonb
			FROM retention_abandoned x
			WHERE ca.appointment_id = x.id AND ca.custom_fields <> '{}'::jsonb
			RETURNING ca.appointment_id AS id
		), notes AS (
			DELETE FROM appointment_notes n USING retention_abandoned x
			WHERE n.appointment_id = x.id
			RETURNING n.appointment_id AS id
		)
		SELECT id FROM answers UNION SELECT id FROM notes`
	);

	const guestWithNothingElse = sql`
		c.id IN (SELECT id FROM retention_customers)
		AND c.user_id IS NULL
		AND c.email NOT LIKE ${'%@' + ANONYMISED_EMAIL_DOMAIN}
		AND NOT EXISTS (
			SELECT 1 FROM customer_appointments ca
			WHERE ca.customer_id = c.id
				AND ca.appointment_id NOT IN (SELECT id FROM retention_abandoned))
		AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.customer_id = c.id)`;
	const customersDeleted = await count(
		tx,
		sql`DELETE FROM customers c
		WHERE ${guestWithNothingElse}
			AND NOT EXISTS (SELECT 1 FROM customer_appointments ca WHERE ca.customer_id = c.id)
		RETURNING c.id`
	);
	const customersAnonymised = await count(
		tx,
		sql`UPDATE customers c SET
			name = 'Anonymised customer',
			email = c.id || ${'@' + ANONYMISED_EMAIL_DOMAIN},
			phone = '', address_line1 = '', address_line2 = '', city = '', county = '',
			postcode = '', address_validated = false, notes = '', tags = '[]'::jsonb,
			is_archived = true
		WHERE ${guestWithNothingElse}
		RETURNING c.id`
	);
	return { bookingsDeleted, bookingsAnonymised, customersDeleted, customersAnonymised };
}
