/**
 * Finding a customer's address as they type it. `google` (Places API, when
 * GOOGLE_PLACES_API_KEY is set) suggests addresses and resolves one into its lines; `local`
 * has no address data (the postcode districts know no streets), so the form is typed by hand.
 */
export type AddressSuggestion = { id: string; text: string };

export type FoundAddress = { line1: string; line2: string; city: string; postcode: string };

export interface AddressFinder {
	readonly driver: 'local' | 'google';
	/** Addresses matching what was typed (UK only), best first. */
	suggest(query: string, sessionToken?: string): Promise<AddressSuggestion[]>;
	/** One suggestion as address lines, or null when the provider does not know it. */
	details(id: string, sessionToken?: string): Promise<FoundAddress | null>;
}

export const localAddressFinder: AddressFinder = {
	driver: 'local',
	suggest: async () => [],
	details: async () => null
};
