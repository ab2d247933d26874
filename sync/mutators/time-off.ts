import { ApplicationError, defineMutator } from '@rocicorp/zero';
import { z } from 'zod';
import { officeCanManageStaff, officeMay } from '../auth.ts';
import { DEFAULT_BOOKING_SETTINGS } from '../domain/booking-policy.ts';
import { checkTimeOffRequest, MAX_TIME_OFF_REASON } from '../domain/time-off.ts';
import { zql } from '../schema.ts';

// A cleaner asks for time off and may withdraw it while it is pending; the office approves or
// rejects it. Each runs optimistically on the device and again on the server, which alone refuses:
// on the device a refused write does nothing (a throw during rebase would stop all sync).

export type TimeOffErrorDetails = { code: string; fields?: Record<string, string> };

function refuse(location: 'client' | 'server', code: string, message: string, fields?: object) {
	if (location === 'client') return;
	throw new ApplicationError(message, {
		details: { code, ...(fields ? { fields } : {}) } as TimeOffErrorDetails
	});
}

const localDate = z.string().max(10);
const localTime = z.string().max(5).nullable();

// Security: no cleaner id in the arguments; the request is always the signed-in cleaner's own.
export const requestTimeOffArgs = z.strictObject({
	/** Made on the device, so the optimistic row and the server's are the same row. */
	id: z.uuid(),
	startDate: localDate,
	startTime: localTime,
	endDate: localDate,
	endTime: localTime,
	reason: z.string().max(MAX_TIME_OFF_REASON * 2)
});
export type RequestTimeOffArgs = z.infer<typeof requestTimeOffArgs>;

export const requestTimeOff = defineMutator(requestTimeOffArgs, async ({ tx, args, ctx }) => {
	const staffId = ctx?.staffID;
	if (!staffId) return refuse(tx.location, 'FORBIDDEN', 'Only a cleaner can ask for time off');
	const existing = await tx.run(zql.staffTimeOff.where('id', args.id).one());
	if (existing) return refuse(tx.location, 'ALREADY_EXISTS', 'This request was already sent');
	const mine = await tx.run(
		zql.staffTimeOff.where('staffId', staffId).where('status', 'IN', ['requested', 'approved'])
	);
	const now = Date.now();
	// The business's time zone: the settings row on the server, the default on a device without it.
	const settings = await tx.run(zql.businessSettings.where('id', 1).one());
	const timeZone = settings?.timeZone ?? DEFAULT_BOOKING_SETTINGS.timeZone;
	const check = checkTimeOffRequest(args, { now, timeZone, mine });
	if (!check.ok) {
		const first = Object.values(check.errors)[0] ?? 'Please check the dates';
		return refuse(tx.location, 'INVALID', first, check.errors);
	}
	await tx.mutate.staffTimeOff.insert({
		id: args.id,
		staffId,
		startsAt: check.startsAt,
		endsAt: check.endsAt,
		reason: check.reason,
		status: 'requested',
		createdAt: now
	});
});

export const withdrawTimeOffArgs = z.strictObject({ id: z.uuid() });

/** A cleaner takes back their own request while the office has not decided it yet. */
export const withdrawTimeOff = defineMutator(withdrawTimeOffArgs, async ({ tx, args, ctx }) => {
	const row = await tx.run(zql.staffTimeOff.where('id', args.id).one());
	if (!row || !ctx?.staffID || row.staffId !== ctx.staffID)
		return refuse(tx.location, 'NOT_FOUND', 'Time off request not found');
	if (row.status !== 'requested')
		return refuse(
			tx.location,
			'ALREADY_DECIDED',
			`The office has already ${row.status} this request: ask the office to change it`
		);
	await tx.mutate.staffTimeOff.delete({ id: args.id });
});

export const decideTimeOffArgs = z.strictObject({
	id: z.uuid(),
	decision: z.enum(['approved', 'rejected'])
});

/**
 * An admin, or a manager whose scope holds the cleaner, approves or rejects a pending request.
 * Approval may leave booked jobs inside the time off: the office sees them before it approves and
 * moves them itself. Once approved, the time off is in staff_busy (a trigger), so those hours leave
 * the public free slots in the same transaction.
 */
export const decideTimeOff = defineMutator(decideTimeOffArgs, async ({ tx, args, ctx }) => {
	const row = await tx.run(zql.staffTimeOff.where('id', args.id).one());
	const scope = ctx?.office ?? null;
	if (!row) {
		const code = scope ? 'NOT_FOUND' : 'FORBIDDEN';
		return refuse(tx.location, code, 'Time off request not found');
	}
	if (!officeCanManageStaff(scope, row.staffId) || !officeMay(ctx, 'manage_staff'))
		return refuse(tx.location, 'FORBIDDEN', 'You may not decide time off for this cleaner');
	if (row.status !== 'requested')
		return refuse(tx.location, 'ALREADY_DECIDED', `This request was already ${row.status}`);
	await tx.mutate.staffTimeOff.update({
		id: args.id,
		status: args.decision,
		decidedBy: ctx?.userID ?? null,
		decidedAt: Date.now()
	});
});
