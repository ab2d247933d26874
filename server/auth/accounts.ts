import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { passwords, profiles, users } from '../../drizzle/schema.ts';
import { fieldErrors } from '../api/validation.ts';
import type { Db } from '../db/client.ts';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './password.ts';

export type FieldErrors = Record<string, string[]>;
export type AccountResult =
	| { ok: true; user: typeof users.$inferSelect }
	| {
			ok: false;
			code: 'VALIDATION_ERROR' | 'INVALID_CREDENTIALS' | 'EMAIL_TAKEN';
			message: string;
			fields: FieldErrors;
	  };

const email = z
	.string({ error: 'Enter your email address' })
	.trim()
	.toLowerCase()
	.pipe(z.email({ error: 'Enter a valid email address, like name@example.co.uk' }).max(254));

export const registerInput = z.object({
	name: z
		.string({ error: 'Enter your name' })
		.trim()
		.min(1, 'Enter your name')
		.max(120, 'Name is too long'),
	email,
	password: z
		.string({ error: 'Choose a password' })
		.min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`)
		.max(256, 'Use at most 256 characters')
});

export const signInInput = z.object({
	email,
	password: z.string({ error: 'Enter your password' }).min(1, 'Enter your password').max(256)
});

function invalid(error: z.ZodError): AccountResult {
	const message = 'Please correct the highlighted fields';
	return { ok: false, code: 'VALIDATION_ERROR', message, fields: fieldErrors(error) };
}

/** A new customer account (office and staff accounts are made by admins). */
export async function register(db: Db, input: unknown): Promise<AccountResult> {
	const parsed = registerInput.safeParse(input);
	if (!parsed.success) return invalid(parsed.error);
	const { name, email, password } = parsed.data;
	const hash = await hashPassword(password);
	const user = await db.transaction(async (tx) => {
		const [created] = await tx
			.insert(users)
			.values({ email, username: email, name, role: 'customer' })
			.onConflictDoNothing()
			.returning();
		if (!created) return null;
		await tx.insert(passwords).values({ userId: created.id, hash });
		await tx.insert(profiles).values({ userId: created.id });
		return created;
	});
	if (!user) {
		const message = 'An account with this email already exists: sign in instead';
		return { ok: false, code: 'EMAIL_TAKEN', message, fields: { email: [message] } };
	}
	return { ok: true, user };
}

// Verifying against this when the email is unknown keeps the answer time the same either way.
let decoyHash: Promise<string> | undefined;

export async function signIn(db: Db, input: unknown): Promise<AccountResult> {
	const parsed = signInInput.safeParse(input);
	if (!parsed.success) return invalid(parsed.error);
	const { email, password } = parsed.data;
	const [row] = await db
		.select({ user: users, hash: passwords.hash })
		.from(users)
		.innerJoin(passwords, eq(passwords.userId, users.id))
		.where(eq(users.email, email));
	decoyHash ??= hashPassword('not-a-real-password');
	const valid = await verifyPassword(row?.hash ?? (await decoyHash), password);
	if (!row || !valid || !row.user.isActive) {
		const message = 'That email and password do not match an account';
		return { ok: false, code: 'INVALID_CREDENTIALS', message, fields: { password: [message] } };
	}
	return { ok: true, user: row.user };
}
