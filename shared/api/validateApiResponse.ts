import { OPENAPI_DOCUMENT } from './openapiDocument.js';
import { validateJsonSchema, type JsonSchema } from './validateJsonSchema.js';

export interface ValidateApiResponseParams {
  /** OpenAPI path template, e.g. `/v1/assets/{asset}/parameters`; undefined for a request no route matched. */
  readonly route: string | undefined;
  readonly statusCode: number;
  readonly body: unknown;
  /** @default OPENAPI_DOCUMENT */
  readonly document?: unknown;
}

/**
 * Checks a response body against the schema the OpenAPI document declares for its route and
 * status (a request no route matched must carry the Error schema). Returns every problem; a
 * status the document does not declare for the route is itself a problem.
 */
export function validateApiResponse({
  route,
  statusCode,
  body,
  document = OPENAPI_DOCUMENT,
}: ValidateApiResponseParams): string[] {
  const doc = document as {
    paths: Record<
      string,
      { get?: { responses: Record<string, { content?: Record<string, { schema: JsonSchema }> }> } }
    >;
  };
  if (route === undefined) return validateJsonSchema({ $ref: '#/components/schemas/Error' }, body, document);
  const responses = doc.paths[route]?.get?.responses;
  if (responses === undefined) return [`the OpenAPI document has no GET ${route}`];
  const schema = responses[String(statusCode)]?.content?.['application/json']?.schema;
  if (schema === undefined)
    return [`the OpenAPI document declares no ${statusCode} response for GET ${route}`];
  return validateJsonSchema(schema, body, document);
}
