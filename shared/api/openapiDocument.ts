import { HASH_SCHEMES } from '../risk/provenance/hashSchemes.js';
import { API_DEFAULT_LIMIT, API_MAX_LIMIT } from './parameterSchemas.js';

/** A JSON Schema (2020-12, the dialect of OpenAPI 3.1) as written in this file. */
type JsonSchema = { readonly [keyword: string]: unknown };

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const nullable = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: 'null' }] });
const bps: JsonSchema = { type: 'integer', minimum: 0, maximum: 65_535 };
const hash: JsonSchema = { type: 'string', pattern: '^[0-9a-f]{64}$' };
const hex32: JsonSchema = { type: 'string', pattern: '^0x[0-9a-fA-F]{64}$' };
const address: JsonSchema = { type: 'string', pattern: '^0x[0-9a-fA-F]{40}$' };
const round: JsonSchema = {
  type: 'string',
  pattern: '^[1-9][0-9]{0,19}$',
  description: 'uint64 round, decimal text',
};
const ms: JsonSchema = { type: 'integer', minimum: 0, description: 'ms UTC' };
const dateTime: JsonSchema = { type: 'string', format: 'date-time' };
const numberOrNull: JsonSchema = { type: ['number', 'null'] };

const object = (
  properties: Record<string, JsonSchema>,
  optional: readonly string[] = [],
  extra: Partial<JsonSchema> = {},
): JsonSchema => ({
  type: 'object',
  properties,
  required: Object.keys(properties).filter((name) => !optional.includes(name)),
  additionalProperties: false,
  ...extra,
});

const recordSummaryProperties: Record<string, JsonSchema> = {
  asset: { type: 'string' },
  ts: { ...ms, description: 'collection time of the cycle (the record key), ms UTC' },
  collectedAt: dateTime,
  asOf: { ...dateTime, description: 'observation time: close of the last complete hourly candle' },
  volIndexBps: bps,
  ltvBps: bps,
  ltBps: bps,
  lbBps: bps,
  publishDue: { type: 'boolean' },
  publishReason: { enum: ['first', 'deviation', 'heartbeat', 'freeze', 'none'] },
  degraded: { type: 'boolean' },
  frozen: { type: 'boolean' },
  round: nullable(round),
  txHash: nullable(hex32),
  modelVersion: { type: 'string' },
  configHash: hash,
  inputsHash: hash,
  recordHash: hash,
};

const paramsBps = object({ volIndexBps: bps, ltvBps: bps, ltBps: bps, lbBps: bps, haircutBps: bps });
const changeBps = object({ ltv: { type: 'number' }, lt: { type: 'number' }, lb: { type: 'number' } });

