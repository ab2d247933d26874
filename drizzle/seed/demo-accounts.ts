// The sign-ins the demo offers (shown on the sign-in page in development, used by e2e tests).
// Every demo user, these and the other cleaners, shares one password.

export const DEMO_PASSWORD = 'valclean-demo';

export type DemoSignIn = {
	role: 'admin' | 'manager' | 'staff' | 'customer';
	email: string;
	label: string;
};

export const DEMO_SIGN_INS: readonly DemoSignIn[] = [
	{ role: 'admin', email: 'admin@valclean.test', label: 'admin' },
	{
		role: 'manager',
		email: 'north.manager@valclean.test',
		label: 'manager, North London location'
	},
	{
		role: 'manager',
		email: 'south.manager@valclean.test',
		label: 'manager, chosen cleaners and customers'
	},
	{ role: 'staff', email: 'amira@valclean.test', label: 'cleaner (Amira, North London)' },
	{ role: 'customer', email: 'customer@valclean.test', label: 'customer (Charlotte Evans, N16)' }
];

/**
 * The demo admin's TOTP secret (two-step sign-in is required for admins). Add it to any
 * authenticator app by hand, or compute the code with server/auth/totp-code.ts `totpCode`.
 * A demo value, public on purpose: never use it for a real account.
 */
export const DEMO_ADMIN_TOTP_SECRET = 'VALCLEANDEMOADMINTOTPSECRET23456';
