import type { MutatorResultDetails } from '@rocicorp/zero';

/** The server's refusal of a change in words, with its code (e.g. "… (SLOT_TAKEN)"), or null. */
export function refusalOf(result: MutatorResultDetails): string | null {
	if (result.type !== 'error') return null;
	const code = refusalCode(result);
	return `${result.error.message}${code ? ` (${code})` : ''}`;
}

/** The code of the server's refusal (e.g. "TRAVEL_CONFLICT"), or null. */
export function refusalCode(result: MutatorResultDetails): string | null {
	if (result.type !== 'error') return null;
	const details = 'details' in result.error ? result.error.details : undefined;
	return (details as { code?: string } | undefined)?.code ?? null;
}
