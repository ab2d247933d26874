import { error } from '@sveltejs/kit';
import { AUDIT_PAGE_SIZE, auditEntries } from '$server/audit/list.ts';
import { database } from '$server/db/client.ts';
import { isAdmin } from '$sync/auth.ts';
import type { PageServerLoad } from './$types';

// Who changed what and when. The log names people and what they typed, across every scope: admins
// only.
export const load: PageServerLoad = async ({ parent, url }) => {
	const { zero } = await parent();
	if (!isAdmin(zero.context)) error(403, 'The audit log is for admins');
	const entityId = url.searchParams.get('entity')?.trim() || undefined;
	const beforeParam = url.searchParams.get('before');
	const before = beforeParam ? new Date(beforeParam) : undefined;
	if (before && Number.isNaN(before.getTime())) error(400, '“before” must be a date and time');
	const entries = await auditEntries(database().db, { entityId, before });
	return {
		entityId: entityId ?? '',
		entries,
		next: entries.length === AUDIT_PAGE_SIZE ? entries.at(-1)!.at.toISOString() : null
	};
};
