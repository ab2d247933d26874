import { eq } from 'drizzle-orm';
import { services } from '../../drizzle/schema.ts';
import type { AuthContext } from '../../sync/auth.ts';
import { actorFor, loadBooking } from '../booking/access.ts';
import { loadSettings } from '../booking/settings.ts';
import type { DbOrTx } from '../db/client.ts';
import { invoiceOf } from './invoice.ts';
import type { InvoiceDocument } from './invoice-pdf.ts';

const when = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Europe/London',
	weekday: 'long',
	day: 'numeric',
	month: 'long',
	year: 'numeric',
	hour: '2-digit',
	minute: '2-digit'
});

/**
 * The invoice of a booking as its PDF shows it, for whoever may see the booking (office, owner,
 * token). Null when there is none or the caller may not see it.
 */
export async function invoiceDocument(
	db: DbOrTx,
	appointmentId: string,
	ctx: AuthContext | undefined,
	token: string | undefined
): Promise<InvoiceDocument | null> {
	const loaded = await loadBooking(db, appointmentId);
	if (!loaded || !actorFor(loaded, ctx, token)) return null;
	const { appointment: a, booking: b, customer: c } = loaded;
	const [invoice, [service], settings] = await Promise.all([
		invoiceOf(db, b.id),
		db.select({ name: services.name }).from(services).where(eq(services.id, a.serviceId)),
		loadSettings(db)
	]);
	if (!invoice) return null;
	return {
		number: invoice.invoiceNumber,
		issuedAt: invoice.createdAt.getTime(),
		status: invoice.status,
		dueDate: invoice.dueDate,
		customer: {
			name: c.name,
			address: [c.addressLine1, c.addressLine2, c.city, c.postcode].filter(Boolean)
		},
		service: service.name,
		when: when.format(a.startTime),
		extras: b.extras.map((e) => ({ name: e.name, quantity: e.quantity })),
		total: invoice.totalAmount,
		vat: invoice.taxAmount,
		vatRatePercent: settings.vatRatePercent,
		paid: b.depositPaid
	};
}
