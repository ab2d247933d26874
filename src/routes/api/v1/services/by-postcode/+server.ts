import { apiServicesByPostcode } from '$server/api/catalog.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url }) => apiServicesByPostcode(url);
