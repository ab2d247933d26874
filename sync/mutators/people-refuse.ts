import { ApplicationError } from '@rocicorp/zero';
import type { FieldErrors } from '../domain/person-fields.ts';

export type PeopleErrorDetails = { code: string; fields?: FieldErrors };

/**
 * A refusal of the people mutators: nothing on the device (a client mutator never throws, or a
 * rebase would stop all sync), an ApplicationError with a code and per-field messages on the server.
 */
export function refuse(
	location: 'client' | 'server',
	code: 'FORBIDDEN' | 'NOT_FOUND' | 'VALIDATION_ERROR' | 'HAS_UPCOMING_JOBS' | 'ALREADY_EXISTS',
	message: string,
	fields?: FieldErrors
): void {
	if (location === 'client') return;
	const details: PeopleErrorDetails = { code, ...(fields ? { fields } : {}) };
	throw new ApplicationError(message, { details });
}

export const CHECK_FIELDS = 'Please correct the highlighted fields';
