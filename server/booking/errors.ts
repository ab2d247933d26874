import { ApplicationError } from '@rocicorp/zero';

/** A refusal the caller should see: a code, a plain message and, for bad input, the fields. */
export type BookingErrorDetails = { code: string; fields?: Record<string, string[]> };

export function refuse(code: string, message: string, field?: string): never {
	const details: BookingErrorDetails = field ? { code, fields: { [field]: [message] } } : { code };
	throw new ApplicationError(message, { details });
}

/** Postgres's exclusion-violation code: the overlap constraint said no. */
export function isOverlap(error: unknown): boolean {
	const code = (error as { code?: string; cause?: { code?: string } })?.code;
	const causeCode = (error as { cause?: { code?: string } })?.cause?.code;
	return code === '23P01' || causeCode === '23P01';
}
