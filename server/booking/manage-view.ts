import { asc, eq } from 'drizzle-orm';
import { appointments, services, staff } from '../../drizzle/schema.ts';
import type { AuthContext } from '../../sync/auth.ts';
import { bookingSettingsOf, canCustomerChange } from '../../sync/domain/booking-policy.ts';
import { bookingFieldsOf } from '../../sync/domain/custom-fields.ts';
import type { DbOrTx } from '../db/client.ts';
import { invoiceOf } from '../billing/invoice.ts';
import { actorFor, loadBooking } from './access.ts';
import { loadSettings } from './settings.ts';

/**
 * What the customer's booking page shows: the booking with its service, cleaner's first name,
 * address, price and payment, the series it belongs to, and whether it can still be changed
 * online. Null when the caller may not see it (no token, wrong token, someone else's).
 */
export async function manageView(
	db: DbOrTx,
	id: string,
	ctx: AuthContext | undefined,
	token: string | undefined,
	now: number
) {
	const loaded = await loadBooking(db, id);
	const actor = loaded && actorFor(loaded, ctx, token);
	if (!loaded || !actor) return null;
	const { appointment: a, booking: b, customer: c } = loaded;
	const [[service], [cleaner], settings, series, invoice] = await Promise.all([
		db
			.select({
				name: services.name,
				paddingBeforeMinutes: services.paddingBeforeMinutes,
				paddingAfterMinutes: services.paddingAfterMinutes,
				bookingFields: services.bookingFields
			})
			.from(services)
			.where(eq(services.id, a.serviceId)),
		db.select({ name: staff.name }).from(staff).where(eq(staff.id, a.staffId)),
		loadSettings(db),
		a.seriesId
			? db
					.select({
						id: appointments.id,
						start: appointments.startTime,
						status: appointments.status
					})
					.from(appointments)
					.where(eq(appointments.seriesId, a.seriesId))
					.orderBy(asc(appointments.startTime))
			: Promise.resolve([]),
		invoiceOf(db, b.id)
	]);
	const rules = bookingSettingsOf(settings);
	const change =
		actor === 'office'
			? { ok: true as const }
			: canCustomerChange(now, a.startTime.getTime(), a.status, rules);
	return {
		id: a.id,
		actor,
		status: a.status,
		start: a.startTime.getTime(),
		end: a.endTime.getTime(),
		serviceId: a.serviceId,
		staffId: a.staffId,
		serviceName: service.name,
		/** What the slot search needs to offer this booking other times with the same cleaner. */
		slotService: {
			durationMinutes: (a.endTime.getTime() - a.startTime.getTime()) / 60_000,
			paddingBeforeMinutes: service.paddingBeforeMinutes,
			paddingAfterMinutes: service.paddingAfterMinutes
		},
		// Customers see their cleaner's first name only.
		cleaner: cleaner.name.split(' ')[0],
		address: [c.addressLine1, c.addressLine2, c.city, c.postcode].filter(Boolean).join(', '),
		postcode: c.postcode,
		accessNotes: b.customFields.accessNotes ?? '',
		/** Answers to the office's own questions, labelled as the form asked them. */
		answers: bookingFieldsOf(service.bookingFields).flatMap((q) =>
			b.customFields[q.key] ? [{ label: q.label, value: b.customFields[q.key] }] : []
		),
		totalPrice: b.totalPrice,
		depositPaid: b.depositPaid,
		paymentStatus: b.paymentStatus,
		currency: settings.currency,
		token: b.cancellationToken,
		invoiceNumber: invoice?.invoiceNumber ?? null,
		series: series.map((o) => ({ id: o.id, start: o.start.getTime(), status: o.status })),
		/** Why the customer can no longer change it online; null while they can. */
		changeClosed: change.ok ? null : change.message,
		rules
	};
}

export type ManageView = NonNullable<Awaited<ReturnType<typeof manageView>>>;
