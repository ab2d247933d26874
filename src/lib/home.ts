import type { Role } from '$drizzle/schema/users.ts';

/** Where each role lands after signing in. */
export function homeFor(role: Role): string {
	if (role === 'admin' || role === 'manager') return '/office';
	if (role === 'staff') return '/field';
	return role === 'customer' ? '/account' : '/';
}

/** A same-site path to return to after sign-in, never another origin. */
export function safeReturnPath(value: string | null): string | null {
	return value && value.startsWith('/') && !value.startsWith('//') ? value : null;
}
