import { ApplicationError } from '@rocicorp/zero';

/** A refusal the caller should see: a code, a plain message and, for bad input, the fields. */
export type BookingErrorDetails = {
	code: string;
	fields?: Record<string, string[]>;
	/** Dates of a recurring clean that are not available (OCCURRENCES_UNAVAILABLE). */
	unavailable?: { date: string; iso: string }[];
};

export function refuse(
	code: string,
	message: string,
	field?: string,
	extra: Omit<BookingErrorDetails, 'code' | 'fields'> = {}
): never {
	const details: BookingErrorDetails = {
		code,
		...extra,
		...(field ? { fields: { [field]: [message] } } : {})
	};
	throw new ApplicationError(message, { details });
}

/** Postgres's exclusion-violation code: the overlap constraint said no. */
export function isOverlap(error: unknown): boolean {
	const code = (error as { code?: string; cause?: { code?: string } })?.code;
	const causeCode = (error as { cause?: { code?: string } })?.cause?.code;
	return code === '23P01' || causeCode === '23P01';
}