const schemas: Record<string, JsonSchema> = {
  Error: object({
    error: object(
      {
        status: { type: 'integer', minimum: 400, maximum: 599 },
        code: { enum: ['invalidParameter', 'notFound', 'methodNotAllowed', 'notConfigured', 'internal'] },
        message: { type: 'string', minLength: 1 },
        field: { type: 'string', description: 'the request parameter at fault' },
      },
      ['field'],
    ),
  }),
  AssetSummary: object({
    asset: { type: 'string' },
    configured: { type: 'boolean' },
    lastCycleAt: nullable(dateTime),
    degraded: { type: ['boolean', 'null'] },
    onChain: nullable(
      object({
        round,
        txHash: nullable(hex32),
        observedAt: dateTime,
        volIndexBps: bps,
        ltvBps: bps,
        ltBps: bps,
        lbBps: bps,
      }),
    ),
  }),
  AssetList: object({ assets: { type: 'array', items: ref('AssetSummary') } }),
  RecordSummary: object(recordSummaryProperties),
  RiskParamsBps: paramsBps,
  RiskReason: object(
    {
      stage: { enum: ['input', 'quality', 'model', 'freeze', 'bounds', 'invariant', 'control'] },
      code: { type: 'string' },
      param: { enum: ['ltv', 'lt', 'lb', 'vi', 'slip', 'q'] },
      from: { type: 'number' },
      to: { type: 'number' },
      detail: { type: 'string' },
    },
    ['param', 'from', 'to'],
  ),
  PublishedState: object({
    asset: { type: 'string' },
    volIndexBps: bps,
    ltvBps: bps,
    ltBps: bps,
    lbBps: bps,
    haircutBps: bps,
    publishedAt: ms,
    frozen: { type: 'boolean' },
    loosening: object({
      ltv: {
        type: 'array',
        items: { type: 'array', prefixItems: [ms, { type: 'number' }], minItems: 2, maxItems: 2 },
      },
      lt: {
        type: 'array',
        items: { type: 'array', prefixItems: [ms, { type: 'number' }], minItems: 2, maxItems: 2 },
      },
      lb: {
        type: 'array',
        items: { type: 'array', prefixItems: [ms, { type: 'number' }], minItems: 2, maxItems: 2 },
      },
    }),
    apc: object({ qLt: numberOrNull, qLtv: numberOrNull }),
    updatedAt: ms,
  }),
  RiskRecord: object(
    {
      modelVersion: { type: 'string' },
      asset: { type: 'string' },
      asOf: ms,
      hashScheme: {
        enum: [...HASH_SCHEMES],
        description:
          'scheme of every hash in the record and of the record itself (docs/audit.md); absent on records written before records named it, which use ballast-v1-sha256',
      },
      configHash: hash,
      inputsHash: hash,
      previousHash: nullable(hash),
      intermediate: {
        type: 'object',
        description:
          'intermediate values of the model (docs/methodology.md §8): volatilities, horizon, drop quantiles, slippage',
        required: [
          'candlesUsed',
          'sigmaFast',
          'horizonHours',
          'qLt',
          'qLtv',
          'slip',
          'slipSource',
          'apcMode',
        ],
        additionalProperties: { type: ['number', 'string', 'null'] },
      },
      flags: {
        type: 'object',
        required: [
          'fhsFallback',
          'sqrtExtrapolated',
          'frozen',
          'degraded',
          'rangeVolDisagreement',
          'insufficientHistory',
        ],
        additionalProperties: { type: 'boolean' },
      },
      raw: ref('RiskParamsBps'),
      target: ref('RiskParamsBps'),
      candidate: ref('RiskParamsBps'),
      published: ref('RiskParamsBps'),
      publish: object({
        due: { type: 'boolean' },
        reason: { enum: ['first', 'deviation', 'heartbeat', 'freeze', 'none'] },
        changeBps,
      }),
      reasons: { type: 'array', items: ref('RiskReason') },
      nextState: ref('PublishedState'),
    },
    ['hashScheme'],
  ),
  LatestParameters: object({ ...recordSummaryProperties, record: ref('RiskRecord') }),
  ParameterHistory: object({
    asset: { type: 'string' },
    from: nullable(dateTime),
    to: nullable(dateTime),
    limit: { type: 'integer', minimum: 1, maximum: API_MAX_LIMIT },
    items: { type: 'array', items: ref('RecordSummary'), description: 'oldest first' },
    nextCursor: {
      type: ['string', 'null'],
      description: 'pass as `cursor` (same asset, from and to) for the next page; null on the last page',
    },
  }),
  RiskInputs: object(
    {
      asset: { type: 'string' },
      asOf: ms,
      candles: {
        type: 'array',
        description: 'hourly candles [openTime ms, open, high, low, close, base volume]',
        items: { type: 'array', items: { type: 'number' }, minItems: 6, maxItems: 6 },
      },
      book: object(
        {
          referencePrice: { type: 'number' },
          bids: {
            type: 'array',
            items: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 },
          },
          bestBid: { type: 'number' },
          bestAsk: { type: 'number' },
          depth2PctUsd: { type: 'number' },
        },
        ['depth2PctUsd'],
      ),
      quality: object({
        degraded: { type: 'boolean' },
        reasons: { type: 'array', items: { type: 'string' } },
      }),
    },
    ['book'],
  ),
  Publication: object(
    {
      oracle: { type: 'string', pattern: '^[0-9]+#0x[0-9a-f]{40}$' },
      round,
      chainId: { type: 'integer', minimum: 1 },
      oracleAddress: address,
      observedAt: { type: 'integer', minimum: 0, description: 'unix seconds the batch was observed at' },
      assets: {
        type: 'array',
        items: object({
          asset: { type: 'string' },
          recordTs: ms,
          volIndexBps: bps,
          ltvBps: bps,
          ltBps: bps,
          lbBps: bps,
        }),
      },
      batchDigest: hex32,
      signatures: { type: 'array', items: { type: 'string', pattern: '^0x[0-9a-fA-F]{130}$' } },
      signer: address,
      sender: address,
      nonce: { type: 'integer', minimum: 0 },
      status: { enum: ['pending', 'mined', 'reverted', 'dropped'] },
      txHash: hex32,
      blockNumber: { type: 'integer', minimum: 0 },
      gasUsed: { type: 'string' },
      effectiveGasPrice: { type: 'string' },
      error: { type: 'string' },
      createdAt: ms,
      updatedAt: ms,
      superseded: {
        type: 'array',
        description: 'earlier attempts at this round number that reverted or were dropped (never on-chain)',
        items: object(
          {
            status: { enum: ['reverted', 'dropped'] },
            nonce: { type: 'integer', minimum: 0 },
            batchDigest: hex32,
            txHash: hex32,
            error: { type: 'string' },
          },
          ['txHash', 'error'],
        ),
      },
    },
    ['txHash', 'blockNumber', 'gasUsed', 'effectiveGasPrice', 'error', 'superseded'],
  ),
  AuditBundle: object({
    format: { const: 'ballast-audit-bundle/1' },
    generatedAt: dateTime,
    oracle: object({ chainId: { type: 'integer', minimum: 1 }, address }),
    publication: ref('Publication'),
    assets: {
      type: 'array',
      items: object({
        asset: { type: 'string' },
        recordTs: ms,
        record: ref('RiskRecord'),
        recordHash: hash,
        inputs: ref('RiskInputs'),
        snapshotInputsHash: hash,
        previous: nullable(object({ recordTs: ms, state: ref('PublishedState') })),
        config: {
          type: ['object', 'null'],
          description: 'the resolved asset config whose canonical hash is record.configHash',
        },
      }),
    },
  }),
  AssetHealth: object({
    asset: { type: 'string' },
    status: { enum: ['ok', 'degraded', 'stale', 'noData'] },
    lastCycleAt: nullable(dateTime),
    degraded: { type: ['boolean', 'null'] },
    lastRound: nullable(round),
    lastTxHash: nullable(hex32),
    lastPublishedObservationAt: nullable(dateTime),
    stalenessSeconds: { type: ['integer', 'null'], minimum: 0 },
    maxStalenessSeconds: { type: ['integer', 'null'], minimum: 0 },
  }),
  Health: object({
    status: { enum: ['ok', 'degraded', 'stale', 'noData'] },
    now: dateTime,
    assets: { type: 'array', items: ref('AssetHealth') },
  }),
};

