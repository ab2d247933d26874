import { googleAddressFinder } from './google-driver.ts';
import { localAddressFinder, type AddressFinder } from './port.ts';

/** The address finder of this server: Google's when it has a key (read each time: tests switch). */
export function addressFinder(env: NodeJS.ProcessEnv = process.env): AddressFinder {
	const apiKey = env.GOOGLE_PLACES_API_KEY;
	if (!apiKey) return localAddressFinder;
	return googleAddressFinder({ apiKey, rootUrl: env.GOOGLE_PLACES_API_BASE || undefined });
}
