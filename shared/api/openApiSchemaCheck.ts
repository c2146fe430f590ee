import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';
import { OPENAPI_DOCUMENT } from './openapiDocument.js';

/** Returns every problem of a value as `$.path: what is wrong`; empty when it is valid. */
export type SchemaCheck = (value: unknown) => string[];

// ajv-formats is CommonJS: under NodeNext its default export arrives as the module object.
const addFormats = (addFormatsModule as unknown as { default: FormatsPlugin }).default;

/** The document's id inside ajv; refs below are `${DOCUMENT_ID}#/json/pointer`. */
const DOCUMENT_ID = 'ballast-openapi.json';

let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

function problem(error: ErrorObject): string {
  const path = `$${error.instancePath.replace(/\/([^/]*)/g, (_m, part: string) =>
    /^\d+$/.test(part) ? `[${part}]` : `.${part.replace(/~1/g, '/').replace(/~0/g, '~')}`,
  )}`;
  const detail =
    error.keyword === 'additionalProperties'
      ? ` "${String((error.params as { additionalProperty: string }).additionalProperty)}"`
      : error.keyword === 'enum'
        ? ` ${JSON.stringify((error.params as { allowedValues: unknown }).allowedValues)}`
        : '';
  return `${path}: ${error.message ?? error.keyword}${detail}`;
}

/**
 * The one ajv set-up of the project: JSON Schema 2020-12 (the dialect of OpenAPI 3.1), strict
 * (an unknown keyword throws instead of passing anything), every error reported, and the
 * `date-time` etc. formats of ajv-formats (RFC 3339: real calendar dates, 4-digit years, a zone).
 * Compiles the schema at `pointer` inside the read API's OpenAPI document, e.g.
 * `#/components/schemas/AuditBundle` (cached; compiled on first use).
 * @throws Error when the pointer resolves to nothing or the schema is not valid 2020-12.
 */
export function openApiSchemaCheck(pointer: string): SchemaCheck {
  let validate = compiled.get(pointer);
  if (validate === undefined) {
    if (ajv === undefined) {
      ajv = new Ajv2020({
        strict: true,
        // `required` with `additionalProperties` (no `properties`) is deliberate in RiskRecord.
        strictRequired: false,
        // Union types (`["number", "null"]`) are plain 2020-12 and used throughout.
        allowUnionTypes: true,
        allErrors: true,
      });
      addFormats(ajv);
      // OpenAPI-only keywords of the document around the schemas (not inside them).
      ajv.addVocabulary(['openapi', 'info', 'paths', 'components']);
      ajv.addSchema(OPENAPI_DOCUMENT, DOCUMENT_ID);
    }
    validate = ajv.compile({ $ref: `${DOCUMENT_ID}${pointer}` });
    compiled.set(pointer, validate);
  }
  const check = validate;
  return (value) => (check(value) ? [] : (check.errors ?? []).map(problem));
}
