import { describe, expect, it } from 'vitest';
import { parsePostcode } from './postcode.ts';

describe('parsePostcode: full postcodes', () => {
	it.each([
		['sw1a1aa', 'SW1A 1AA', 'SW1A', '1AA'],
		['SW1A 1AA', 'SW1A 1AA', 'SW1A', '1AA'],
		[' n16  9pd ', 'N16 9PD', 'N16', '9PD'],
		['\tE8 1aa\n', 'E8 1AA', 'E8', '1AA'],
		['M1 1AE', 'M1 1AE', 'M1', '1AE'],
		['m11ae', 'M1 1AE', 'M1', '1AE'],
		['B33 8TH', 'B33 8TH', 'B33', '8TH'],
		['CR2 6XH', 'CR2 6XH', 'CR2', '6XH'],
		['DN55 1PT', 'DN55 1PT', 'DN55', '1PT'],
		['W1A 0AX', 'W1A 0AX', 'W1A', '0AX'],
		['EC1A 1BB', 'EC1A 1BB', 'EC1A', '1BB'],
		['sw19 1aa', 'SW19 1AA', 'SW19', '1AA'],
		['gir 0aa', 'GIR 0AA', 'GIR', '0AA'],
		['GIR0AA', 'GIR 0AA', 'GIR', '0AA'],
		// A misplaced space in a full postcode is still unambiguous: the inward part is the last 3.
		['SW1A1 AA', 'SW1A 1AA', 'SW1A', '1AA'],
		['N16\u00a09PD', 'N16 9PD', 'N16', '9PD']
	])('reads %j as %s', (input, postcode, outward, inward) => {
		expect(parsePostcode(input)).toEqual({ ok: true, postcode, outward, inward });
	});
});

describe('parsePostcode: districts alone', () => {
	it.each([
		['e8', 'E8'],
		['N16', 'N16'],
		[' sw1a ', 'SW1A'],
		['EC1A', 'EC1A'],
		['W1A', 'W1A'],
		['M1', 'M1'],
		['DN55', 'DN55']
	])('reads %j as the district %s with no inward part', (input, outward) => {
		expect(parsePostcode(input)).toEqual({ ok: true, postcode: outward, outward, inward: null });
	});
});

describe('parsePostcode: refusals', () => {
	it('asks for a postcode when there is nothing but spaces', () => {
		expect(parsePostcode('')).toEqual({ ok: false, reason: 'EMPTY', message: 'Enter a postcode' });
		expect(parsePostcode('  \t ')).toEqual({
			ok: false,
			reason: 'EMPTY',
			message: 'Enter a postcode'
		});
	});

	it('names the text it could not read, as typed, with an example', () => {
		expect(parsePostcode('XYZ')).toEqual({
			ok: false,
			reason: 'INVALID',
			message: '“XYZ” is not a UK postcode, for example SW1A 1AA'
		});
		expect(parsePostcode('  hello   world ')).toEqual({
			ok: false,
			reason: 'INVALID',
			message: '“hello world” is not a UK postcode, for example SW1A 1AA'
		});
	});

	it('shortens a long input in the message', () => {
		const result = parsePostcode('12 Acacia Avenue, London N16 9PD');
		expect(result).toEqual({
			ok: false,
			reason: 'INVALID',
			message: '“12 Acacia Avenue, Lo…” is not a UK postcode, for example SW1A 1AA'
		});
	});

	it.each([
		[
			'inward letter C, I, K, M, O or V',
			['N16 9PC', 'N16 9IA', 'SW1A 1KA', 'E8 1AM', 'E8 1OA', 'E8 1AV']
		],
		['inward not digit-letter-letter', ['N16 PD9', 'N16 99D', 'N16 9P']],
		['outward with no digit', ['NW 1AA', 'ABC']],
		['outward with three letters', ['ABC1 1AA', 'ABC1']],
		['outward starting with a digit', ['1AB 1AA', '16N']],
		['outward with three digits', ['N123 1AA', 'N123']],
		['outward letter in the wrong place', ['S1WA 1AA', 'SWA1 1AA']],
		['too long', ['SW1A 1AAA', 'SW1AA 1AA']],
		['only one character', ['N', '1']],
		['punctuation', ['SW1A-1AA', 'N16.9PD', 'E8!']],
		['GIR with another inward code', ['GIR 1AA', 'GIR 0AB']],
		['an unfinished postcode, not a district', ['E8 1', 'N1 6', 'E 8']],
		['a district split by a space', ['S W1A']]
	])('refuses %s', (_why, inputs) => {
		for (const input of inputs) {
			const result = parsePostcode(input);
			expect(result, input).toMatchObject({ ok: false, reason: 'INVALID' });
		}
	});

	it('accepts inward letters next to the excluded ones (B, D, H, J, L, N, U, W)', () => {
		for (const inward of ['1BD', '1HJ', '1LN', '1UW', '0XY', '9ZZ']) {
			expect(parsePostcode(`E8 ${inward}`)).toMatchObject({ ok: true, inward });
		}
	});

	it('allows exactly 20 of the 26 letters in the inward part', () => {
		const allowed = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].filter(
			(letter) => parsePostcode(`E8 1A${letter}`).ok
		);
		expect(allowed.join('')).toBe('ABDEFGHJLNPQRSTUWXYZ');
	});
});
