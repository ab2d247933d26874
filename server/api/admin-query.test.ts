import { describe, expect, it } from 'vitest';
import { flagParam, likeLiteral, searchParam } from './admin-query.ts';

describe('the office list parameters', () => {
	it('likeLiteral escapes what ILIKE would take as a wildcard, and nothing else', () => {
		expect(likeLiteral('50%_off\\')).toBe('50\\%\\_off\\\\');
		expect(likeLiteral("O'Neil N16")).toBe("O'Neil N16");
	});

	it('flagParam reads true or false and names the parameter otherwise', () => {
		const active = flagParam('active');
		expect(active.parse('true')).toBe(true);
		expect(active.parse('false')).toBe(false);
		expect(active.parse(undefined)).toBeUndefined();
		const bad = active.safeParse('yes');
		expect(bad.success).toBe(false);
		expect(bad.error?.issues[0].message).toBe('Give active as true or false');
	});

	it('searchParam takes up to 200 characters', () => {
		expect(searchParam.safeParse('x'.repeat(200)).success).toBe(true);
		expect(searchParam.safeParse('x'.repeat(201)).error?.issues[0].message).toBe(
			'Give at most 200 characters to search for'
		);
	});
});
