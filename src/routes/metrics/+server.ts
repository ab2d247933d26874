import { metrics } from '$server/observe/app-metrics.ts';
import { metricsResponse } from '$server/observe/metrics-endpoint.ts';
import type { RequestHandler } from './$types';

// Prometheus scrapes here: loopback, or `Authorization: Bearer <METRICS_TOKEN>`; else 404.
export const GET: RequestHandler = (event) => {
	let address = '';
	try {
		address = event.getClientAddress();
	} catch {
		// No address known: not local.
	}
	return metricsResponse(metrics.registry, event.request, address);
};
