import { ApplicationError } from '@rocicorp/zero';

/** A refusal the caller should see: a code, a plain message and, for bad input, the fields. */
export type BookingErrorDetails = {
	code: string;
	fields?: Record<string, string[]>;
	/** Dates of a recurring clean that are not available (OCCURRENCES_UNAVAILABLE). */
	unavailable?: { date: string; iso: string }[];
	/** How long a rate limit lasts (RATE_LIMITED). */
	retryAfterSeconds?: number;
};

/** SLOT_TAKEN's message when another booking won the slot. */
export const JUST_TAKEN = 'Someone has just booked that time: please choose another slot';

export function refuse(
	code: string,
	message: string,
	field?: string,
	extra: Omit<BookingErrorDetails, 'code' | 'fields'> = {}
): never {
	throw refusal(code, message, field, extra);
}

/** The refusal refuse() throws, for a caller that answers with it instead. */
export function refusal(
	code: string,
	message: string,
	field?: string,
	extra: Omit<BookingErrorDetails, 'code' | 'fields'> = {}
): ApplicationError {
	const details: BookingErrorDetails = {
		code,
		...extra,
		...(field ? { fields: { [field]: [message] } } : {})
	};
	return new ApplicationError(message, { details });
}

/** A refusal naming several fields at once. */
export function refuseFields(code: string, message: string, fields: Record<string, string>): never {
	const details: BookingErrorDetails = {
		code,
		fields: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, [v]]))
	};
	throw new ApplicationError(message, { details });
}

function sqlState(error: unknown): string | undefined {
	const e = error as { code?: string; cause?: { code?: string } } | undefined;
	return e?.cause?.code ?? e?.code;
}

/**
 * The overlap constraint said no (23P01), or Postgres ended a deadlock between two writes to the
 * same cleaner's diary (40P01): either way another booking holds or is taking that time.
 */
export function isOverlap(error: unknown): boolean {
	const state = sqlState(error);
	return state === '23P01' || state === '40P01';
}
