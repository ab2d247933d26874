import { auditLog } from '../../drizzle/schema.ts';
import type { AuthContext } from '../../sync/auth.ts';
import type { DbOrTx } from '../db/client.ts';

export type AuditEntry = {
	action: string;
	entityId?: string | null;
	details?: Record<string, unknown>;
	source: 'app' | 'api';
};

/** Writes one audit row, in the caller's transaction, when the actor is an office user. */
export async function recordAudit(
	tx: DbOrTx,
	ctx: AuthContext | null | undefined,
	entry: AuditEntry
): Promise<void> {
	if (!ctx?.office) return;
	await tx.insert(auditLog).values({
		actorUserId: ctx.userID,
		actorRole: ctx.role,
		action: entry.action,
		entityId: entry.entityId ?? null,
		details: withoutSecrets(entry.details ?? {}),
		source: entry.source
	});
}

/**
 * Writes one audit row for a change the app made by itself (a scheduled job such as data
 * retention), in the caller's transaction: no actor, role and source `system`. Details must say
 * what changed in numbers and rules, never whose data it was.
 */
export async function recordSystemAudit(
	tx: DbOrTx,
	entry: { action: string; entityId?: string | null; details?: Record<string, unknown> }
): Promise<void> {
	await tx.insert(auditLog).values({
		actorUserId: null,
		actorRole: 'system',
		action: entry.action,
		entityId: entry.entityId ?? null,
		details: withoutSecrets(entry.details ?? {}),
		source: 'system'
	});
}

/** The id a change is about: by convention its `id` argument, else the first `…Id` one. */
export function entityIdOf(args: unknown): string | null {
	if (!args || typeof args !== 'object') return null;
	const record = args as Record<string, unknown>;
	if (typeof record.id === 'string') return record.id;
	const key = Object.keys(record).find((k) => k.endsWith('Id') && typeof record[k] === 'string');
	return key ? (record[key] as string) : null;
}

/** A customer's cancellation token may ride along in a change's arguments: never keep it. */
const withoutSecrets = (details: Record<string, unknown>) =>
	Object.fromEntries(Object.entries(details).filter(([key]) => key !== 'token'));
