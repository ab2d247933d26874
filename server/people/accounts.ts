import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { eq } from 'drizzle-orm';
import { managers, passwords, sessions, staff } from '../../drizzle/schema.ts';
import { isAdmin, officeCanManageStaff, officeMay, type AuthContext } from '../../sync/auth.ts';
import { recordAudit } from '../audit/record.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { hashPassword } from '../auth/password.ts';

// The sign-in side of the office's people: accounts made by the office have no password until
// the office issues a temporary one, shown once to the person issuing it and stored only hashed.
// Passwords never travel through Zero (its mutations are replicated and logged).

/** Ends every session of this account: the next request from any of its devices is signed out. */
export async function endSessionsOf(tx: DbOrTx, userId: string | null | undefined): Promise<void> {
	if (userId) await tx.delete(sessions).where(eq(sessions.userId, userId));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type AccountTarget =
	{ kind: 'cleaner'; staffId: string } | { kind: 'manager'; managerId: string };

export type IssueResult =
	| { ok: true; password: string; email: string }
	| { ok: false; code: 'FORBIDDEN' | 'NOT_FOUND' | 'INACTIVE'; message: string };

/**
 * 20 base32 characters (100 bits), grouped in fours to read out: 'k7qm-2xw9-…'. Long enough
 * that guessing is hopeless, short enough to type once on a phone.
 */
export function temporaryPassword(): string {
	const bytes = new Uint8Array(13);
	crypto.getRandomValues(bytes);
	const code = encodeBase32LowerCaseNoPadding(bytes).slice(0, 20);
	return code.match(/.{4}/g)!.join('-');
}

/**
 * Sets a new temporary password for a cleaner's or manager's account, ends the account's sessions
 * and writes the audit row, in one transaction. Who may: for a cleaner, an office user with
 * `manage_staff` whose scope holds the cleaner; for a manager, an admin. An archived (inactive)
 * account gets none: restore it first.
 */
export async function issueTemporaryPassword(
	db: Db,
	ctx: AuthContext | undefined,
	target: AccountTarget
): Promise<IssueResult> {
	const forbidden = { ok: false, code: 'FORBIDDEN', message: 'You may not do this' } as const;
	const notFound = { ok: false, code: 'NOT_FOUND', message: 'No account to set up' } as const;
	const targetId = target.kind === 'cleaner' ? target.staffId : target.managerId;
	if (!UUID.test(targetId)) return notFound;
	let userId: string | null;
	if (target.kind === 'cleaner') {
		if (!officeMay(ctx, 'manage_staff') || !officeCanManageStaff(ctx!.office, target.staffId))
			return forbidden;
		const [row] = await db.select().from(staff).where(eq(staff.id, target.staffId));
		userId = row?.userId ?? null;
	} else {
		if (!isAdmin(ctx) || !ctx?.office) return forbidden;
		const [row] = await db.select().from(managers).where(eq(managers.id, target.managerId));
		userId = row?.userId ?? null;
	}
	if (!userId) return notFound;
	const password = temporaryPassword();
	const hash = await hashPassword(password);
	return db.transaction(async (tx) => {
		const user = await tx.query.users.findFirst({ where: (u, { eq }) => eq(u.id, userId) });
		// Security: through a cleaner, only a cleaner's account (see cleanerAccount); a manager's
		// through the manager.
		const expected = target.kind === 'cleaner' ? 'staff' : 'manager';
		if (!user || user.role !== expected) return notFound;
		if (!user.isActive)
			return { ok: false, code: 'INACTIVE', message: 'This account is archived: restore it first' };
		await storeTemporaryPassword(tx, ctx, { userId, hash, target, source: 'app' });
		return { ok: true, password, email: user.email };
	});
}

/**
 * Sets the account's password to a temporary one's hash, ends its sessions and writes the audit
 * row, in the caller's transaction (who may, the caller has checked). The REST API's new cleaner
 * gets theirs in the transaction that makes them.
 */
export async function storeTemporaryPassword(
	tx: DbOrTx,
	ctx: AuthContext | undefined,
	entry: { userId: string; hash: string; target: AccountTarget; source: 'app' | 'api' }
): Promise<void> {
	const { userId, hash } = entry;
	await tx
		.insert(passwords)
		.values({ userId, hash, updatedAt: new Date() })
		.onConflictDoUpdate({ target: passwords.userId, set: { hash, updatedAt: new Date() } });
	await endSessionsOf(tx, userId);
	await recordAudit(tx, ctx, {
		action: 'accounts.issueTemporaryPassword',
		entityId: userId,
		details: entry.target,
		source: entry.source
	});
}
