import {
	arrayOf,
	failures,
	object,
	pathId,
	queryParam,
	ref,
	success,
	uuid,
	WHEN,
	type PathItem,
	type Schema,
	RATE_LIMITED
} from './common.ts';

// services/ and staff/ (server/api/catalog.ts): public, no sign-in. Every one of them refuses a
// query parameter it does not take. Hand-written: catalog.ts does not export its query schemas.

const postcodeQuery = queryParam(
	'postcode',
	{ type: 'string', maxLength: 16, examples: ['N16 9PD', 'n169pd', 'N16'] },
	'The address to clean: a full UK postcode or its district (outward code)',
	true
);

const postcode: Schema = { type: 'string', description: 'The postcode, normalised' };
const covered: Schema = {
	type: 'boolean',
	description: 'Whether any active cleaner covers this postcode at all'
};

const noParameter = failures({ 400: { VALIDATION_ERROR: WHEN.unknownParameter } });
const byPostcodeFailures = failures({
	400: {
		VALIDATION_ERROR: `${WHEN.badPostcode}, or ${WHEN.unknownParameter}`,
		UNKNOWN_DISTRICT: WHEN.unknownDistrict
	},
	429: RATE_LIMITED
});

export const catalogPaths: Record<string, PathItem> = {
	'/services': {
		get: {
			operationId: 'listServices',
			tags: ['Catalogue'],
			summary: 'All bookable services, with their extras, in catalogue order',
			responses: {
				200: success('The services', object({ services: arrayOf(ref('Service')) })),
				...noParameter
			}
		}
	},
	'/services/{id}': {
		get: {
			operationId: 'getService',
			tags: ['Catalogue'],
			summary: 'One bookable service',
			parameters: [pathId('The service')],
			responses: {
				200: success('The service', ref('Service')),
				...failures({
					400: { VALIDATION_ERROR: `${WHEN.badId}, or ${WHEN.unknownParameter}` },
					404: { SERVICE_NOT_FOUND: 'no active service has this id' }
				})
			}
		}
	},
	'/services/by-postcode': {
		get: {
			operationId: 'listServicesByPostcode',
			tags: ['Catalogue'],
			summary: 'The services at least one cleaner covering the postcode offers',
			description: 'A postcode nobody covers is not an error: `covered` is false, the list empty.',
			parameters: [postcodeQuery],
			responses: {
				200: success(
					'The services offered there',
					object({ postcode, covered, services: arrayOf(ref('Service')) })
				),
				...byPostcodeFailures
			}
		}
	},
	'/services/{id}/staff': {
		get: {
			operationId: 'listServiceStaff',
			tags: ['Catalogue'],
			summary: 'The cleaners who offer this service and cover the postcode, with their terms',
			parameters: [pathId('The service'), postcodeQuery],
			responses: {
				200: success(
					'The cleaners',
					object({
						service_id: uuid,
						postcode,
						covered,
						staff: arrayOf(ref('ServiceStaffMember'))
					})
				),
				...failures({
					400: {
						VALIDATION_ERROR: `${WHEN.badId}, ${WHEN.badPostcode}, or ${WHEN.unknownParameter}`,
						UNKNOWN_DISTRICT: WHEN.unknownDistrict
					},
					404: { SERVICE_NOT_FOUND: 'no active service has this id' },
					429: RATE_LIMITED
				})
			}
		}
	},
	'/staff': {
		get: {
			operationId: 'listStaff',
			tags: ['Catalogue'],
			summary: 'All active cleaners, in roster order',
			responses: {
				200: success('The cleaners', object({ staff: arrayOf(ref('StaffMember')) })),
				...noParameter
			}
		}
	},
	'/staff/{id}': {
		get: {
			operationId: 'getStaffMember',
			tags: ['Catalogue'],
			summary: 'One active cleaner',
			parameters: [pathId('The cleaner')],
			responses: {
				200: success('The cleaner', ref('StaffMember')),
				...failures({
					400: { VALIDATION_ERROR: `${WHEN.badId}, or ${WHEN.unknownParameter}` },
					404: { STAFF_NOT_FOUND: 'no active cleaner has this id' }
				})
			}
		}
	},
	'/staff/by-postcode': {
		get: {
			operationId: 'listStaffByPostcode',
			tags: ['Catalogue'],
			summary: 'The active cleaners who cover the postcode',
			description: 'A postcode nobody covers is not an error: `covered` is false, the list empty.',
			parameters: [postcodeQuery],
			responses: {
				200: success(
					'The cleaners',
					object({ postcode, covered, staff: arrayOf(ref('StaffMember')) })
				),
				...byPostcodeFailures
			}
		}
	}
};
