import { SESSION_COOKIE } from '../auth/request.ts';
import { adminPaths } from './openapi/admin.ts';
import { authPaths } from './openapi/auth.ts';
import { bookingPaths } from './openapi/bookings.ts';
import { catalogPaths } from './openapi/catalog.ts';
import { customerAccountPaths } from './openapi/customer-account.ts';
import type { PathItem } from './openapi/common.ts';
import { paymentPaths } from './openapi/payments.ts';
import { reportPaths } from './openapi/reports.ts';
import { waitlistPaths } from './openapi/waitlist.ts';
import { addressPaths } from './openapi/address.ts';
import { schemas } from './openapi/schemas.ts';

// The OpenAPI 3.1 document of REST v1, served at GET /api/v1/openapi.json. Built once, at import.
// server/api/openapi.test.ts checks it against the official schema and against the route files.

const description = `The REST API of VALClean (spec §5).

Every answer is JSON in an envelope: \`{ success: true, data, meta }\` on success, \`{ success: false, error: { code, message, details }, meta }\` on failure (\`components.schemas.Error\`). Each operation lists the \`error.code\`s it can answer with.

Paths answer with or without a trailing slash (\`/services\` and \`/services/\`). Prices are whole pence; times are ISO 8601 with an offset.

Sign-in: a browser has the \`${SESSION_COOKIE}\` session cookie; a REST client sends \`Authorization: Bearer <access_token>\` from POST /auth/login (15 minutes; renew with POST /auth/refresh). A missing, expired or unknown token is not refused: the request is served as anonymous.

Integrations: an admin makes an API key at /office/api-keys (shown once), sent as \`Authorization: Bearer vck_…\`; it acts as that admin, on /api/v1 only. A read key answers any other method than GET with 403 \`READ_ONLY_KEY\`. A revoked key, or one whose admin is no longer an admin, is served as anonymous.

Outages: while the database is out of reach (a restart or failover), any endpoint answers 503 \`SERVICE_UNAVAILABLE\` with \`Retry-After\` (seconds); nothing was saved, so the same request can be sent again.`;

const openApiPaths: Record<string, PathItem> = {
	'/openapi.json': {
		get: {
			operationId: 'getOpenApiDocument',
			tags: ['Meta'],
			summary: 'This document',
			security: [],
			responses: {
				200: {
					description: 'The OpenAPI 3.1 document of this API (not in the envelope)',
					content: { 'application/json': { schema: { type: 'object' } } }
				}
			}
		}
	}
};

function buildDocument() {
	return {
		openapi: '3.1.0',
		info: { title: 'VALClean API', version: '1.0', description },
		servers: [{ url: '/api/v1' }],
		tags: [
			{ name: 'Catalogue', description: 'Services and cleaners; public' },
			{ name: 'Bookings', description: 'Available slots, booking, and managing a booking' },
			{ name: 'Payments', description: 'Paying for a booking (Stripe, or the local test driver)' },
			{ name: 'Address', description: 'Finding a UK address as it is typed' },
			{ name: 'Auth', description: 'Accounts, sign-in and bearer tokens' },
			{ name: 'Office', description: 'For admins and managers, within their scope' },
			{ name: 'Account', description: "The signed-in customer's own account" },
			{ name: 'Meta', description: 'About the API itself' }
		],
		paths: {
			...catalogPaths,
			...bookingPaths,
			...paymentPaths,
			...waitlistPaths,
			...addressPaths,
			...authPaths,
			...reportPaths,
			...adminPaths,
			...customerAccountPaths,
			...openApiPaths
		},
		components: {
			schemas,
			securitySchemes: {
				bearerAuth: {
					type: 'http',
					scheme: 'bearer',
					description:
						'An `access_token` from POST /auth/login, /auth/register or /auth/refresh, or an API key (`vck_…`) made by an admin'
				},
				cookieAuth: {
					type: 'apiKey',
					in: 'cookie',
					name: SESSION_COOKIE,
					description: 'The session cookie set at sign-in (browsers)'
				}
			}
		}
	};
}

export type OpenApiDocument = ReturnType<typeof buildDocument>;

export const openApiDocument: OpenApiDocument = buildDocument();
