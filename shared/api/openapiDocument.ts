import { HASH_SCHEMES } from '../risk/provenance/hashSchemes.js';
import { API_DEFAULT_LIMIT, API_MAX_LIMIT } from './parameterSchemas.js';

/** A JSON Schema (2020-12, the dialect of OpenAPI 3.1) as written in this file. */
type JsonSchema = { readonly [keyword: string]: unknown };

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const nullable = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: 'null' }] });
const bps: JsonSchema = { type: 'integer', minimum: 0, maximum: 65_535 };
const bpsRange: JsonSchema = {
  type: 'array',
  items: bps,
  minItems: 2,
  maxItems: 2,
  description: '[min, max], bp',
};
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
  asOf: {
    ...dateTime,
    description:
      'close of the last complete hourly candle the engine used (the candle hour; the on-chain observation time is the collection time)',
  },
  volIndexBps: bps,
  ltvBps: bps,
  ltBps: bps,
  lbBps: bps,
  publishDue: { type: 'boolean' },
  publishReason: { enum: ['first', 'deviation', 'heartbeat', 'freeze', 'none'] },
  degraded: { type: 'boolean' },
  frozen: { type: 'boolean' },
  round: { ...nullable(round), description: 'the first round that carried the record, on any chain' },
  txHash: nullable(hex32),
  chains: {
    type: 'array',
    items: ref('RecordChainStatus'),
    description:
      'what became of the record on each target chain (or on the one `chain` names), in config order',
  },
  modelVersion: { type: 'string' },
  configHash: hash,
  inputsHash: hash,
  recordHash: hash,
};

const paramsBps = object({ volIndexBps: bps, ltvBps: bps, ltBps: bps, lbBps: bps, haircutBps: bps });
const changeBps = object({ ltv: { type: 'number' }, lt: { type: 'number' }, lb: { type: 'number' } });

