import { ApplicationError } from '@rocicorp/zero';
import type { FieldErrors } from '../domain/form-rules.ts';

// How the management mutators say no. On the device a refused change does nothing (a client
// mutator never throws: a throw during rebase stops all sync); on the server it throws, and the
// caller gets the code and, for bad input, a message per field.

export type FormErrorDetails = { code: string; fields?: FieldErrors };

export function refuse(
	location: 'client' | 'server',
	code: string,
	message: string,
	fields?: FieldErrors
): void {
	if (location === 'client') return;
	const details: FormErrorDetails = { code, ...(fields ? { fields } : {}) };
	throw new ApplicationError(message, { details });
}

/** Bad input: the first field's message as the summary, every field's message in the details. */
export function refuseFields(location: 'client' | 'server', fields: FieldErrors): void {
	const first = Object.values(fields)[0] ?? 'Some of the details are not valid';
	refuse(location, 'VALIDATION_ERROR', first, fields);
}

/** A UUID, so a bad id from a form is "not found" rather than a Postgres cast error. */
export const isUuid = (id: string) =>
	/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

/**
 * Runs a write on the server where the database has the last word on a unique column: two
 * offices saving the same web address at once both pass the rule's look-up, and the second
 * insert fails with 23505 on `constraint`. That refusal becomes the field's message.
 */
export async function uniqueOrRefuse(
	write: () => Promise<void>,
	constraint: string,
	field: string,
	message: string
): Promise<void> {
	try {
		await write();
	} catch (error) {
		if (violates(error, constraint)) {
			throw new ApplicationError(message, {
				details: { code: 'VALIDATION_ERROR', fields: { [field]: message } } as FormErrorDetails
			});
		}
		throw error;
	}
}

function violates(error: unknown, constraint: string): boolean {
	for (
		let e = error as { code?: string; constraint_name?: string; cause?: unknown } | undefined;
		e;
	) {
		if (e.code === '23505' && e.constraint_name === constraint) return true;
		e = e.cause as typeof e;
	}
	return false;
}
