import { error } from '@sveltejs/kit';
import { database } from '$server/db/client.ts';
import { outboxFor } from '$server/notifications/outbox.ts';
import type { PageServerLoad } from './$types';

// What the notifications "sent" with no email or SMS provider configured, and those a provider
// may not have delivered (the office layout admits admins and managers).
export const load: PageServerLoad = async ({ parent }) => {
	const { zero } = await parent();
	const scope = zero.context.office;
	if (!scope) error(403, 'The outbox is for the office');
	return outboxFor(database().db, scope);
};
