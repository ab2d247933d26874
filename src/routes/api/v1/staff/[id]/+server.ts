import { apiStaffMember } from '$server/api/catalog.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, url }) => apiStaffMember(params.id, url);
