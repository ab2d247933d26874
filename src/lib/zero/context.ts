import { getContext } from 'svelte';
import type { AppZero } from './client.ts';

export const ZERO_KEY = Symbol('zero');

/** The Zero client of the enclosing layout; null until it is created in the browser. */
export function useZero(): () => AppZero | null {
	return getContext(ZERO_KEY);
}
