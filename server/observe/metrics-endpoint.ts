import { timingSafeEqual } from 'node:crypto';
import type { Registry } from 'prom-client';

/**
 * Who may read /metrics: a caller on this machine (Prometheus or a node exporter beside the app),
 * or one with `Authorization: Bearer <METRICS_TOKEN>` when that is set. Everyone else gets a 404:
 * the figures (traffic, bookings, payments) are business information, and a 404 does not even
 * say the endpoint exists.
 *
 * Security: a request that came through a proxy (X-Forwarded-For, Forwarded) is not local even
 * when its address is the loopback — a reverse proxy on the same machine forwards the internet.
 */
export function metricsAllowed(
	request: Request,
	clientAddress: string,
	token: string | undefined = process.env.METRICS_TOKEN
): boolean {
	const expected = token?.trim();
	const auth = request.headers.get('authorization');
	if (expected && auth?.startsWith('Bearer ')) {
		const given = Buffer.from(auth.slice('Bearer '.length).trim());
		const want = Buffer.from(expected);
		if (given.length === want.length && timingSafeEqual(given, want)) return true;
	}
	const proxied = request.headers.has('x-forwarded-for') || request.headers.has('forwarded');
	return !proxied && isLoopback(clientAddress);
}

export function isLoopback(address: string): boolean {
	const a = address.replace(/^::ffff:/, '');
	return a === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

/** GET /metrics: Prometheus's text format, or a plain 404. */
export async function metricsResponse(
	registry: Registry,
	request: Request,
	clientAddress: string
): Promise<Response> {
	if (!metricsAllowed(request, clientAddress)) return new Response('Not found', { status: 404 });
	return new Response(await registry.metrics(), {
		headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' }
	});
}
