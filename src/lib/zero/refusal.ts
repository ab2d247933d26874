import type { MutatorResultDetails } from '@rocicorp/zero';

/** The server's refusal of a change in words, with its code (e.g. "… (SLOT_TAKEN)"), or null. */
export function refusalOf(result: MutatorResultDetails): string | null {
	if (result.type !== 'error') return null;
	const details = 'details' in result.error ? result.error.details : undefined;
	const code = (details as { code?: string } | undefined)?.code;
	return `${result.error.message}${code ? ` (${code})` : ''}`;
}
