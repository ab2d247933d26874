/**
 * UK postcodes: a full postcode ('SW1A 1AA') or just its outward code, the district ('SW1A').
 *
 * A postcode is an outward code (2–4 characters: A9, A99, AA9, AA99, A9A, AA9A) and an inward
 * code (3 characters: 9AA, whose letters are never C, I, K, M, O or V), plus the special 'GIR 0AA'.
 * The inward code is always exactly 3 characters, so spaces carry no information in a full
 * postcode: 'sw1a1aa', 'SW1A 1AA' and 'sw1a1 aa' are all 'SW1A 1AA'. A district alone is 2–4
 * characters and can never be mistaken for a full postcode (at least 5). One exception, on
 * purpose: inner spaces in something too short for a full postcode are refused ('E8 1' is an
 * unfinished 'E8 1AA', not the district 'E81').
 *
 * Only the shape is checked here; whether the district exists is the centroid list's business
 * (see service-area.ts), so a new district needs new data, not new code.
 */

export type ParsedPostcode = {
	ok: true;
	/** Normalised: 'SW1A 1AA' for a full postcode, 'SW1A' for a district alone. */
	postcode: string;
	outward: string;
	/** null when only the district was given. */
	inward: string | null;
};

export type PostcodeError = { ok: false; reason: 'EMPTY' | 'INVALID'; message: string };

const OUTWARD = /^(?:[A-Z]{1,2}[0-9]{1,2}|[A-Z]{1,2}[0-9][A-Z])$/;
const INWARD = /^[0-9][ABD-HJLNP-UW-Z]{2}$/;
const GIRO_OUTWARD = 'GIR';
const GIRO_INWARD = '0AA';

/** Longest slice of the user's input quoted back in a message. */
const QUOTE_MAX = 20;

export function parsePostcode(input: string): ParsedPostcode | PostcodeError {
	const trimmed = input.trim().replace(/\s+/g, ' ');
	if (trimmed === '') return { ok: false, reason: 'EMPTY', message: 'Enter a postcode' };

	const compact = trimmed.replace(/ /g, '').toUpperCase();
	if (compact.length >= 5) {
		const outward = compact.slice(0, -3);
		const inward = compact.slice(-3);
		if (
			isOutward(outward) &&
			(outward === GIRO_OUTWARD ? inward === GIRO_INWARD : isInward(inward))
		)
			return { ok: true, postcode: `${outward} ${inward}`, outward, inward };
	} else if (!trimmed.includes(' ') && isOutward(compact)) {
		return { ok: true, postcode: compact, outward: compact, inward: null };
	}
	return { ok: false, reason: 'INVALID', message: notAPostcode(trimmed) };
}

function isOutward(code: string): boolean {
	return OUTWARD.test(code) || code === GIRO_OUTWARD;
}

function isInward(code: string): boolean {
	return INWARD.test(code);
}

function notAPostcode(shown: string): string {
	const quoted = shown.length > QUOTE_MAX ? `${shown.slice(0, QUOTE_MAX)}…` : shown;
	return `“${quoted}” is not a UK postcode, for example SW1A 1AA`;
}
