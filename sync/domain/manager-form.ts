import { checkEmail, checkName, fieldCollector, type FormResult } from './person-fields.ts';

/**
 * The admin's manager form: the account's name and email, and the manager's reach (spec §4.1):
 * everything, or chosen locations, cleaners and customers; and what they may do beyond running
 * bookings (`permissions`, the names of sync/auth.ts OFFICE_PERMISSIONS).
 */
export type ManagerFormInput = {
	name: string;
	email: string;
	canManageAll: boolean;
	permissions: string[];
	locationIds: string[];
	staffIds: string[];
	customerIds: string[];
};

export type ManagerForm = ManagerFormInput;

export const MAX_SCOPE_ITEMS = 1000;

export type ManagerFormOptions = {
	/** The permission names that exist (OFFICE_PERMISSIONS' keys; passed in, domain imports nothing). */
	permissionNames: readonly string[];
};

export function checkManagerForm(
	input: ManagerFormInput,
	options: ManagerFormOptions
): FormResult<ManagerForm> {
	const c = fieldCollector();
	const name = c.take('name', checkName(input.name, 'the manager’s name'));
	const email = c.take('email', checkEmail(input.email));
	const unknown = input.permissions.filter((p) => !options.permissionNames.includes(p));
	if (unknown.length) c.fail('permissions', `Unknown permission: ${unknown.join(', ')}`);
	const once = (ids: string[]) => [...new Set(ids)];
	const [locationIds, staffIds, customerIds] = [
		once(input.locationIds),
		once(input.staffIds),
		once(input.customerIds)
	];
	for (const [field, ids] of [
		['locationIds', locationIds],
		['staffIds', staffIds],
		['customerIds', customerIds]
	] as const)
		if (ids.length > MAX_SCOPE_ITEMS) c.fail(field, `At most ${MAX_SCOPE_ITEMS}`);
	// A manager who reaches nothing sees an empty office: almost surely a mistake.
	if (!input.canManageAll && !locationIds.length && !staffIds.length && !customerIds.length)
		c.fail('scope', 'Choose what this manager looks after, or let them manage everything');
	if (!c.ok) return { ok: false, fields: c.fields };
	return {
		ok: true,
		value: {
			name: name!,
			email: email!,
			canManageAll: input.canManageAll,
			permissions: once(input.permissions).sort(),
			// With everything in reach, chosen lists would only mislead a later reader.
			locationIds: input.canManageAll ? [] : locationIds,
			staffIds: input.canManageAll ? [] : staffIds,
			customerIds: input.canManageAll ? [] : customerIds
		}
	};
}
