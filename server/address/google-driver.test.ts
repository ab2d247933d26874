import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGooglePlaces } from '../../tests/fakes/google-places.ts';
import { addressFinder } from './finder.ts';

// The Places driver through the real @googleapis/places SDK, against the local fake.

let fake: Awaited<ReturnType<typeof startFakeGooglePlaces>>;
const env = () => ({ GOOGLE_PLACES_API_KEY: 'places-key', GOOGLE_PLACES_API_BASE: fake.url });

beforeAll(async () => {
	fake = await startFakeGooglePlaces('places-key');
});

afterAll(() => fake?.close());

describe('address lookup', () => {
	it('has no suggestions without a key (addresses are typed by hand)', async () => {
		const local = addressFinder({});
		expect(local.driver).toBe('local');
		expect(await local.suggest('3 Albion Road')).toEqual([]);
		expect(await local.details('anything')).toBeNull();
	});

	it('suggests UK addresses for what was typed, with the session token', async () => {
		const finder = addressFinder(env());
		expect(finder.driver).toBe('google');
		expect(await finder.suggest('albion road', 'session-1')).toEqual([
			{ id: 'fake-3-albion-road', text: '3 Albion Road, London N16 9PD, UK' },
			{ id: 'fake-flat-2-5-albion-road', text: 'Flat 2, 5 Albion Road, London N16 9PD, UK' }
		]);
		const sent = fake.requests.at(-1)!;
		expect(sent.path).toBe('/v1/places:autocomplete');
		expect(sent.body).toEqual({
			input: 'albion road',
			includedRegionCodes: ['gb'],
			sessionToken: 'session-1'
		});
	});

	it('turns a place into address lines, the flat on the first line', async () => {
		const finder = addressFinder(env());
		expect(await finder.details('fake-flat-2-5-albion-road')).toEqual({
			line1: 'Flat 2',
			line2: '5 Albion Road',
			city: 'London',
			postcode: 'N16 9PD'
		});
		expect(await finder.details('fake-3-albion-road')).toEqual({
			line1: '3 Albion Road',
			line2: '',
			city: 'London',
			postcode: 'N16 9PD'
		});
		expect(await finder.details('no-such-place')).toBeNull();
	});

	it('fails loudly with a wrong key, rather than suggesting nothing', async () => {
		const finder = addressFinder({ ...env(), GOOGLE_PLACES_API_KEY: 'wrong' });
		await expect(finder.suggest('albion')).rejects.toThrow(/API key not valid/);
	});
});
