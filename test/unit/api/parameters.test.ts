import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../../../shared/api/errors.js';
import { OPENAPI_DOCUMENT } from '../../../shared/api/openapiDocument.js';
import {
  MAX_TIME_MS,
  assetPathSchema,
  historyQuerySchema,
  roundPathSchema,
} from '../../../shared/api/parameterSchemas.js';
import { parseParameters } from '../../../shared/api/parseParameters.js';
import { openApiSchemaCheck } from '../../../shared/api/openApiSchemaCheck.js';

function fieldOf(run: () => unknown): { field: string | undefined; message: string } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidParameterError);
    return { field: (error as InvalidParameterError).field, message: (error as Error).message };
  }
  throw new Error('expected an InvalidParameterError');
}

describe('history query parameters', () => {
  const parse = (query: Record<string, string>) => parseParameters(historyQuerySchema, query, 'query');

  it('reads ISO-8601 (date, date-time with zone or offset) and epoch ms to the same instants', () => {
    expect(parse({ from: '2026-11-21' }).from).toBe(Date.UTC(2026, 10, 21));
    expect(parse({ from: '2026-11-21T06:30:00Z' }).from).toBe(Date.UTC(2026, 10, 21, 6, 30));
    expect(parse({ from: '2026-11-21T08:30:00+02:00' }).from).toBe(Date.UTC(2026, 10, 21, 6, 30));
    expect(parse({ to: String(Date.UTC(2026, 10, 21)) }).to).toBe(Date.UTC(2026, 10, 21));
    expect(parse({}).limit).toBe(100);
    expect(parse({ limit: '500' }).limit).toBe(500);
  });

  it('names the field of every refusal', () => {
    expect(fieldOf(() => parse({ limit: '0' })).field).toBe('limit');
    expect(fieldOf(() => parse({ limit: '2.5' })).field).toBe('limit');
    expect(fieldOf(() => parse({ from: '2026-11-21T06:30:00' })).message).toMatch(/^from: .*zone/);
    expect(fieldOf(() => parse({ to: '-5' })).field).toBe('to');
    expect(fieldOf(() => parse({ from: '2026-11-22', to: '2026-11-21' })).message).toMatch(
      /^from: .*after to/,
    );
    expect(fieldOf(() => parse({ cursor: 'a b' })).field).toBe('cursor');
    const unknown = fieldOf(() => parse({ limt: '5' }));
    expect(unknown.field).toBe('limt');
    expect(unknown.message).toContain('allowed: from, to, limit, cursor');
  });

  it('is strict about times: RFC 3339, real calendar dates, 4-digit years, 1970..9999', () => {
    expect(parse({ from: '2028-02-29' }).from).toBe(Date.UTC(2028, 1, 29));
    expect(parse({ to: '9999-12-31T23:59:59.999Z' }).to).toBe(MAX_TIME_MS);
    expect(parse({ to: String(MAX_TIME_MS) }).to).toBe(MAX_TIME_MS);
    expect(parse({ from: '2026-11-21T08:30:00.123456-01:30' }).from).toBe(
      Date.UTC(2026, 10, 21, 10, 0, 0, 123),
    );
    for (const bad of [
      '2026-02-30',
      '2100-02-29',
      '2026-11-21T24:00:00Z',
      '2026-11-21T23:59:60Z',
      '2026-11-21T06:00:00+24:00',
      '+275760-09-13T00:00:00.000Z',
      '8640000000000000',
      String(MAX_TIME_MS + 1),
      '1970-01-01T00:00:00+00:01',
      ' 2026-11-21',
    ])
      expect(fieldOf(() => parse({ from: bad })).message, bad).toMatch(/^from: .* is not a time \(/);
    expect(fieldOf(() => parse({ from: '2026-02-30' })).message).toContain('February 2026 has 28 days');
  });

  it('validates path parameters', () => {
    expect(parseParameters(assetPathSchema, { asset: 'BTC' }, 'path').asset).toBe('BTC');
    expect(fieldOf(() => parseParameters(assetPathSchema, { asset: 'btc' }, 'path')).field).toBe('asset');
    expect(parseParameters(roundPathSchema, { round: '18446744073709551615' }, 'path').round).toBe(
      '18446744073709551615',
    );
    expect(
      fieldOf(() => parseParameters(roundPathSchema, { round: '18446744073709551616' }, 'path')).field,
    ).toBe('round');
    expect(fieldOf(() => parseParameters(roundPathSchema, { round: '01' }, 'path')).field).toBe('round');
  });
});

describe('OpenAPI document', () => {
  it('docs/api/openapi.json is the generated document (regenerate: see docs/api.md)', () => {
    const file = JSON.parse(
      readFileSync(new URL('../../../docs/api/openapi.json', import.meta.url), 'utf8'),
    ) as unknown;
    expect(file).toEqual(JSON.parse(JSON.stringify(OPENAPI_DOCUMENT)));
  });

  it('is OpenAPI 3.1; every schema compiles in ajv strict mode and every $ref resolves', () => {
    expect(OPENAPI_DOCUMENT.openapi).toBe('3.1.0');
    const refs = JSON.stringify(OPENAPI_DOCUMENT).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(10);
    // Compiling a ref compiles everything it reaches; an unresolvable ref or unknown keyword throws.
    for (const ref of new Set(refs)) {
      const pointer = ref.slice(8, -1);
      // Response objects are resolved by the response check; schemas must compile.
      if (pointer.startsWith('#/components/responses/'))
        expect(pointer.split('/').at(-1) ?? '').toBeOneOf(Object.keys(OPENAPI_DOCUMENT.components.responses));
      else expect(() => openApiSchemaCheck(pointer)).not.toThrow();
    }
    for (const name of Object.keys(OPENAPI_DOCUMENT.components.schemas))
      expect(() => openApiSchemaCheck(`#/components/schemas/${name}`)).not.toThrow();
    expect(() => openApiSchemaCheck('#/components/schemas/Nothing')).toThrow();
  });

  it('checks values with ajv: paths of every problem, strict RFC 3339 date-time', () => {
    const check = openApiSchemaCheck('#/components/schemas/Health');
    expect(check({ status: 'ok', now: '2026-11-21T06:00:00.000Z', assets: [], chains: [] })).toEqual([]);
    for (const now of [
      '+275760-09-13T00:00:00.000Z',
      '2026-02-30T00:00:00Z',
      '2026-11-21 06:00',
      '2026-11-21T06:00:00',
    ])
      expect(check({ status: 'ok', now, assets: [], chains: [] }), now).toEqual([
        '$.now: must match format "date-time"',
      ]);
    expect(check({ status: 'fine', now: '2026-11-21T06:00:00Z', assets: [{}], extra: 1 })).toEqual(
      expect.arrayContaining([
        '$: must NOT have additional properties "extra"',
        expect.stringMatching(/^\$\.status: must be equal to one of the allowed values/),
        "$.assets[0]: must have required property 'asset'",
      ]),
    );
  });
});
