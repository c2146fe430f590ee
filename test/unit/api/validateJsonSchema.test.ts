import { describe, expect, it } from 'vitest';
import { validateJsonSchema, type JsonSchema } from '../../../shared/api/validateJsonSchema.js';

describe('validateJsonSchema', () => {
  const root = {
    components: {
      schemas: {
        Point: {
          type: 'object',
          properties: { x: { type: 'integer', minimum: 0 }, y: { type: ['number', 'null'] } },
          required: ['x', 'y'],
          additionalProperties: false,
        },
      },
    },
  };
  const ref: JsonSchema = { $ref: '#/components/schemas/Point' };

  it('accepts a conforming value and reports every problem with its path', () => {
    expect(validateJsonSchema(ref, { x: 1, y: null }, root)).toEqual([]);
    const problems = validateJsonSchema(ref, { x: -1, z: 2 }, root);
    expect(problems).toHaveLength(3);
    expect(problems).toEqual(
      expect.arrayContaining([
        '$.x: -1 < minimum 0',
        '$: missing required property "y"',
        '$: unexpected property "z"',
      ]),
    );
    expect(validateJsonSchema(ref, { x: 1.5, y: 'a' }, root)).toEqual([
      '$.x: expected integer, got number',
      '$.y: expected number or null, got string',
    ]);
  });

  it('checks enum, const, pattern, date-time, array bounds, prefixItems, anyOf and oneOf', () => {
    expect(validateJsonSchema({ enum: ['a', 'b'] }, 'c')).toHaveLength(1);
    expect(validateJsonSchema({ const: 'v1' }, 'v1')).toEqual([]);
    expect(validateJsonSchema({ type: 'string', pattern: '^0x[0-9a-f]+$' }, '0xZZ')).toHaveLength(1);
    expect(validateJsonSchema({ type: 'string', format: 'date-time' }, '2026-11-21T06:00:00.000Z')).toEqual(
      [],
    );
    expect(validateJsonSchema({ type: 'string', format: 'date-time' }, '2026-11-21 06:00')).toHaveLength(1);
    expect(
      validateJsonSchema({ type: 'array', items: { type: 'integer' }, minItems: 2, maxItems: 2 }, [1]),
    ).toEqual(['$: fewer than 2 items']);
    expect(
      validateJsonSchema({ type: 'array', prefixItems: [{ type: 'integer' }, { type: 'string' }] }, [1, 2]),
    ).toEqual(['$[1]: expected string, got integer']);
    expect(validateJsonSchema({ anyOf: [{ type: 'string' }, { type: 'null' }] }, null)).toEqual([]);
    expect(validateJsonSchema({ oneOf: [{ type: 'number' }, { type: 'integer' }] }, 3)).toEqual([
      '$: matches 2 of the oneOf schemas',
    ]);
    expect(
      validateJsonSchema({ type: 'object', additionalProperties: { type: 'boolean' } }, { a: true, b: 1 }),
    ).toEqual(['$.b: expected boolean, got integer']);
  });

  it('refuses keywords it does not implement instead of passing anything', () => {
    expect(() =>
      validateJsonSchema({ type: 'object', patternProperties: {} } as unknown as JsonSchema, {}),
    ).toThrow(/patternProperties/);
    expect(() => validateJsonSchema({ $ref: 'https://example.com/s.json' }, {})).toThrow(/local \$ref/);
    expect(() => validateJsonSchema({ $ref: '#/nothing/here' }, {})).toThrow(/points at nothing/);
  });
});
