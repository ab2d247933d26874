import { defineMutator, defineMutators } from '@rocicorp/zero';
import { updateInternalNotes, updateInternalNotesArgs } from '../../sync/mutators/appointments.ts';
import { cancelBookingArgs, rescheduleBookingArgs } from '../../sync/mutators/booking-changes.ts';
import { createBookingArgs } from '../../sync/mutators/bookings.ts';
import { recordPaymentArgs, refundPaymentArgs } from '../../sync/mutators/payments.ts';
import { createCustomer, createCustomerArgs } from '../../sync/mutators/customers.ts';
import { archiveManager, archiveManagerArgs } from '../../sync/mutators/managers.ts';
import { archiveCleaner, archiveCleanerArgs, cleanerAccount } from '../../sync/mutators/staff.ts';
import { requestTimeOff, requestTimeOffArgs } from '../../sync/mutators/time-off.ts';
import { cancelBookingOnServer, rescheduleBookingOnServer } from '../booking/change.ts';
import { mutators } from '../../sync/mutators/index.ts';
import { zql } from '../../sync/schema.ts';
import { createBookingOnServer } from '../booking/create.ts';
import { lockCleaner, lockCustomerEmail } from '../booking/lock.ts';
import { countBookingCancelled, countBookingCreated } from '../observe/app-metrics.ts';
import { countHold } from '../security/hold-limit.ts';
import type { Tx } from '../db/client.ts';
import { endSessionsOf } from '../people/accounts.ts';
import { recordPaymentOnServer, refundOnServer } from '../payments/by-hand.ts';

/**
 * The server's versions of the shared mutators: the same code, plus what only the server may
 * decide (its own clock for timestamps).
 */
export const serverMutators = defineMutators(mutators, {
	booking: {
		create: defineMutator(createBookingArgs, async ({ tx, args, ctx }) => {
			if (tx.location !== 'server') return;
			const now = Date.now();
			const wrapped = tx.dbTransaction.wrappedTransaction as Tx;
			// The hold is counted against the email beside the booking's own reads, not a round trip
			// after them, and must pass before the booking writes anything (a refusal of either rolls
			// both back). Both settle before this returns, so none of their statements can follow
			// the transaction's (or savepoint's) end; the booking's own refusal, if any, comes first.
			const hold = countHold(wrapped, args.customer.email, ctx, now);
			const settled = await Promise.allSettled([
				createBookingOnServer(wrapped, args, ctx, now, hold),
				hold
			]);
			for (const r of settled) if (r.status === 'rejected') throw r.reason;
			countBookingCreated();
		}),
		cancel: defineMutator(cancelBookingArgs, async ({ tx, args, ctx }) => {
			if (tx.location !== 'server') return;
			await cancelBookingOnServer(tx.dbTransaction.wrappedTransaction as Tx, args, ctx, Date.now());
			countBookingCancelled();
		}),
		reschedule: defineMutator(rescheduleBookingArgs, async ({ tx, args, ctx }) => {
			if (tx.location !== 'server') return;
			await rescheduleBookingOnServer(
				tx.dbTransaction.wrappedTransaction as Tx,
				args,
				ctx,
				Date.now()
			);
		})
	},
	appointments: {
		updateInternalNotes: defineMutator(updateInternalNotesArgs, async ({ tx, args, ctx }) => {
			await updateInternalNotes.fn({ tx, args, ctx });
			await tx.mutate.appointmentNotes.update({ appointmentId: args.id, updatedAt: Date.now() });
		})
	},
	payments: {
		record: defineMutator(recordPaymentArgs, async ({ tx, args, ctx }) => {
			if (tx.location !== 'server') return;
			await recordPaymentOnServer(tx.dbTransaction.wrappedTransaction as Tx, args, ctx, Date.now());
		}),
		refund: defineMutator(refundPaymentArgs, async ({ tx, args, ctx }) => {
			if (tx.location !== 'server') return;
			await refundOnServer(tx.dbTransaction.wrappedTransaction as Tx, args, ctx, Date.now());
		})
	},
	// Archiving a person also signs them out everywhere: their sessions (not synced) end in the
	// same transaction.
	cleaners: {
		archive: defineMutator(archiveCleanerArgs, async ({ tx, args, ctx }) => {
			await archiveCleaner.fn({ tx, args, ctx });
			if (!args.archived || tx.location !== 'server') return;
			const row = await tx.run(zql.staff.where('id', args.id).one());
			const account = await cleanerAccount(tx, row?.userId ?? null);
			await endSessionsOf(tx.dbTransaction.wrappedTransaction as Tx, account);
		})
	},
	managers: {
		archive: defineMutator(archiveManagerArgs, async ({ tx, args, ctx }) => {
			await archiveManager.fn({ tx, args, ctx });
			if (!args.archived || tx.location !== 'server') return;
			const row = await tx.run(zql.managers.where('id', args.id).one());
			await endSessionsOf(tx.dbTransaction.wrappedTransaction as Tx, row?.userId);
		})
	},
	customers: {
		// Two offices adding the same customer at once queue here, so the second meets the first
		// (the email and postcode check) instead of making a twin.
		create: defineMutator(createCustomerArgs, async ({ tx, args, ctx }) => {
			if (tx.location === 'server')
				await lockCustomerEmail(tx.dbTransaction.wrappedTransaction as Tx, args.form.email);
			await createCustomer.fn({ tx, args, ctx });
		})
	},
	timeOff: {
		// Two requests sent at once by the same cleaner queue here, so the second sees the first
		// and the overlap rule holds.
		request: defineMutator(requestTimeOffArgs, async ({ tx, args, ctx }) => {
			if (tx.location === 'server' && ctx?.staffID) {
				await lockCleaner(tx.dbTransaction.wrappedTransaction as Tx, ctx.staffID);
			}
			await requestTimeOff.fn({ tx, args, ctx });
		})
	}
});
