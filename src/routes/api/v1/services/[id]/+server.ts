import { apiService } from '$server/api/catalog.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, url }) => apiService(params.id, url);
