import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq, isNotNull, isNull, lt } from 'drizzle-orm';
import { totpRecoveryCodes, totpUsedSteps, userTotp } from '../../drizzle/schema.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { matchingStep, newTotpSecret, stepAt } from './totp-code.ts';
import { open, seal } from './secret-box.ts';

// A user's second factor: enrol (secret shown as a QR code, confirmed with a code, then ten
// recovery codes shown once), and the check at sign-in, where each TOTP step and each recovery
// code works once.

export const RECOVERY_CODE_COUNT = 10;

/**
 * TOTP_ACCEPT_REPLAYS=1 lets a code be used more than once within its 90 seconds. Only for the
 * browser tests, which sign the demo admin in dozens of times a minute (three per 30 seconds
 * otherwise); never in production. The replay rule itself is tested in two-step.pg.test.ts.
 */
const acceptReplays = () => process.env.TOTP_ACCEPT_REPLAYS === '1';

export type TotpState = 'off' | 'enrolling' | 'on';

export async function totpState(db: DbOrTx, userId: string): Promise<TotpState> {
	const [row] = await db
		.select({ confirmedAt: userTotp.confirmedAt })
		.from(userTotp)
		.where(eq(userTotp.userId, userId));
	return !row ? 'off' : row.confirmedAt ? 'on' : 'enrolling';
}

/**
 * The secret of an enrolment in progress, made now if there is none (so a reload shows the same
 * QR code). Null once TOTP is on: a new secret would need the old factor to be turned off first.
 */
export async function enrolmentSecret(db: Db, userId: string): Promise<string | null> {
	const [row] = await db.select().from(userTotp).where(eq(userTotp.userId, userId));
	if (row?.confirmedAt) return null;
	if (row) return open(row.secret);
	const secret = newTotpSecret();
	await db
		.insert(userTotp)
		.values({ userId, secret: seal(secret) })
		.onConflictDoNothing();
	// Two tabs at once: whichever insert won is the secret both show.
	const [stored] = await db.select().from(userTotp).where(eq(userTotp.userId, userId));
	return stored.confirmedAt ? null : open(stored.secret);
}

export type ConfirmResult =
	| { ok: true; recoveryCodes: string[] }
	| { ok: false; code: 'INVALID_CODE' | 'NOT_ENROLLING'; message: string };

/** Turns TOTP on if `code` comes from the enrolment's secret; returns the new recovery codes. */
export async function confirmEnrolment(
	db: Db,
	userId: string,
	code: string,
	now = new Date()
): Promise<ConfirmResult> {
	return db.transaction(async (tx) => {
		const [row] = await tx.select().from(userTotp).where(eq(userTotp.userId, userId)).for('update');
		if (!row || row.confirmedAt)
			return {
				ok: false,
				code: 'NOT_ENROLLING',
				message: 'There is no enrolment to confirm: start again'
			};
		const step = matchingStep(open(row.secret), code, now.getTime());
		if (step === null)
			return {
				ok: false,
				code: 'INVALID_CODE',
				message: 'That code is not right: type the 6 digits your app shows now'
			};
		await tx.update(userTotp).set({ confirmedAt: now }).where(eq(userTotp.userId, userId));
		await tx.insert(totpUsedSteps).values({ userId, step, usedAt: now }).onConflictDoNothing();
		return { ok: true, recoveryCodes: await replaceRecoveryCodes(tx, userId, now) };
	});
}

/** Turns TOTP off (managers may; the caller refuses it for admins) and drops its codes. */
export async function turnOffTotp(db: Db, userId: string) {
	await db.transaction(async (tx) => {
		await tx.delete(userTotp).where(eq(userTotp.userId, userId));
		await tx.delete(totpRecoveryCodes).where(eq(totpRecoveryCodes.userId, userId));
		await tx.delete(totpUsedSteps).where(eq(totpUsedSteps.userId, userId));
	});
}

/** Seeds or tests: TOTP on with a known secret, no enrolment steps. */
export async function enrolWithSecret(
	db: DbOrTx,
	userId: string,
	secret: string,
	now = new Date()
) {
	await db
		.insert(userTotp)
		.values({ userId, secret: seal(secret), confirmedAt: now })
		.onConflictDoUpdate({
			target: userTotp.userId,
			set: { secret: seal(secret), confirmedAt: now }
		});
}

export type SecondFactorResult =
	{ ok: true; via: 'totp' | 'recovery' } | { ok: false; reason: 'invalid' | 'used' };

/**
 * Checks a code typed at sign-in: six digits are a TOTP code, anything else a recovery code.
 * `used`: a TOTP code already used once (RFC 6238 §5.2 asks to refuse a replay); it is not a guess,
 * since whoever typed it had the code.
 */
export async function checkSecondFactor(
	db: Db,
	userId: string,
	code: string,
	now = new Date()
): Promise<SecondFactorResult> {
	const typed = code.replace(/[\s-]+/g, '');
	const [row] = await db
		.select()
		.from(userTotp)
		.where(and(eq(userTotp.userId, userId), isNotNull(userTotp.confirmedAt)));
	if (!row) return { ok: false, reason: 'invalid' };
	if (/^\d{6}$/.test(typed)) {
		const step = matchingStep(open(row.secret), typed, now.getTime());
		if (step === null) return { ok: false, reason: 'invalid' };
		const fresh = await db
			.insert(totpUsedSteps)
			.values({ userId, step, usedAt: now })
			.onConflictDoNothing()
			.returning({ step: totpUsedSteps.step });
		// Steps more than two behind can never match again: forget them.
		await db
			.delete(totpUsedSteps)
			.where(
				and(eq(totpUsedSteps.userId, userId), lt(totpUsedSteps.step, stepAt(now.getTime()) - 2))
			);
		if (fresh.length || acceptReplays()) return { ok: true, via: 'totp' };
		return { ok: false, reason: 'used' };
	}
	const used = await db
		.update(totpRecoveryCodes)
		.set({ usedAt: now })
		.where(
			and(
				eq(totpRecoveryCodes.userId, userId),
				eq(totpRecoveryCodes.codeHash, recoveryHash(typed)),
				isNull(totpRecoveryCodes.usedAt)
			)
		)
		.returning({ id: totpRecoveryCodes.id });
	return used.length ? { ok: true, via: 'recovery' } : { ok: false, reason: 'invalid' };
}

/** How many recovery codes are left unused. */
export async function recoveryCodesLeft(db: DbOrTx, userId: string): Promise<number> {
	const rows = await db
		.select({ id: totpRecoveryCodes.id })
		.from(totpRecoveryCodes)
		.where(and(eq(totpRecoveryCodes.userId, userId), isNull(totpRecoveryCodes.usedAt)));
	return rows.length;
}

function recoveryHash(code: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(code.toLowerCase())));
}

/** Ten new codes like `k3b7q-9x2mf`, replacing any before; only their hashes are kept. */
async function replaceRecoveryCodes(db: DbOrTx, userId: string, now: Date): Promise<string[]> {
	const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
		const bytes = new Uint8Array(7);
		crypto.getRandomValues(bytes);
		const raw = encodeBase32LowerCaseNoPadding(bytes).slice(0, 10);
		return `${raw.slice(0, 5)}-${raw.slice(5)}`;
	});
	await db.delete(totpRecoveryCodes).where(eq(totpRecoveryCodes.userId, userId));
	await db
		.insert(totpRecoveryCodes)
		.values(
			codes.map((c) => ({ userId, codeHash: recoveryHash(c.replace('-', '')), createdAt: now }))
		);
	return codes;
}
