import { apiServices } from '$server/api/catalog.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url }) => apiServices(url);
