import { error } from '@sveltejs/kit';
import { listCoverageRequests } from '$server/api/waitlist.ts';
import type { PageServerLoad } from './$types';

// Who asked to hear when we clean at their postcode. A request is for a postcode no location
// covers yet, so it is within no location manager's reach: only admins and managers of the whole
// business see these emails and postcodes.
export const load: PageServerLoad = async ({ parent }) => {
	const { zero } = await parent();
	const scope = zero.context.office;
	if (!scope?.all)
		error(
			403,
			'The waiting list is for managers of the whole business: its postcodes are outside every location'
		);
	return { requests: await listCoverageRequests() };
};
