export type PhoneResult =
	{ ok: true; phone: string } | { ok: false; reason: 'INVALID_PHONE'; message: string };

/**
 * A UK phone number, written the way people do (07700 900123, +44 7700 900123, (020) 7946 0018),
 * normalised to E.164 (+447700900123) for texts. UK numbers have 10 digits after the 0 (a few
 * older ones 9); anything else is refused with a message that shows the expected shape.
 */
export function parseUkPhone(input: string): PhoneResult {
	const compact = input.replace(/[\s().-]/g, '');
	const national = compact.startsWith('+44')
		? compact.slice(3).replace(/^0/, '')
		: compact.startsWith('0044')
			? compact.slice(4)
			: compact.startsWith('0')
				? compact.slice(1)
				: null;
	if (national === null || !/^[1-9]\d{8,9}$/.test(national)) {
		return {
			ok: false,
			reason: 'INVALID_PHONE',
			message: 'Enter a UK phone number, for example 07700 900123 or +44 20 7946 0018'
		};
	}
	return { ok: true, phone: `+44${national}` };
}
