/** The JSON Schema (2020-12, as used by OpenAPI 3.1) subset the read API's document uses. */
export interface JsonSchema {
  readonly $ref?: string;
  readonly type?: JsonType | readonly JsonType[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly items?: JsonSchema;
  readonly prefixItems?: readonly JsonSchema[];
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly oneOf?: readonly JsonSchema[];
  readonly anyOf?: readonly JsonSchema[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly format?: string;
  // Annotations: no effect on validation.
  readonly description?: string;
  readonly title?: string;
  readonly examples?: readonly unknown[];
  readonly default?: unknown;
}

export type JsonType = 'null' | 'boolean' | 'object' | 'array' | 'number' | 'integer' | 'string';

const KNOWN = new Set([
  '$ref',
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'prefixItems',
  'minItems',
  'maxItems',
  'enum',
  'const',
  'oneOf',
  'anyOf',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'description',
  'title',
  'examples',
  'default',
]);

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

function typeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
}

function resolveRef(root: unknown, ref: string): JsonSchema {
  if (!ref.startsWith('#/'))
    throw new TypeError(`validateJsonSchema: only local $ref are supported, got ${ref}`);
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) {
    node = (node as Record<string, unknown> | undefined)?.[part.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  if (node === undefined) throw new TypeError(`validateJsonSchema: $ref ${ref} points at nothing`);
  return node as JsonSchema;
}

function check(schema: JsonSchema, value: unknown, path: string, root: unknown, errors: string[]): void {
  for (const key of Object.keys(schema)) {
    // An unknown keyword would be silently ignored and pass anything: refuse it instead.
    if (!KNOWN.has(key))
      throw new TypeError(`validateJsonSchema: keyword "${key}" at ${path} is not supported`);
  }
  if (schema.$ref !== undefined) {
    check(resolveRef(root, schema.$ref), value, path, root, errors);
    return;
  }
  const actual = typeOf(value);
  if (schema.type !== undefined) {
    const allowed: readonly JsonType[] = typeof schema.type === 'string' ? [schema.type] : schema.type;
    const ok = allowed.includes(actual) || (actual === 'integer' && allowed.includes('number'));
    if (!ok) {
      errors.push(`${path}: expected ${allowed.join(' or ')}, got ${actual}`);
      return;
    }
  }
  if (schema.const !== undefined && JSON.stringify(schema.const) !== JSON.stringify(value))
    errors.push(`${path}: expected ${JSON.stringify(schema.const)}`);
  if (
    schema.enum !== undefined &&
    !schema.enum.some((option) => JSON.stringify(option) === JSON.stringify(value))
  ) {
    errors.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  }
  for (const [keyword, options] of [
    ['oneOf', schema.oneOf],
    ['anyOf', schema.anyOf],
  ] as const) {
    if (options === undefined) continue;
    const matching = options.filter((option) => {
      const sub: string[] = [];
      check(option, value, path, root, sub);
      return sub.length === 0;
    }).length;
    if (keyword === 'oneOf' ? matching !== 1 : matching === 0)
      errors.push(`${path}: matches ${matching} of the ${keyword} schemas`);
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum)
      errors.push(`${path}: ${value} < minimum ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum)
      errors.push(`${path}: ${value} > maximum ${schema.maximum}`);
  }
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength)
      errors.push(`${path}: shorter than ${schema.minLength}`);
    if (schema.maxLength !== undefined && value.length > schema.maxLength)
      errors.push(`${path}: longer than ${schema.maxLength}`);
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value))
      errors.push(`${path}: "${value}" does not match ${schema.pattern}`);
    if (schema.format === 'date-time' && !(DATE_TIME.test(value) && Number.isFinite(Date.parse(value))))
      errors.push(`${path}: "${value}" is not an RFC 3339 date-time`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems)
      errors.push(`${path}: fewer than ${schema.minItems} items`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems)
      errors.push(`${path}: more than ${schema.maxItems} items`);
    value.forEach((item, i) => {
      const itemSchema = schema.prefixItems?.[i] ?? schema.items;
      if (itemSchema !== undefined) check(itemSchema, item, `${path}[${i}]`, root, errors);
    });
  }
  if (actual === 'object') {
    const object = value as Record<string, unknown>;
    for (const name of schema.required ?? [])
      if (!(name in object)) errors.push(`${path}: missing required property "${name}"`);
    for (const [name, item] of Object.entries(object)) {
      const propertySchema = schema.properties?.[name];
      if (propertySchema !== undefined) check(propertySchema, item, `${path}.${name}`, root, errors);
      else if (schema.additionalProperties === false) errors.push(`${path}: unexpected property "${name}"`);
      else if (typeof schema.additionalProperties === 'object')
        check(schema.additionalProperties, item, `${path}.${name}`, root, errors);
    }
  }
}

/**
 * Checks a JSON value against a schema and returns every problem as `path: what is wrong`
 * (empty when valid). `root` is the document local `$ref`s resolve in (e.g. the OpenAPI document).
 * Keywords outside the supported subset throw, so a schema can never pass by being misunderstood.
 */
export function validateJsonSchema(schema: JsonSchema, value: unknown, root: unknown = schema): string[] {
  const errors: string[] = [];
  check(schema, value, '$', root, errors);
  return errors;
}
