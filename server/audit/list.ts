import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import { auditLog, users } from '../../drizzle/schema.ts';
import type { DbOrTx } from '../db/client.ts';

export const AUDIT_PAGE_SIZE = 100;

/**
 * The audit log newest first, a page at a time (`before` is the last row's time of the previous
 * page), optionally about one changed row.
 */
export function auditEntries(db: DbOrTx, filter: { entityId?: string; before?: Date }) {
	const where: SQL[] = [];
	if (filter.entityId) where.push(eq(auditLog.entityId, filter.entityId));
	if (filter.before) where.push(lt(auditLog.at, filter.before));
	return db
		.select({
			id: auditLog.id,
			at: auditLog.at,
			action: auditLog.action,
			entityId: auditLog.entityId,
			details: auditLog.details,
			source: auditLog.source,
			actorRole: auditLog.actorRole,
			actorName: users.name,
			actorEmail: users.email
		})
		.from(auditLog)
		.leftJoin(users, eq(users.id, auditLog.actorUserId))
		.where(and(...where))
		.orderBy(desc(auditLog.at))
		.limit(AUDIT_PAGE_SIZE);
}
