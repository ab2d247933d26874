import { coverageRequestBody } from '../waitlist.ts';
import { body, failures, fromZod, object, success, WHEN, type PathItem } from './common.ts';

// coverage-requests/ (server/api/waitlist.ts): the body is that file's own zod schema.

const Request = object({
	email: { type: 'string', format: 'email', description: 'Lower-cased' },
	postcode: { type: 'string', examples: ['CF10 1AA'], description: 'Normalised' },
	new: { type: 'boolean', description: 'False when this email had already asked for this postcode' }
});

export const waitlistPaths: Record<string, PathItem> = {
	'/coverage-requests': {
		post: {
			operationId: 'requestCoverage',
			tags: ['Catalogue'],
			summary: 'Ask to hear when we clean at a postcode nobody covers yet',
			description:
				'No sign-in. One request per email and postcode is kept (asking again answers with `new: false`); the office sees them by postcode district.',
			requestBody: body(fromZod(coverageRequestBody)),
			responses: {
				201: success('The request, kept', Request),
				...failures({
					400: { VALIDATION_ERROR: WHEN.notJson },
					413: { PAYLOAD_TOO_LARGE: WHEN.tooLarge },
					422: {
						VALIDATION_ERROR:
							'the email or postcode missing or malformed, a `service_id` that is not a bookable service, or an unknown field'
					}
				})
			}
		}
	}
};
