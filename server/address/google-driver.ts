import { places, type places_v1 } from '@googleapis/places';
import { parsePostcode } from '../../sync/domain/postcode.ts';
import type { AddressFinder, FoundAddress } from './port.ts';

export type GooglePlacesSettings = {
	apiKey: string;
	/** Another address for the Places API, e.g. the local fake in tests/fakes/google-places.ts. */
	rootUrl?: string;
};

type Component = places_v1.Schema$GoogleMapsPlacesV1PlaceAddressComponent;

/** Address lookup through Google's Places API (New), UK addresses only, with the official SDK. */
export function googleAddressFinder(settings: GooglePlacesSettings): AddressFinder {
	const client = places({
		version: 'v1',
		...(settings.rootUrl && { rootUrl: settings.rootUrl })
	});
	return {
		driver: 'google',
		async suggest(query, sessionToken) {
			const { data } = await client.places.autocomplete({
				key: settings.apiKey,
				requestBody: {
					input: query,
					includedRegionCodes: ['gb'],
					...(sessionToken && { sessionToken })
				}
			});
			return (data.suggestions ?? []).flatMap((s) => {
				const p = s.placePrediction;
				return p?.placeId && p.text?.text ? [{ id: p.placeId, text: p.text.text }] : [];
			});
		},
		async details(id, sessionToken) {
			const response = await client.places
				.get({
					key: settings.apiKey,
					name: `places/${id}`,
					fields: 'addressComponents',
					...(sessionToken && { sessionToken })
				})
				.catch((error: { status?: number }) => {
					if (error.status === 404 || error.status === 400) return null;
					throw error;
				});
			return response ? addressOf(response.data.addressComponents ?? []) : null;
		}
	};
}

/** Address lines from a place's components, as a UK form wants them; null without a postcode. */
export function addressOf(components: Component[]): FoundAddress | null {
	const part = (type: string) => components.find((c) => c.types?.includes(type))?.longText ?? '';
	const postcode = parsePostcode(part('postal_code'));
	if (!postcode.ok || postcode.inward === null) return null;
	const street = [part('street_number'), part('route')].filter(Boolean).join(' ');
	const building = [part('subpremise'), part('premise')].filter(Boolean).join(', ');
	return {
		line1: building && street ? building : street || building,
		line2: building && street ? street : '',
		city: part('postal_town') || part('locality'),
		postcode: postcode.postcode
	};
}
