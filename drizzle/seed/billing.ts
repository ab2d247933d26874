// Bookings and money for the planned diary: appointment rows, one customer_appointments row each with
// extras and a total in pence, card payments, and paid invoices (VAT at 20% included in the total).
import type { Temporal } from 'temporal-polyfill';
import type * as schema from '../schema.ts';
import type { BookedExtra } from '../schema.ts';
import type { Catalog } from './catalog.ts';
import { DAY_MS, MINUTE_MS } from './clock.ts';
import type { Slot } from './appointments.ts';
import { createRng, type Rng } from './random.ts';

type Insert<T extends { $inferInsert: unknown }> = T['$inferInsert'];

export type Billing = {
	appointments: Insert<typeof schema.appointments>[];
	customerAppointments: Insert<typeof schema.customerAppointments>[];
	appointmentNotes: Insert<typeof schema.appointmentNotes>[];
	payments: Insert<typeof schema.payments>[];
	invoices: Insert<typeof schema.invoices>[];
};

/** The first invoice number of the demo: an established business, not INV-…-000001. */
const FIRST_INVOICE = 1207;
const ALPHANUMERIC = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** VAT included in a gross amount at 20%: £120.00 gross holds £20.00 VAT. */
export function includedVat(total: number): number {
	return total - Math.round(total / 1.2);
}

function transactionId(rng: Rng): string {
	let id = 'pi_demo_';
	for (let i = 0; i < 24; i++) id += ALPHANUMERIC[rng.int(0, ALPHANUMERIC.length - 1)];
	return id;
}

function chooseExtras(rng: Rng, catalog: Catalog, slot: Slot): BookedExtra[] {
	const offered = catalog.extrasByService.get(slot.service.id) ?? [];
	if (offered.length === 0 || rng.chance(0.55)) return [];
	const count = Math.min(offered.length, rng.int(1, 2));
	return rng
		.shuffle(offered)
		.slice(0, count)
		.sort((a, b) => (a.position ?? 0) - (b.position ?? 0))
		.map((extra) => ({
			extraId: extra.id,
			name: extra.name,
			quantity: rng.int(1, Math.min(extra.maxQuantity ?? 1, 2)),
			price: extra.price
		}));
}

export function buildBilling(
	slots: Slot[],
	catalog: Catalog,
	today: Temporal.PlainDate,
	now: Date
): Billing {
	const rng = createRng(`billing/${today.toString()}`);
	const billing: Billing = {
		appointments: [],
		customerAppointments: [],
		appointmentNotes: [],
		payments: [],
		invoices: []
	};
	let invoiceSeq = FIRST_INVOICE;
	const pay = (bookingId: string, amount: number, at: Date, kind: string) =>
		billing.payments.push({
			customerAppointmentId: bookingId,
			amount,
			currency: 'GBP',
			paymentMethod: 'card',
			status: 'succeeded',
			transactionId: transactionId(rng),
			gatewayResponse: { demo: true, kind },
			createdAt: at
		});

	for (const slot of slots) {
		const extras = chooseExtras(rng, catalog, slot);
		const base = slot.offer.price ?? slot.service.price;
		const total = base + extras.reduce((sum, e) => sum + e.price * e.quantity, 0);
		const deposit = Math.round(total / 5);
		const start = slot.start.getTime();
		const end = slot.end.getTime();
		const createdAt = new Date(
			slot.status === 'pending'
				? now.getTime() - rng.int(5, 50) * MINUTE_MS
				: Math.min(
						start - rng.int(1, 21) * DAY_MS - rng.int(0, 600) * MINUTE_MS,
						now.getTime() - 60 * MINUTE_MS
					)
		);
		const settledAt = new Date(end + rng.int(5, 40) * MINUTE_MS);
		const bookingId = crypto.randomUUID();
		let depositPaid = 0;
		let paymentStatus: 'unpaid' | 'deposit_paid' | 'paid' = 'unpaid';
		let updatedAt = createdAt;

		if (slot.status === 'completed') {
			paymentStatus = 'paid';
			updatedAt = settledAt;
			if (rng.chance(0.5)) {
				depositPaid = deposit;
				pay(bookingId, deposit, createdAt, 'deposit');
				pay(bookingId, total - deposit, settledAt, 'balance');
			} else {
				pay(bookingId, total, settledAt, 'full');
			}
			billing.invoices.push({
				customerId: slot.customer.id,
				customerAppointmentId: bookingId,
				invoiceNumber: `INV-${slot.date.year}-${String(invoiceSeq++).padStart(6, '0')}`,
				totalAmount: total,
				taxAmount: includedVat(total),
				status: 'paid',
				dueDate: slot.date.toString(),
				paidAt: settledAt,
				createdAt: settledAt
			});
		} else if (slot.status === 'no_show' || (slot.status === 'confirmed' && rng.chance(0.6))) {
			depositPaid = deposit;
			paymentStatus = 'deposit_paid';
			pay(bookingId, deposit, createdAt, 'deposit');
			if (slot.status === 'no_show') updatedAt = settledAt;
		} else if (slot.status === 'cancelled') {
			updatedAt = new Date(Math.max(createdAt.getTime(), start - rng.int(4, 48) * 60 * MINUTE_MS));
		}

		billing.appointments.push({
			id: slot.id,
			staffId: slot.cleaner.row.id,
			serviceId: slot.service.id,
			locationId: slot.cleaner.locationId,
			startTime: slot.start,
			endTime: slot.end,
			blockedFrom: slot.blockedFrom,
			blockedUntil: slot.blockedUntil,
			status: slot.status,
			createdAt,
			updatedAt
		});
		if (slot.internalNotes)
			billing.appointmentNotes.push({
				appointmentId: slot.id,
				internalNotes: slot.internalNotes,
				updatedAt
			});
		billing.customerAppointments.push({
			id: bookingId,
			customerId: slot.customer.id,
			appointmentId: slot.id,
			numberOfPersons: 1,
			extras,
			totalPrice: total,
			depositPaid,
			paymentStatus,
			createdAt
		});
	}
	return billing;
}
