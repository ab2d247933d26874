import { Zero } from '@rocicorp/zero';
import type { AuthContext } from '$sync/auth.ts';
import { mutators } from '$sync/mutators/index.ts';
import { schema } from '$sync/schema.ts';
import { reconnectAfterErrors } from './reconnect.ts';

/**
 * The device's Zero client. The session cookie (forwarded by zero-cache) is what the server trusts;
 * `userID` must match the cookie's user and `context` only shapes optimistic local results.
 */
export function createZero(options: {
	/** Omitted when signed out (Zero then connects anonymously). */
	userID?: string;
	cacheURL: string;
	context: AuthContext | undefined;
	/**
	 * zero-cache has forgotten this client (long offline, or its state was collected): the instance
	 * is dead. Zero's default reloads the page; the field app replaces the instance instead.
	 */
	onClientStateNotFound?: () => void;
}) {
	// Typed as the shared queries expect it (they also run signed out, with no context).
	const zero = new Zero<typeof schema, undefined, AuthContext | undefined>({
		userID: options.userID,
		cacheURL: options.cacheURL,
		schema,
		mutators,
		context: options.context,
		kvStore: 'idb',
		...(options.onClientStateNotFound && { onClientStateNotFound: options.onClientStateNotFound })
	});
	reconnectAfterErrors(zero.connection);
	return zero;
}

export type AppZero = ReturnType<typeof createZero>;
