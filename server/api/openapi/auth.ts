import { registerInput, signInInput } from '../../auth/accounts.ts';
import { resetConfirmInput, resetRequestInput } from '../../auth/password-reset.ts';
import { SESSION_COOKIE } from '../../auth/request.ts';
import {
	body,
	failures,
	fromZod,
	object,
	optionalSignIn,
	ref,
	success,
	WHEN,
	type PathItem,
	type Schema
} from './common.ts';

// auth/ (server/api/auth.ts). Register and login check their bodies with the account schemas, which
// are exported; the refresh body is not, so it is mirrored by hand.

/** The account schema, its email marked as one (it is trimmed and lower-cased before the check). */
function accountBody(schema: typeof registerInput | typeof signInInput): Schema {
	const json = fromZod(schema);
	const properties = json.properties as Record<string, Schema>;
	properties.email = {
		...properties.email,
		format: 'email',
		description: 'Trimmed and lower-cased, then at most 254 characters'
	};
	return json;
}

/** Email, password and the second factor's code for accounts that have one. */
function loginBody(): Schema {
	const json = accountBody(signInInput);
	(json.properties as Record<string, Schema>).totp_code = {
		type: 'string',
		maxLength: 64,
		description:
			'Required when the account uses two-step sign-in (always for admins): the 6 digits the authenticator app shows, or one of the recovery codes. Each is accepted once.'
	};
	return json;
}

const refreshToken: Schema = { type: 'string', minLength: 1, maxLength: 256 };
const refreshBody: Schema = {
	type: 'object',
	required: ['refresh_token'],
	properties: { refresh_token: refreshToken }
};

const sessionCookie = {
	description: `Sets the \`${SESSION_COOKIE}\` session cookie (httpOnly), for browsers`,
	schema: { type: 'string' }
};
const noStore = { description: '`no-store`: the answer holds tokens', schema: { type: 'string' } };
const signedIn = (description: string) =>
	success(description, ref('TokenPair'), { 'Set-Cookie': sessionCookie, 'Cache-Control': noStore });

const badBody = (fields: string) => ({ VALIDATION_ERROR: `${WHEN.notJson}, or ${fields}` });

export const authPaths: Record<string, PathItem> = {
	'/auth/register': {
		post: {
			operationId: 'register',
			tags: ['Auth'],
			summary: 'Create a customer account and sign in',
			description:
				'Gives both a session cookie (browsers) and a bearer token pair (REST clients). Unknown fields are ignored.',
			security: [],
			requestBody: body(accountBody(registerInput)),
			responses: {
				201: signedIn('The new customer, signed in'),
				...failures({
					400: badBody('a field missing or not valid (`details` names them)'),
					409: { EMAIL_TAKEN: 'an account with this email exists (`details.email`)' }
				})
			}
		}
	},
	'/auth/login': {
		post: {
			operationId: 'login',
			tags: ['Auth'],
			summary: 'Sign in with email and password',
			description:
				'Gives both a session cookie (browsers) and a new bearer token pair (REST clients). Unknown fields are ignored.',
			security: [],
			requestBody: body(loginBody()),
			responses: {
				200: signedIn('The user, signed in'),
				...failures({
					400: badBody('a field missing or not valid'),
					401: {
						INVALID_CREDENTIALS:
							'no active account has this email and password (`details.password`)',
						TOTP_REQUIRED:
							'the password is right and the account uses two-step sign-in: send `totp_code` too (`details.totp_code`)',
						INVALID_CODE: '`totp_code` is neither the current code nor an unused recovery code',
						CODE_USED: '`totp_code` was accepted once already: wait for the next one'
					},
					403: {
						TOTP_ENROLMENT_REQUIRED:
							'an admin account without two-step sign-in: enrol by signing in on the website first'
					},
					429: {
						RATE_LIMITED:
							'too many failed sign-ins for this account or from this address lately (`Too many attempts: try again in N minutes`)'
					}
				})
			}
		}
	},
	'/auth/refresh': {
		post: {
			operationId: 'refreshTokens',
			tags: ['Auth'],
			summary: 'Trade a refresh token for a new token pair',
			description:
				'The refresh token is used up and the previous access token revoked. A refresh token presented twice revokes its whole family: sign in again.',
			security: [],
			requestBody: body(refreshBody),
			responses: {
				200: success('A new token pair', ref('TokenPair'), { 'Cache-Control': noStore }),
				...failures({
					400: badBody('`refresh_token` missing, empty or over 256 characters'),
					401: {
						INVALID_TOKEN:
							'the refresh token is unknown, used, revoked or expired, or its user inactive'
					}
				})
			}
		}
	},
	'/auth/password-reset': {
		post: {
			operationId: 'requestPasswordReset',
			tags: ['Auth'],
			summary: 'Email a link to choose a new password',
			description:
				'The answer is the same, and takes about as long, whether or not the email belongs to an account. The link goes to `/reset-password?token=…`, works once and for one hour.',
			security: [],
			requestBody: body(fromZod(resetRequestInput)),
			responses: {
				202: success('Accepted (whatever the email)', object({ message: { type: 'string' } })),
				...failures({
					400: badBody('`email` missing or not an email address'),
					429: { RATE_LIMITED: 'too many requests for this email or from this address lately' }
				})
			}
		}
	},
	'/auth/password-reset/confirm': {
		post: {
			operationId: 'confirmPasswordReset',
			tags: ['Auth'],
			summary: 'Set a new password with the emailed token',
			description:
				'Uses the token up (and any other link of the account), and ends every session and API token of the account.',
			security: [],
			requestBody: body(fromZod(resetConfirmInput)),
			responses: {
				200: success('The password is changed', object({ password_changed: { const: true } })),
				...failures({
					400: {
						...badBody('a field missing or the password shorter than 10 characters'),
						INVALID_TOKEN: 'the token is unknown, used already or more than an hour old'
					},
					429: { RATE_LIMITED: 'too many attempts from this address lately' }
				})
			}
		}
	},
	'/auth/logout': {
		post: {
			operationId: 'logout',
			tags: ['Auth'],
			summary: 'Sign out',
			description:
				'Ends the cookie session, and revokes the token family of the bearer access token and of a `refresh_token` in the body (for a client whose access token has run out). Always succeeds; a body that is missing or not as described is ignored.',
			security: optionalSignIn,
			requestBody: body(
				{ type: 'object', properties: { refresh_token: refreshToken } },
				'Optional',
				false
			),
			responses: {
				200: success('Signed out', object({ signed_out: { const: true } }), {
					'Set-Cookie': {
						description: `Clears the \`${SESSION_COOKIE}\` cookie`,
						schema: { type: 'string' }
					}
				})
			}
		}
	}
};
