import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

// A small stand-in for Google's Places API (New), enough for the @googleapis/places SDK as
// server/address drives it: autocomplete over a few London addresses, and a place's address
// components. The API key travels as `?key=`, as the SDK sends it; a wrong key is refused.

type Place = { id: string; text: string; components: { longText: string; types: string[] }[] };

const part = (longText: string, type: string) => ({ longText, types: [type] });

export const FAKE_PLACES: Place[] = [
	{
		id: 'fake-3-albion-road',
		text: '3 Albion Road, London N16 9PD, UK',
		components: [
			part('3', 'street_number'),
			part('Albion Road', 'route'),
			part('London', 'postal_town'),
			part('N16 9PD', 'postal_code')
		]
	},
	{
		id: 'fake-flat-2-5-albion-road',
		text: 'Flat 2, 5 Albion Road, London N16 9PD, UK',
		components: [
			part('Flat 2', 'subpremise'),
			part('5', 'street_number'),
			part('Albion Road', 'route'),
			part('London', 'postal_town'),
			part('N16 9PD', 'postal_code')
		]
	},
	{
		id: 'fake-12-church-street',
		text: '12 Church Street, London N16 0LH, UK',
		components: [
			part('12', 'street_number'),
			part('Church Street', 'route'),
			part('London', 'postal_town'),
			part('N16 0LH', 'postal_code')
		]
	}
];

export async function startFakeGooglePlaces(apiKey: string) {
	const requests: { method: string; path: string; body: unknown }[] = [];
	const server = createServer(async (req, res) => {
		const url = new URL(req.url ?? '/', 'http://fake');
		let text = '';
		for await (const chunk of req) text += chunk;
		const body = text ? JSON.parse(text) : null;
		requests.push({ method: req.method ?? 'GET', path: url.pathname, body });
		const send = (status: number, json: unknown) => {
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(json));
		};
		if (url.searchParams.get('key') !== apiKey) {
			return send(403, {
				error: { code: 403, message: 'API key not valid', status: 'PERMISSION_DENIED' }
			});
		}
		if (req.method === 'POST' && url.pathname === '/v1/places:autocomplete') {
			const words = String(body?.input ?? '')
				.toLowerCase()
				.split(/[\s,]+/)
				.filter(Boolean);
			const found = FAKE_PLACES.filter((p) => words.every((w) => p.text.toLowerCase().includes(w)));
			return send(200, {
				suggestions: found.map((p) => ({
					placePrediction: { placeId: p.id, place: `places/${p.id}`, text: { text: p.text } }
				}))
			});
		}
		const get = /^\/v1\/places\/([^/]+)$/.exec(url.pathname);
		const place = get && FAKE_PLACES.find((p) => p.id === get[1]);
		if (req.method === 'GET' && place) {
			return send(200, { id: place.id, addressComponents: place.components });
		}
		return send(404, { error: { code: 404, message: 'Not found', status: 'NOT_FOUND' } });
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/`,
		requests,
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
