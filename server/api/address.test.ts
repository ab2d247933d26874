import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGooglePlaces } from '../../tests/fakes/google-places.ts';
import { apiAddressAutocomplete, apiAddressValidate } from './address.ts';

// POST /api/v1/address/autocomplete/ and /validate/ through their handlers: no provider, Google
// Places (the real SDK against the local fake), bad input, and a provider that does not answer.

let fake: Awaited<ReturnType<typeof startFakeGooglePlaces>>;
const post = (handler: (r: Request) => Promise<Response>, body: unknown) =>
	handler(new Request('http://test/', { method: 'POST', body: JSON.stringify(body) }));

beforeAll(async () => {
	fake = await startFakeGooglePlaces('places-key');
});

afterEach(() => {
	delete process.env.GOOGLE_PLACES_API_KEY;
	delete process.env.GOOGLE_PLACES_API_BASE;
});

afterAll(() => fake?.close());

function useGoogle(key = 'places-key') {
	process.env.GOOGLE_PLACES_API_KEY = key;
	process.env.GOOGLE_PLACES_API_BASE = fake.url;
}

describe('address lookup API', () => {
	it('says there are no suggestions when no provider is set up', async () => {
		const response = await post(apiAddressAutocomplete, { query: '3 Albion Road' });
		expect(response.status).toBe(200);
		expect((await response.json()).data).toEqual({ driver: 'local', suggestions: [] });
	});

	it('suggests, then gives the chosen address as form lines', async () => {
		useGoogle();
		const found = await post(apiAddressAutocomplete, { query: '12 church', session_token: 's1' });
		const { data } = await found.json();
		expect(data.suggestions).toEqual([
			{ id: 'fake-12-church-street', text: '12 Church Street, London N16 0LH, UK' }
		]);
		const chosen = await post(apiAddressValidate, { place_id: data.suggestions[0].id });
		expect((await chosen.json()).data).toEqual({
			address_line1: '12 Church Street',
			address_line2: '',
			city: 'London',
			postcode: 'N16 0LH'
		});
		const unknown = await post(apiAddressValidate, { place_id: 'nowhere' });
		expect([unknown.status, (await unknown.json()).error.code]).toEqual([404, 'NOT_FOUND']);
	});

	it('names bad input, and says plainly when the provider does not answer', async () => {
		const short = await post(apiAddressAutocomplete, { query: 'ab', extra: 1 });
		expect(short.status).toBe(422);
		expect(Object.keys((await short.json()).error.details).sort()).toEqual(['body', 'query']);
		useGoogle('revoked-key');
		const down = await post(apiAddressAutocomplete, { query: 'albion' });
		expect(down.status).toBe(502);
		expect((await down.json()).error).toMatchObject({
			code: 'ADDRESS_LOOKUP_FAILED',
			message: 'Finding addresses is not working right now: type the address'
		});
	});
});
