import { apiServiceStaff } from '$server/api/catalog.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, url }) => apiServiceStaff(params.id, url);
