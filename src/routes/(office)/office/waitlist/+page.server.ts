import { listCoverageRequests } from '$server/api/waitlist.ts';
import type { PageServerLoad } from './$types';

// Who asked to hear when we clean at their postcode (the office layout admits admins and managers).
export const load: PageServerLoad = async () => ({ requests: await listCoverageRequests() });
