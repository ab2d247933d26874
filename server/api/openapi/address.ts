import { autocompleteBody, validateBody } from '../address.ts';
import {
	arrayOf,
	body,
	failures,
	fromZod,
	object,
	success,
	WHEN,
	type PathItem
} from './common.ts';

// address/ (server/api/address.ts): the bodies are that file's own zod schemas.

const lookupFailures = (fields: string, extra: Record<number, Record<string, string>> = {}) =>
	failures({
		400: { VALIDATION_ERROR: WHEN.notJson },
		413: { PAYLOAD_TOO_LARGE: WHEN.tooLarge },
		422: { VALIDATION_ERROR: fields },
		502: { ADDRESS_LOOKUP_FAILED: 'the address provider did not answer; the address can be typed' },
		...extra
	});

export const addressPaths: Record<string, PathItem> = {
	'/address/autocomplete': {
		post: {
			operationId: 'addressAutocomplete',
			tags: ['Address'],
			summary: 'UK addresses matching what was typed',
			description:
				'No sign-in. Through Google Places when the server has `GOOGLE_PLACES_API_KEY`; otherwise (`driver: local`) there are no suggestions and the address is typed. Pass the same `session_token` to the following validate call.',
			requestBody: body(fromZod(autocompleteBody)),
			responses: {
				200: success(
					'The suggestions, best first',
					object({
						driver: { enum: ['local', 'google'] },
						suggestions: arrayOf(object({ id: { type: 'string' }, text: { type: 'string' } }))
					})
				),
				...lookupFailures('`query` shorter than 3 characters or too long, or an unknown field')
			}
		}
	},
	'/address/validate': {
		post: {
			operationId: 'addressValidate',
			tags: ['Address'],
			summary: 'A suggestion as address lines, with its full postcode',
			requestBody: body(fromZod(validateBody)),
			responses: {
				200: success(
					'The address',
					object({
						address_line1: { type: 'string' },
						address_line2: { type: 'string' },
						city: { type: 'string' },
						postcode: { type: 'string', examples: ['N16 9PD'] }
					})
				),
				...lookupFailures('`place_id` missing, or an unknown field', {
					404: { NOT_FOUND: 'no UK address with a full postcode has this id' }
				})
			}
		}
	}
};
