import type { Role } from '$drizzle/schema/users.ts';

/** Where each role lands after signing in. */
export function homeFor(role: Role): string {
	return role === 'admin' || role === 'manager' ? '/office' : '/';
}

/** A same-site path to return to after sign-in, never another origin. */
export function safeReturnPath(value: string | null): string | null {
	return value && value.startsWith('/') && !value.startsWith('//') ? value : null;
}
