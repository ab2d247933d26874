import { ApplicationError } from '@rocicorp/zero';
import type { AuthContext } from '../../sync/auth.ts';
import type { Tx } from '../db/client.ts';
import { limitOf } from './limits.ts';
import { hit, tooManyMessage } from './rate-limit.ts';

// Every new booking holds its slot, unpaid, for the hold time. So that nobody can hold a day's
// slots hostage, one customer email may make only so many holds an hour (RATE_LIMIT_HOLD_EMAIL),
// whichever way they book: the REST API or Zero's booking.create (which has no client address, so
// this is its only limit). Counted in the booking's own transaction, beside its writes: a refused
// booking rolls the count back with it, so only holds actually made count. Office users book on
// customers' behalf and are not limited.

export async function countHold(
	tx: Tx,
	email: string,
	ctx: AuthContext | undefined,
	now: number
): Promise<void> {
	if (ctx?.role === 'admin' || ctx?.role === 'manager') return;
	const verdict = await hit(tx, limitOf('holdEmail'), email.trim(), new Date(now));
	if (verdict.ok) return;
	const message = tooManyMessage(verdict.retryAfterSeconds);
	throw new ApplicationError(message, {
		details: {
			code: 'RATE_LIMITED',
			retryAfterSeconds: verdict.retryAfterSeconds,
			fields: { 'customer.email': [message] }
		}
	});
}