const json = (schema: string, description: string): Record<string, unknown> => ({
  description,
  content: { 'application/json': { schema: ref(schema) } },
});
const errors = (...statuses: number[]): Record<string, unknown> =>
  Object.fromEntries(
    statuses.map((status) => [
      String(status),
      json(
        'Error',
        {
          400: 'a parameter is not allowed; `error.field` names it',
          404: 'unknown asset, round or route',
          503: 'the API has no oracle configured',
        }[status] ?? 'error',
      ),
    ]),
  );
const assetPath = {
  name: 'asset',
  in: 'path',
  required: true,
  description: 'asset name as configured, e.g. BTC',
  schema: { type: 'string', pattern: '^[A-Z0-9]{2,11}$' },
};
const time = (name: string, description: string): Record<string, unknown> => ({
  name,
  in: 'query',
  required: false,
  description: `${description}: ISO-8601 with a zone (2026-11-21T06:00:00Z, or a date) or epoch milliseconds`,
  schema: { type: 'string' },
});

/** The read API's OpenAPI 3.1 document (docs/api/openapi.json is written from this). */
export const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: 'Ballast read API',
    version: '1.0.0',
    description:
      'Risk parameters (volatility index, LTV, liquidation threshold and bonus) per asset, their history with provenance, ' +
      'audit bundles of on-chain rounds, and pipeline health. Read-only. Errors are `{ "error": { status, code, message, field? } }`.',
    license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
  },
  paths: {
    '/v1/assets': {
      get: {
        operationId: 'listAssets',
        summary: 'Configured assets and what is on-chain for each',
        responses: { 200: json('AssetList', 'the assets'), ...errors(400) },
      },
    },
    '/v1/assets/{asset}/parameters/latest': {
      get: {
        operationId: 'getLatestParameters',
        summary: "The asset's most recent risk record",
        parameters: [assetPath],
        responses: { 200: json('LatestParameters', 'the latest record, whole'), ...errors(400, 404) },
      },
    },
    '/v1/assets/{asset}/parameters': {
      get: {
        operationId: 'getParameterHistory',
        summary: "A page of the asset's records, oldest first",
        parameters: [
          assetPath,
          time('from', 'inclusive lower bound on the collection time'),
          time('to', 'inclusive upper bound on the collection time'),
          {
            name: 'limit',
            in: 'query',
            required: false,
            description: 'items per page',
            schema: { type: 'integer', minimum: 1, maximum: API_MAX_LIMIT, default: API_DEFAULT_LIMIT },
          },
          {
            name: 'cursor',
            in: 'query',
            required: false,
            description: '`nextCursor` of the previous page, unchanged',
            schema: { type: 'string' },
          },
        ],
        responses: { 200: json('ParameterHistory', 'one page'), ...errors(400, 404) },
      },
    },
    '/v1/rounds/{round}': {
      get: {
        operationId: 'getRound',
        summary:
          "A round's audit bundle: signed payload, signatures, signer, transaction, inputs and their hash, records with intermediate values",
        parameters: [{ name: 'round', in: 'path', required: true, schema: round }],
        responses: {
          200: json('AuditBundle', 'the audit bundle (`ballast verify --bundle` checks it)'),
          ...errors(400, 404, 503),
        },
      },
    },
    '/v1/health': {
      get: {
        operationId: 'getHealth',
        summary: 'Per asset: staleness of the on-chain parameters, last cycle, degraded state',
        responses: { 200: json('Health', 'health of every asset'), ...errors(400) },
      },
    },
  },
  components: { schemas },
} as const;
