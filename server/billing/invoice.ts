import { eq, like, sql } from 'drizzle-orm';
import { invoices } from '../../drizzle/schema.ts';
import { localDate } from '../../sync/domain/local-day.ts';
import { vatInTotal } from '../../sync/domain/pricing.ts';
import type { LoadedBooking } from '../booking/access.ts';
import { loadSettings } from '../booking/settings.ts';
import type { DbOrTx, Tx } from '../db/client.ts';

/**
 * The invoice of a paid booking, in the payment's transaction: numbered INV-<year>-<000000> with
 * no gap or repeat (one writer at a time through an advisory lock; the unique index is the last
 * word), the VAT inside the total by the settings, `paid` when paid in full, else `issued` and due
 * on the day of the clean. A booking gets one invoice: a second payment finds it there.
 */
export async function issueInvoice(tx: Tx, booking: LoadedBooking, paid: number, now: number) {
	const { booking: b, appointment: a } = booking;
	const [existing] = await tx
		.select({ id: invoices.id })
		.from(invoices)
		.where(eq(invoices.customerAppointmentId, b.id));
	if (existing) return;
	const settings = await loadSettings(tx);
	const year = localDate(now, settings.timeZone).slice(0, 4);
	await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('invoice-number'))`);
	const [{ last }] = await tx
		.select({ last: sql<string | null>`max(${invoices.invoiceNumber})` })
		.from(invoices)
		.where(like(invoices.invoiceNumber, `INV-${year}-%`));
	const next = last ? Number(last.slice(`INV-${year}-`.length)) + 1 : 1;
	const { vat } = vatInTotal(b.totalPrice, {
		ratePercent: settings.vatRatePercent,
		pricesIncludeVat: settings.pricesIncludeVat
	});
	const inFull = paid >= b.totalPrice;
	await tx.insert(invoices).values({
		customerId: b.customerId,
		customerAppointmentId: b.id,
		invoiceNumber: `INV-${year}-${String(next).padStart(6, '0')}`,
		totalAmount: b.totalPrice,
		taxAmount: vat,
		status: inFull ? 'paid' : 'issued',
		dueDate: inFull ? null : localDate(a.startTime.getTime(), settings.timeZone),
		paidAt: inFull ? new Date(now) : null
	});
}

/** The invoice of a booking, if it has one. */
export async function invoiceOf(db: DbOrTx, bookingId: string) {
	const [row] = await db
		.select()
		.from(invoices)
		.where(eq(invoices.customerAppointmentId, bookingId));
	return row ?? null;
}