const schemas: Record<string, JsonSchema> = {
  Correlations: object({
    modelVersion: { type: 'string' },
    asOf: { ...dateTime, description: 'close of the last synchronous hour used' },
    assets: { type: 'array', items: { type: 'string' } },
    correlation: {
      type: 'array',
      description: 'EWMA correlation (λ_corr), indexed like assets',
      items: { type: 'array', items: { type: 'number', minimum: -1, maximum: 1 } },
    },
    volatility: { type: 'array', items: { type: 'number', minimum: 0 }, description: 'annualised EWMA σ' },
    stressed: {
      type: 'array',
      description: 'highest rolling 7-day correlation of the trailing year',
      items: { type: 'array', items: { type: ['number', 'null'], minimum: -1, maximum: 1 } },
    },
    before: nullable({
      type: 'array',
      items: { type: 'array', items: { type: 'number', minimum: -1, maximum: 1 } },
    }),
    moved: {
      type: 'array',
      items: object({
        a: { type: 'string' },
        b: { type: 'string' },
        now: { type: 'number' },
        before: { type: 'number' },
        change: { type: 'number' },
      }),
    },
    returns: { type: 'integer', minimum: 0 },
    parameters: object({
      lambdaCorr: { type: 'number' },
      seedReturns: { type: 'integer' },
      stressWindowHours: { type: 'number' },
      stressLookbackHours: { type: 'number' },
      stressMinCoverage: { type: 'number' },
      movedLookbackHours: { type: 'number' },
      movedPairs: { type: 'integer' },
    }),
    inputsHash: hash,
    cycleAt: { ...dateTime, description: 'collection time of the cycle that stored these correlations' },
    snapshots: {
      type: 'array',
      description: 'the stored snapshots whose candles were correlated',
      items: object({ asset: { type: 'string' }, ts: { type: 'integer' } }),
    },
  }),
  Position: object(
    {
      name: { type: 'string', minLength: 1, maxLength: 100 },
      collateral: {
        type: 'object',
        minProperties: 1,
        maxProperties: 50,
        propertyNames: { pattern: '^[A-Z0-9]{1,16}$' },
        additionalProperties: { type: 'number', exclusiveMinimum: 0 },
        description: 'amount of each asset held, in units of the asset (USD, USDC, USDT count at 1 USD)',
      },
      debt: {
        type: 'object',
        maxProperties: 50,
        propertyNames: { pattern: '^[A-Z0-9]{1,16}$' },
        additionalProperties: { type: 'number', exclusiveMinimum: 0 },
      },
    },
    ['name', 'debt'],
  ),
  Portfolio: object({
    name: { type: ['string', 'null'] },
    modelVersion: { type: 'string' },
    asOf: dateTime,
    prices: { type: 'object', additionalProperties: { type: 'number' } },
    collateralUsd: { type: 'object', additionalProperties: { type: 'number' } },
    debtUsd: { type: 'object', additionalProperties: { type: 'number' } },
    q: { type: 'number', minimum: 0, maximum: 1, description: '99 % drop of collateral/debt over H' },
    scenarios: { type: 'integer', minimum: 0 },
    quantileScenarioStart: nullable(dateTime),
    contributions: { type: 'object', additionalProperties: { type: 'number' } },
    collateralValue: { type: 'number' },
    debtValue: { type: 'number' },
    isolatedLt: { type: 'number' },
    portfolioLt: { type: 'number' },
    healthIsolated: numberOrNull,
    healthPortfolio: numberOrNull,
    requiredIsolated: numberOrNull,
    requiredPortfolio: numberOrNull,
    diversificationCredit: numberOrNull,
    diversificationCreditShare: numberOrNull,
    dominantAsset: { type: ['string', 'null'] },
    parameters: object({
      alpha: { type: 'number' },
      horizonHours: { type: 'integer' },
      lambda: { type: 'number' },
      seedCount: { type: 'integer' },
      stride: { type: 'integer' },
      minScenarios: { type: 'integer' },
      epsilonBps: { type: 'number' },
      neighbours: { type: 'integer' },
    }),
    inputsHash: hash,
  }),
  Error: object({
    error: object(
      {
        status: { type: 'integer', minimum: 400, maximum: 599 },
        code: {
          enum: [
            'invalidParameter',
            'badRequest',
            'notFound',
            'methodNotAllowed',
            'payloadTooLarge',
            'notConfigured',
            'unauthorized',
            'internal',
          ],
        },
        message: { type: 'string', minLength: 1 },
        field: { type: 'string', description: 'the request parameter at fault' },
      },
      ['field'],
    ),
  }),
  GatewayError: object({ message: { type: 'string' } }, [], {
    description:
      "API Gateway's own answer when the request does not reach the function (e.g. 413, 429, 500, 503, 504)",
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
  RecordChainStatus: object(
    {
      chain: { type: 'string', description: "the chain's name in the stage config" },
      chainId: { type: 'integer', minimum: 1 },
      status: {
        enum: ['published', 'failed', 'pending', 'not-due'],
        description:
          'published: a mined round carried the record there; failed: that chain refused or reverted it (error); ' +
          'pending: due but not on that chain (in flight, the chain down or lagging, or superseded by a newer record); ' +
          'not-due: nothing to publish there',
      },
      round: nullable(round),
      txHash: nullable(hex32),
      blockNumber: {
        type: ['integer', 'null'],
        minimum: 0,
        description: 'null for records marked before blocks were kept',
      },
      error: { type: ['string', 'null'], description: 'why that chain refused or reverted the record' },
    },
    [],
    { description: 'a record on one target chain (docs/multi-chain.md)' },
  ),
  ReadChain: object({
    name: { type: 'string' },
    chainId: { type: 'integer', minimum: 1 },
    oracleAddress: address,
  }),
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
  PublishedState: object(
    {
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
      control: {
        ...object({ ltvBps: { type: 'number' }, ltBps: { type: 'number' }, lbBps: { type: 'number' } }),
        description:
          'model 2: the unrounded control path the half-life loosening follows, bp (docs/methodology.md §7); absent in model 1 states',
      },
    },
    ['control'],
  ),
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
      checkpointHash: {
        ...hash,
        description:
          'hash of the engine checkpoint the record continued (docs/methodology.md §8.4); its inputs then hold the candles after it only. Absent: computed from the first candle',
      },
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
    ['hashScheme', 'checkpointHash'],
  ),
  LatestParameters: object({ ...recordSummaryProperties, record: ref('RiskRecord') }),
  ParameterHistory: object({
    asset: { type: 'string' },
    chains: {
      type: 'array',
      items: ref('ReadChain'),
      description: "the chains each item's `chains` reports: every target chain, or the one `chain` names",
    },
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
      impliedVol: {
        ...object({ source: { type: 'string' }, index: { type: 'number' }, ts: ms }),
        description:
          'implied volatility collected with the snapshot (Deribit DVOL for BTC and ETH), annualised percent (docs/methodology.md §3.7)',
      },
    },
    ['book', 'impliedVol'],
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
        items: object(
          {
            asset: { type: 'string' },
            recordTs: ms,
            volIndexBps: bps,
            ltvBps: bps,
            ltBps: bps,
            lbBps: bps,
            catchUp: {
              ...object({
                from: nullable(object({ ltvBps: bps, ltBps: bps, lbBps: bps })),
                limits: object({
                  maxLoosenBps: bps,
                  maxTightenBps: bps,
                  ltv: bpsRange,
                  lt: bpsRange,
                  lb: bpsRange,
                }),
              }),
              description:
                "a lagging chain's catch-up (docs/multi-chain.md): the values are the record's `published` stepped from what this chain held (`from`, null: nothing) within its guardrails (`limits`), not the candidate",
            },
          },
          ['catchUp'],
        ),
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
      impact: ref('RoundImpact'),
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
    ['txHash', 'blockNumber', 'gasUsed', 'effectiveGasPrice', 'error', 'superseded', 'impact'],
  ),
  ImpactLine: object({
    asset: { type: 'string', description: 'asset id, or pair id C/D when a pair LT applied' },
    positions: { type: 'integer', minimum: 0 },
    collateralUsd: { type: 'number', minimum: 0 },
    debtUsd: { type: 'number', minimum: 0 },
  }),
  RoundLtChange: object({
    asset: { type: 'string' },
    fromBps: nullable(bps),
    toBps: bps,
    targetBps: bps,
    ltRampHours: {
      type: 'number',
      minimum: 0,
      description: "governance's opt-in ramp of large LT decreases; 0 = off",
    },
    ramped: { type: 'boolean', description: 'the ramp held the LT above its target this round' },
  }),
  RoundImpact: {
    description:
      "A round's impact on known positions, computed before it was signed (docs/positions.md); it never holds a round back",
    oneOf: [
      object({
        status: { const: 'computed' },
        positions: { type: 'integer', minimum: 0 },
        evaluated: { type: 'integer', minimum: 0 },
        unknown: { type: 'integer', minimum: 0 },
        liquidatableBefore: { type: 'integer', minimum: 0 },
        newlyLiquidatable: object({
          positions: { type: 'integer', minimum: 0 },
          collateralUsd: { type: 'number', minimum: 0 },
          debtUsd: { type: 'number', minimum: 0 },
        }),
        byAsset: { type: 'array', items: ref('ImpactLine') },
        belowAlert: { type: 'integer', minimum: 0 },
        nearEdge: {
          type: 'array',
          items: object({
            id: { type: 'string' },
            hfCurrent: numberOrNull,
            hfCandidate: { type: 'number', minimum: 0 },
            debtUsd: { type: 'number', minimum: 0 },
          }),
        },
        prices: { type: 'object', additionalProperties: { type: 'number', exclusiveMinimum: 0 } },
        changes: { type: 'array', items: ref('RoundLtChange') },
        sources: { type: 'integer', minimum: 0 },
      }),
      object({
        status: { const: 'failed' },
        error: { type: 'string' },
        changes: { type: 'array', items: ref('RoundLtChange') },
      }),
    ],
  },
  RoundImpactResponse: object({
    round,
    chainId: { type: 'integer', minimum: 1 },
    oracleAddress: address,
    status: { enum: ['pending', 'mined', 'reverted', 'dropped'] },
    assets: { type: 'array', items: object({ asset: { type: 'string' }, ltBps: bps }) },
    impact: ref('RoundImpact'),
  }),
  PositionsPush: object({
    positions: {
      type: 'array',
      minItems: 1,
      maxItems: 1000,
      items: object(
        {
          account: { type: 'string', pattern: '^[A-Za-z0-9:._-]{1,100}$' },
          collateral: {
            type: 'object',
            maxProperties: 50,
            propertyNames: { pattern: '^[A-Z0-9]{1,16}$' },
            additionalProperties: { type: 'number', minimum: 0 },
          },
          debt: {
            type: 'object',
            maxProperties: 50,
            propertyNames: { pattern: '^[A-Z0-9]{1,16}$' },
            additionalProperties: { type: 'number', minimum: 0 },
          },
          alertLevel: { type: 'number', exclusiveMinimum: 1, maximum: 10 },
        },
        ['alertLevel'],
      ),
    },
  }),
  PositionsPushResult: object({
    protocol: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,31}$' },
    stored: { type: 'integer', minimum: 0 },
    removed: { type: 'integer', minimum: 0 },
  }),
  AuditBundle: object({
    format: { const: 'ballast-audit-bundle/1' },
    generatedAt: dateTime,
    oracle: object({ chainId: { type: 'integer', minimum: 1 }, address }),
    publication: ref('Publication'),
    assets: {
      type: 'array',
      items: object(
        {
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
          provenance: {
            type: 'object',
            description:
              'where the record\'s candles came from (docs/methodology.md §8.4): basis "checkpoint" (checkpointHourTs, and the candle hours candlesFromTs..candlesToTs after it) or "fullRebuild" (reason, detail, the candle hours from the first); absent for records computed from their snapshot\'s whole history',
            required: ['basis', 'candlesFromTs', 'candlesToTs'],
            properties: {
              basis: { enum: ['checkpoint', 'fullRebuild'] },
              checkpointHourTs: ms,
              reason: { enum: ['noCheckpoint', 'newChain', 'chainBroken'] },
              detail: { type: 'string' },
              candlesFromTs: { type: ['integer', 'null'] },
              candlesToTs: { type: ['integer', 'null'] },
            },
            additionalProperties: false,
          },
          checkpoint: object(
            {
              hourTs: ms,
              hash,
              state: {
                type: 'object',
                description:
                  'the engine state (ballast-engine-state/1) whose canonical hash is record.checkpointHash',
              },
            },
            [],
            { description: 'the engine checkpoint the record continued; absent when it names none' },
          ),
        },
        ['provenance', 'checkpoint'],
      ),
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
    chains: {
      type: 'array',
      items: ref('ChainHealth'),
      description: 'every target chain (or the one `chain` names), in config order (docs/multi-chain.md)',
    },
  }),
  ChainHealth: object({
    chain: { type: 'string' },
    chainId: { type: 'integer', minimum: 1 },
    oracleAddress: address,
    lastRound: nullable(round),
    lastRoundStatus: {
      enum: ['pending', 'mined', 'reverted', 'dropped', null],
      description:
        "the newest round's status on this chain: pending (in flight), reverted or dropped (failed)",
    },
    lastTxHash: nullable(hex32),
    lastBlockNumber: { type: ['integer', 'null'], minimum: 0 },
    lastError: { type: ['string', 'null'] },
    assets: {
      type: 'array',
      description: "each asset's newest mined round on this chain, among the chain's last 50 rounds",
      items: object({
        asset: { type: 'string' },
        round,
        txHash: nullable(hex32),
        blockNumber: { type: ['integer', 'null'], minimum: 0 },
        observedAt: dateTime,
        stalenessSeconds: { type: 'integer', minimum: 0 },
      }),
    },
  }),
};

const json = (schema: string, description: string): Record<string, unknown> => ({
  description,
  content: { 'application/json': { schema: ref(schema) } },
});
const response = (name: string): Record<string, unknown> => ({ $ref: `#/components/responses/${name}` });
const errorOrGateway = (description: string): Record<string, unknown> => ({
  description,
  content: { 'application/json': { schema: { anyOf: [ref('Error'), ref('GatewayError')] } } },
});
/** Responses every operation shares, referenced by name. */
const responses = {
  BadRequest: json(
    'Error',
    'a parameter is not allowed (`error.field` names it), or the request is malformed',
  ),
  NotFound: json(
    'Error',
    'unknown asset, round or route (paths match exactly: no trailing slash, no dot segments)',
  ),
  MethodNotAllowed: json('Error', 'GET, HEAD and OPTIONS only (POST and OPTIONS on /v1/portfolio)'),
  Unauthorized: json(
    'Error',
    'no `authorization: Bearer <key>` header, or a key no protocol holds; nothing was stored',
  ),
  PayloadTooLarge: errorOrGateway(
    'a request body over 10 MiB (GET routes take none), or over 16 KiB for POST /v1/portfolio',
  ),
  Internal: errorOrGateway('an unexpected failure; no internals, logged with the request id'),
  NotConfigured: json('Error', 'the API has no oracle configured'),
  Default: errorOrGateway("any other error, e.g. API Gateway's 429 when throttled"),
  Preflight: { description: 'CORS preflight: no body; Access-Control-Allow-* headers' },
};
const shared = {
  400: response('BadRequest'),
  404: response('NotFound'),
  413: response('PayloadTooLarge'),
  500: response('Internal'),
  default: response('Default'),
};

/** A path's operations: GET as given, HEAD answering as GET without the body, OPTIONS 204, writes 405. */
function readOnlyPath(get: { responses: Record<string, unknown> } & Record<string, unknown>) {
  const getResponses = { ...get.responses, ...shared };
  const notAllowed = {
    summary: 'not allowed: the API is read-only',
    responses: {
      405: response('MethodNotAllowed'),
      413: shared[413],
      500: shared[500],
      default: shared.default,
    },
  };
  return {
    get: { ...get, responses: getResponses },
    head: {
      summary: `${String(get.summary)} (headers only)`,
      ...(get.parameters === undefined ? {} : { parameters: get.parameters }),
      responses: getResponses,
    },
    options: {
      summary: 'CORS preflight',
      responses: { 204: response('Preflight'), 413: shared[413], 500: shared[500], default: shared.default },
    },
    put: notAllowed,
    post: notAllowed,
    delete: notAllowed,
    patch: notAllowed,
  };
}
const assetPath = {
  name: 'asset',
  in: 'path',
  required: true,
  description:
    'asset name as configured, e.g. BTC, or a pair COLLATERAL/DEBT (docs/cross-asset.md) with its slash percent-encoded, e.g. ETH%2FBTC',
  schema: { type: 'string', pattern: '^[A-Z0-9]{2,11}(/[A-Z0-9]{2,11})?$' },
};
const chainQuery = (description: string): Record<string, unknown> => ({
  name: 'chain',
  in: 'query',
  required: false,
  description: `${description}: a target chain's id (e.g. 8453) or name (e.g. base); an unknown chain answers 400 listing the chains`,
  schema: { type: 'string', pattern: '^([1-9][0-9]{0,15}|[a-z][a-z0-9-]{1,30})$' },
});
const time = (name: string, description: string): Record<string, unknown> => ({
  name,
  in: 'query',
  required: false,
  description:
    `${description}: RFC 3339 with a zone (2026-11-21T06:00:00Z), a date (2026-11-21) or epoch milliseconds, ` +
    'from 1970-01-01 to 9999-12-31; impossible dates (2026-02-30) are refused, not normalised',
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
      'audit bundles of on-chain rounds, and pipeline health. Read-only: GET and HEAD; OPTIONS answers the CORS preflight; ' +
      'other methods on a route answer 405. Paths match exactly as sent (no trailing slash, no `.`/`..` segments); ' +
      'a path no route matches answers 404 for any method. Errors are `{ "error": { status, code, message, field? } }`; ' +
      'answers API Gateway gives itself (throttling, oversized requests) are `{ "message": … }`.',
    license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
  },
  paths: {
    '/v1/assets': readOnlyPath({
      operationId: 'listAssets',
      summary: 'Configured assets and what is on-chain for each',
      responses: { 200: json('AssetList', 'the assets') },
    }),
    '/v1/assets/{asset}/parameters/latest': readOnlyPath({
      operationId: 'getLatestParameters',
      summary: "The asset's most recent risk record",
      parameters: [assetPath, chainQuery('report the record on this chain only (default: every chain)')],
      responses: { 200: json('LatestParameters', 'the latest record, whole, with its status per chain') },
    }),
    '/v1/assets/{asset}/parameters': readOnlyPath({
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
          description:
            '`nextCursor` of the previous page, unchanged; a cursor at the end of the window answers an empty last page',
          schema: { type: 'string' },
        },
        chainQuery("report each record's status on this chain only (default: every chain)"),
      ],
      responses: { 200: json('ParameterHistory', 'one page') },
    }),
    '/v1/rounds/{round}': readOnlyPath({
      operationId: 'getRound',
      summary:
        "A round's audit bundle: signed payload, signatures, signer, transaction, inputs and their hash, records with intermediate values",
      parameters: [
        { name: 'round', in: 'path', required: true, schema: round },
        chainQuery(
          'the chain whose round this is (a round number names one round per chain; default: the first chain)',
        ),
      ],
      responses: {
        200: json('AuditBundle', 'the audit bundle (`ballast verify --bundle` checks it)'),
        503: response('NotConfigured'),
      },
    }),
    '/v1/rounds/{round}/impact': readOnlyPath({
      operationId: 'getRoundImpact',
      summary:
        "A round's impact on positions, recorded before it was sent: positions going from HF ≥ 1 to HF < 1, counted and in USD per asset (docs/positions.md)",
      parameters: [
        { name: 'round', in: 'path', required: true, schema: round },
        chainQuery('the chain whose round this is (default: the first chain)'),
      ],
      responses: {
        200: json('RoundImpactResponse', 'the recorded impact'),
        503: response('NotConfigured'),
      },
    }),
    '/v1/correlations': readOnlyPath({
      operationId: 'getCorrelations',
      summary:
        'EWMA and stressed correlations of the assets and the pairs that moved most (docs/cross-asset.md), as stored by the latest cycle (at or before `at`)',
      parameters: [time('at', 'the correlations of the last cycle collected at or before this time')],
      responses: { 200: json('Correlations', 'the correlation block of one cycle') },
    }),
    '/v1/portfolio': {
      post: {
        operationId: 'postPortfolio',
        summary:
          'Portfolio margin of one position (docs/cross-asset.md): isolated vs portfolio health factor and required collateral, diversification credit, dominant asset',
        requestBody: {
          required: true,
          description:
            'a position, at most 16 KiB; unknown members and non-positive amounts are refused (400 naming the field)',
          content: { 'application/json': { schema: ref('Position') } },
        },
        responses: { 200: json('Portfolio', 'the position under both margins'), ...shared },
      },
      options: {
        summary: 'CORS preflight',
        responses: {
          204: response('Preflight'),
          413: shared[413],
          500: shared[500],
          default: shared.default,
        },
      },
      ...Object.fromEntries(
        ['get', 'head', 'put', 'delete', 'patch'].map((method) => [
          method,
          {
            summary: 'not allowed: POST only',
            responses: {
              405: response('MethodNotAllowed'),
              413: shared[413],
              500: shared[500],
              default: shared.default,
            },
          },
        ]),
      ),
    },
    '/v1/positions': {
      put: {
        operationId: 'putPositions',
        summary:
          "A protocol's positions (docs/positions.md), upserted by account into its own partition; both sides empty removes one",
        security: [{ protocolKey: [] }],
        requestBody: {
          required: true,
          description:
            'at most 256 KiB and 1,000 positions; amounts in asset units of configured assets or USD, USDC, USDT; unknown members, negative amounts and duplicate accounts are refused (400 naming the field)',
          content: { 'application/json': { schema: ref('PositionsPush') } },
        },
        responses: {
          200: json('PositionsPushResult', 'what was stored'),
          401: response('Unauthorized'),
          503: response('NotConfigured'),
          ...shared,
        },
      },
      options: {
        summary: 'CORS preflight',
        responses: {
          204: response('Preflight'),
          413: shared[413],
          500: shared[500],
          default: shared.default,
        },
      },
      ...Object.fromEntries(
        ['get', 'head', 'post', 'delete', 'patch'].map((method) => [
          method,
          {
            summary: 'not allowed: PUT only',
            responses: {
              405: response('MethodNotAllowed'),
              413: shared[413],
              500: shared[500],
              default: shared.default,
            },
          },
        ]),
      ),
    },
    '/v1/health': readOnlyPath({
      operationId: 'getHealth',
      summary:
        'Per asset: staleness of the on-chain parameters, last cycle, degraded state; per chain: newest round and its status, each asset there',
      parameters: [chainQuery('report this chain only (default: every chain)')],
      responses: { 200: json('Health', 'health of every asset and chain') },
    }),
  },
  components: {
    schemas,
    responses,
    securitySchemes: {
      protocolKey: {
        type: 'http',
        scheme: 'bearer',
        description: "a protocol's API key for PUT /v1/positions (its SHA-256 is kept in the stage's secret)",
      },
    },
  },
} as const;
