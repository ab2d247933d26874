import { ApplicationError, InputValidationError, type ReadonlyJSONValue } from '@rocicorp/zero';
import type { AuthContext } from '../../sync/auth.ts';
import type { BookingErrorDetails } from '../booking/errors.ts';
import type { Tx } from '../db/client.ts';
import { dbProvider, runServerMutator } from '../zero/endpoint.ts';
import { fail } from './envelope.ts';

/** HTTP status for each refusal code; anything else is a 422. */
const STATUS: Record<string, number> = {
	SLOT_TAKEN: 409,
	TRAVEL_CONFLICT: 409,
	OCCURRENCES_UNAVAILABLE: 409,
	NOT_CHANGEABLE: 409,
	CUTOFF_PASSED: 409,
	ALREADY_EXISTS: 409,
	HAS_UPCOMING_JOBS: 409,
	SERVICE_NOT_FOUND: 404,
	NOT_FOUND: 404,
	FORBIDDEN: 403,
	VALIDATION_ERROR: 422,
	RATE_LIMITED: 429
};

/** The mutator's field names, as the REST API spells them. */
const REST_FIELD: Record<string, string> = {
	serviceId: 'service_id',
	startTime: 'start_time',
	staffId: 'staff_id',
	allowTravelConflict: 'allow_travel_conflict',
	addressLine1: 'address_line1',
	addressLine2: 'address_line2',
	customFields: 'custom_fields'
};

const restPath = (path: string) =>
	path
		.split('.')
		.map((k) => REST_FIELD[k] ?? k)
		.join('.');

/**
 * The refusal's fields in REST spelling (`rename` for an endpoint's own names, e.g. a cleaner's
 * `hours.0.start` is `schedule.0.start_minute`), each with a list of messages as the API's own
 * validation gives them (the office's form rules give one message a field).
 */
export const restFields = (
	fields: Record<string, string[] | string>,
	rename: (path: string) => string = restPath
) =>
	Object.fromEntries(
		Object.entries(fields).map(([path, v]) => [rename(path), Array.isArray(v) ? v : [v]])
	);

export type MutationOptions = {
	/** The mutator's field paths as this endpoint spells them. */
	rename?: (path: string) => string;
	/** More writes in the same transaction, after the mutator and its audit row. */
	after?: (tx: Tx) => Promise<void>;
};

/**
 * Runs a server mutator in its own transaction, as zero-cache's push would: the REST API and the
 * app share one write path. Returns null on success, or the envelope of the refusal.
 */
export async function runMutation<A extends ReadonlyJSONValue>(
	// Typed by its input alone: the runner finds the server's version by name.
	mutator: { readonly mutatorName: string; readonly '~': { readonly $input: A } },
	args: A,
	ctx: AuthContext | undefined,
	options: MutationOptions = {}
): Promise<Response | null> {
	try {
		await dbProvider().transaction(async (tx) => {
			await runServerMutator(tx, mutator.mutatorName, args, ctx, 'api');
			await options.after?.(tx.dbTransaction.wrappedTransaction as Tx);
		});
		return null;
	} catch (error) {
		return refusalResponse(error, options.rename);
	}
}

/**
 * The envelope for a mutator's refusal (an ApplicationError, or arguments its schema rejects);
 * anything else is rethrown.
 */
export function refusalResponse(error: unknown, rename?: (path: string) => string): Response {
	// A safety net: each endpoint checks its body at least as tightly as the mutator's arguments.
	if (error instanceof InputValidationError)
		return fail(422, 'VALIDATION_ERROR', 'Some of the details are not valid', {
			body: [error.message]
		});
	if (!(error instanceof ApplicationError)) throw error;
	const details = error.details as BookingErrorDetails | undefined;
	const code = details?.code ?? 'REFUSED';
	const extra = details?.unavailable ? { unavailable: details.unavailable } : {};
	const response = fail(STATUS[code] ?? 422, code, error.message, {
		...restFields(details?.fields ?? {}, rename),
		...extra
	});
	// A rate limit (security/hold-limit.ts) says when to come back.
	if (details?.retryAfterSeconds)
		response.headers.set('retry-after', String(details.retryAfterSeconds));
	return response;
}
