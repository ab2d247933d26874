import { apiStaffByPostcode } from '$server/api/catalog.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url }) => apiStaffByPostcode(url);
