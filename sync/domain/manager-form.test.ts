import { describe, expect, it } from 'vitest';
import { checkManagerForm, type ManagerFormInput } from './manager-form.ts';

const options = { permissionNames: ['manage_staff', 'refund'] };
const form = (over: Partial<ManagerFormInput> = {}): ManagerFormInput => ({
	name: 'Jo Reed',
	email: 'Jo@Valclean.test',
	canManageAll: false,
	permissions: ['refund', 'manage_staff', 'refund'],
	locationIds: ['loc-1', 'loc-1'],
	staffIds: [],
	customerIds: [],
	...over
});

describe('the manager form', () => {
	it('cleans a good form', () => {
		expect(checkManagerForm(form(), options)).toEqual({
			ok: true,
			value: {
				name: 'Jo Reed',
				email: 'jo@valclean.test',
				canManageAll: false,
				permissions: ['manage_staff', 'refund'],
				locationIds: ['loc-1'],
				staffIds: [],
				customerIds: []
			}
		});
	});

	it('names each bad field, including an empty reach', () => {
		expect(
			checkManagerForm(
				form({ name: '', email: '', permissions: ['sudo'], locationIds: [] }),
				options
			)
		).toEqual({
			ok: false,
			fields: {
				name: 'Enter the manager’s name',
				email: 'Enter an email address',
				permissions: 'Unknown permission: sudo',
				scope: 'Choose what this manager looks after, or let them manage everything'
			}
		});
	});

	it('drops chosen lists when the manager reaches everything', () => {
		const result = checkManagerForm(form({ canManageAll: true, staffIds: ['s-1'] }), options);
		expect(result).toMatchObject({ ok: true, value: { locationIds: [], staffIds: [] } });
	});
});
