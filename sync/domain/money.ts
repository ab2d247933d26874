/**
 * An amount typed in pounds ('45', '45.5', '£1,045.50') as whole pence, or null when it is not
 * one: more than two decimals, a sign, letters. Forms take pounds; everything else works in pence.
 */
export function parsePounds(text: string): number | null {
	const clean = text
		.trim()
		.replace(/^£/, '')
		.replace(/,(?=\d{3}(\D|$))/g, '');
	const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(clean);
	if (!match) return null;
	return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}
