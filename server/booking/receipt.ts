import { AsyncLocalStorage } from 'node:async_hooks';

/** What the server decided for a new booking: enough for the REST API to answer without reading it back. */
export type CreatedBooking = {
	appointmentIds: string[];
	staffId: string;
	serviceId: string;
	seriesId: string | null;
	/** Each occurrence (one unless recurring), in time order; all `pending`. */
	occurrences: { id: string; start: number; end: number }[];
	totalPrice: number;
	currency: string;
	timeZone: string;
	/** The first occurrence's. */
	cancellationToken: string;
};

const receipts = new AsyncLocalStorage<{ created?: CreatedBooking }>();

/**
 * Runs `fn` (which books through the shared mutator) and hands back what the booking made inside it
 * decided. The mutator itself returns nothing (Zero's push ignores results), so the REST API asks
 * this way instead of reading the booking back after the commit.
 */
export async function withBookingReceipt<T>(fn: () => Promise<T>) {
	const receipt: { created?: CreatedBooking } = {};
	const result = await receipts.run(receipt, fn);
	return { result, created: receipt.created };
}

/** Hands what a booking decided to the withBookingReceipt around it, if there is one. */
export function keepReceipt(created: CreatedBooking) {
	const receipt = receipts.getStore();
	if (receipt) receipt.created = created;
}
