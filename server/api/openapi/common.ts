import { z } from 'zod';

// Building blocks of the OpenAPI 3.1 document of REST v1 (server/api/openapi.ts). Schemas are
// JSON Schema 2020-12, OpenAPI 3.1's own dialect; plain objects, so the document is plain JSON.

export type Schema = { [key: string]: unknown };
export type Operation = { [key: string]: unknown };
export type PathItem = {
	get?: Operation;
	post?: Operation;
	put?: Operation;
	patch?: Operation;
	delete?: Operation;
};

export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

/** A zod schema as JSON Schema, as the client sends it (`io: 'input'`: before trims and defaults). */
export function fromZod(schema: z.ZodType): Schema {
	const json: Schema = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' });
	delete json.$schema;
	return json;
}

export const uuid: Schema = { type: 'string', format: 'uuid' };
export const nullable = (schema: Schema): Schema => ({ anyOf: [schema, { type: 'null' }] });
export const arrayOf = (items: Schema): Schema => ({ type: 'array', items });

/** An object whose every listed property is always present (the API's answers). */
export function object(properties: Record<string, Schema>, description?: string): Schema {
	return {
		type: 'object',
		...(description ? { description } : {}),
		required: Object.keys(properties),
		properties
	};
}

const json = (schema: Schema) => ({ 'application/json': { schema } });

/** A 2xx answer: `data` inside the success envelope of server/api/envelope.ts. */
export function success(description: string, data: Schema, headers?: Record<string, unknown>) {
	return {
		description,
		...(headers ? { headers } : {}),
		content: json({
			type: 'object',
			required: ['success', 'data', 'meta'],
			properties: { success: { const: true }, data, meta: ref('Meta') }
		})
	};
}

const REASON: Record<number, string> = {
	400: 'Bad request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not found',
	409: 'Conflict',
	413: 'Payload too large',
	422: 'Unprocessable content',
	429: 'Too many requests (the `Retry-After` header and `details.retry_after_seconds` say when to try again)'
};

/** Error code → when the endpoint answers with it. */
export type Codes = Record<string, string>;

/** The 4xx answers of an operation, each the shared error envelope, its codes listed. */
export function failures(byStatus: Record<number, Codes>) {
	return Object.fromEntries(
		Object.entries(byStatus).map(([status, codes]) => {
			const lines = Object.entries(codes).map(([code, when]) => `- \`${code}\`: ${when}`);
			const description = `${REASON[Number(status)] ?? 'Error'}. \`error.code\` is one of:\n${lines.join('\n')}`;
			return [status, { description, content: json(ref('Error')) }];
		})
	);
}

/** The ordinary JSON request body of an operation. */
export const body = (schema: Schema, description?: string, required = true) => ({
	required,
	...(description ? { description } : {}),
	content: json(schema)
});

export const pathId = (description: string) => ({
	name: 'id',
	in: 'path',
	required: true,
	description,
	schema: uuid
});

export const queryParam = (
	name: string,
	schema: Schema,
	description: string,
	required = false
) => ({ name, in: 'query', required, description, schema });

// Anonymous callers are served too: `{}` in the list makes the sign-in optional.
export const optionalSignIn = [{ bearerAuth: [] }, { cookieAuth: [] }, {}];

/** Common error explanations, shared by several endpoints. */
/** The per-address limit of the public search and booking endpoints (server/security/limits.ts). */
export const RATE_LIMITED = {
	RATE_LIMITED:
		'too many requests from this address lately (`Too many attempts: try again in N minutes`); not applied to admins and managers'
};

export const WHEN = {
	unknownParameter: 'a query parameter this endpoint does not take (`Unknown parameter: …`)',
	badId: 'the `id` in the path is not a UUID (`details.id`)',
	badPostcode:
		'the `postcode` is missing, longer than 16 characters or not a UK postcode (`details.postcode`)',
	unknownDistrict: 'the postcode is well formed but its district (outward code) is not known',
	notJson: 'the request body is not JSON',
	tooLarge: 'the request body is over 16 KiB'
} as const;
