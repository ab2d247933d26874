import { and, eq, gt, isNull } from 'drizzle-orm';
import { z } from 'zod';
import {
	apiTokens,
	passwordResetTokens,
	passwords,
	sessions,
	users
} from '../../drizzle/schema.ts';
import { fieldErrors } from '../api/validation.ts';
import type { Db } from '../db/client.ts';
import { config } from '../env.ts';
import { log } from '../observe/log.ts';
import { senders } from '../notifications/senders.ts';
import { limitOf } from '../security/limits.ts';
import { hit, tooManyMessage, worst } from '../security/rate-limit.ts';
import { apiTokenIdOf } from './api-tokens.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from './password.ts';
import { generateSessionToken } from './sessions.ts';

// Password reset by an emailed link: one use, one hour, only the token's SHA-256 stored.
//
// Security: the request's answer is the same, and takes about as long, whether or not the email
// belongs to an account — the work (token, email) happens either way only for a real account, so
// every answer is held back to at least RESPONSE_FLOOR_MS. The email goes through the
// notifications port: SendGrid when configured (sent after the answer, so its latency tells
// nothing), else the local outbox admins read. A reset ends every session and API token of the
// account, wherever they were.

export const RESET_TOKEN_MINUTES = 60;
const RESPONSE_FLOOR_MS = 400;

const email = z
	.string({ error: 'Enter your email address' })
	.trim()
	.toLowerCase()
	.pipe(z.email({ error: 'Enter a valid email address, like name@example.co.uk' }).max(254));

export const resetRequestInput = z.object({ email });
export const resetConfirmInput = z.object({
	token: z
		.string({ error: 'The link is missing its token' })
		.min(1, 'The link is missing its token')
		.max(128),
	password: z
		.string({ error: 'Choose a password' })
		.min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`)
		.max(256, 'Use at most 256 characters')
});

export type ResetResult =
	| { ok: true }
	| {
			ok: false;
			code: 'VALIDATION_ERROR' | 'INVALID_TOKEN' | 'RATE_LIMITED';
			message: string;
			fields: Record<string, string[]>;
			retryAfterSeconds?: number;
	  };

/** The one answer to every well-formed request, registered email or not. */
export const RESET_REQUESTED_MESSAGE =
	'If that email belongs to an account, a link to choose a new password is on its way. It works once, within an hour.';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function requestPasswordReset(
	db: Db,
	input: unknown,
	ip: string,
	now = new Date()
): Promise<ResetResult> {
	const started = Date.now();
	const parsed = resetRequestInput.safeParse(input);
	if (!parsed.success)
		return {
			ok: false,
			code: 'VALIDATION_ERROR',
			message: 'Please correct the highlighted fields',
			fields: fieldErrors(parsed.error)
		};
	const address = parsed.data.email;
	// Counted for any address, registered or not, so the limit itself reveals nothing.
	const verdict = worst([
		await hit(db, limitOf('resetIp'), ip, now),
		await hit(db, limitOf('resetAccount'), address, now)
	]);
	if (!verdict.ok) {
		const message = tooManyMessage(verdict.retryAfterSeconds);
		return {
			ok: false,
			code: 'RATE_LIMITED',
			message,
			fields: { email: [message] },
			retryAfterSeconds: verdict.retryAfterSeconds
		};
	}
	const [user] = await db.select().from(users).where(eq(users.email, address));
	let sendLater: (() => Promise<unknown>) | null = null;
	if (user?.isActive) sendLater = await issueResetLink(db, user, now);
	await sleep(Math.max(0, RESPONSE_FLOOR_MS - (Date.now() - started)));
	sendLater?.().catch((error) => log.error('password reset email failed', { error }));
	return { ok: true };
}

/** Stores a token and sends (or, for a provider, returns how to send) the link. */
async function issueResetLink(db: Db, user: typeof users.$inferSelect, now: Date) {
	const token = generateSessionToken();
	const id = apiTokenIdOf(token);
	const link = `${config.publicUrl()}/reset-password?token=${token}`;
	const message = {
		to: user.email,
		subject: 'Choose a new VALClean password',
		text: `Hello ${user.name},\n\nSomeone (we hope you) asked to reset the password of your VALClean account. Choose a new one here:\n\n${link}\n\nThe link works once, within an hour. If it was not you, ignore this email: your password stays as it is.\n`,
		html: `<p>Hello ${escapeHtml(user.name)},</p><p>Someone (we hope you) asked to reset the password of your VALClean account. <a href="${link}">Choose a new password</a>.</p><p>The link works once, within an hour. If it was not you, ignore this email: your password stays as it is.</p>`
	};
	const meta = { key: `password-reset:${id.slice(0, 16)}`, appointmentId: null };
	const sender = senders().email;
	const expiresAt = new Date(now.getTime() + RESET_TOKEN_MINUTES * 60_000);
	if (sender.driver === 'outbox') {
		await db.transaction(async (tx) => {
			await tx
				.insert(passwordResetTokens)
				.values({ id, userId: user.id, expiresAt, createdAt: now });
			await sender.sendInTransaction(tx, message, meta);
		});
		return null;
	}
	await db.insert(passwordResetTokens).values({ id, userId: user.id, expiresAt, createdAt: now });
	return () => sender.send(message, meta);
}

/**
 * Sets the new password if the token is live and unused; uses it up, and ends all of the account's
 * sessions and API tokens, in one transaction.
 */
export async function confirmPasswordReset(
	db: Db,
	input: unknown,
	ip: string,
	now = new Date()
): Promise<ResetResult & { userId?: string }> {
	const parsed = resetConfirmInput.safeParse(input);
	if (!parsed.success)
		return {
			ok: false,
			code: 'VALIDATION_ERROR',
			message: 'Please correct the highlighted fields',
			fields: fieldErrors(parsed.error)
		};
	const verdict = await hit(db, limitOf('resetIp'), ip, now);
	if (!verdict.ok) {
		const message = tooManyMessage(verdict.retryAfterSeconds);
		return {
			ok: false,
			code: 'RATE_LIMITED',
			message,
			fields: { token: [message] },
			retryAfterSeconds: verdict.retryAfterSeconds
		};
	}
	const hash = await hashPassword(parsed.data.password);
	const id = apiTokenIdOf(parsed.data.token);
	const userId = await db.transaction(async (tx) => {
		const [used] = await tx
			.update(passwordResetTokens)
			.set({ usedAt: now })
			.where(
				and(
					eq(passwordResetTokens.id, id),
					isNull(passwordResetTokens.usedAt),
					gt(passwordResetTokens.expiresAt, now)
				)
			)
			.returning({ userId: passwordResetTokens.userId });
		if (!used) return null;
		await tx
			.insert(passwords)
			.values({ userId: used.userId, hash, updatedAt: now })
			.onConflictDoUpdate({ target: passwords.userId, set: { hash, updatedAt: now } });
		await tx.delete(sessions).where(eq(sessions.userId, used.userId));
		await tx
			.update(apiTokens)
			.set({ revokedAt: now })
			.where(and(eq(apiTokens.userId, used.userId), isNull(apiTokens.revokedAt)));
		// Any other link still out there for this account is void too.
		await tx
			.update(passwordResetTokens)
			.set({ usedAt: now })
			.where(and(eq(passwordResetTokens.userId, used.userId), isNull(passwordResetTokens.usedAt)));
		return used.userId;
	});
	if (!userId) {
		const message = 'This link has expired or has been used already: ask for a new one';
		return { ok: false, code: 'INVALID_TOKEN', message, fields: { token: [message] } };
	}
	return { ok: true, userId };
}

function escapeHtml(text: string) {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
