import type { ApiContext } from './ApiContext.js';
import { ApiError, NotFoundError } from './errors.js';
import {
  assetPathSchema,
  chainQuerySchema,
  correlationsQuerySchema,
  emptyQuerySchema,
  historyQuerySchema,
  roundPathSchema,
} from './parameterSchemas.js';
import { parseParameters } from './parseParameters.js';
import { requestedChains } from './requestedChains.js';
import { getHealth } from './routes/getHealth.js';
import { getLatestParameters } from './routes/getLatestParameters.js';
import { getParameterHistory } from './routes/getParameterHistory.js';
import { getRound } from './routes/getRound.js';
import { getRoundImpact } from './routes/getRoundImpact.js';
import { listAssets } from './routes/listAssets.js';
import { getCorrelations } from './routes/getCorrelations.js';
import { postPortfolio } from './routes/postPortfolio.js';
import { putPositions } from './routes/putPositions.js';

export interface ApiRequest {
  readonly method: string;
  /** Path without query string, e.g. `/v1/assets/BTC/parameters`. */
  readonly path: string;
  readonly query: Readonly<Record<string, string | undefined>>;
  /** Request body as text (POST and PUT routes only). */
  readonly body?: string | undefined;
  /** The `authorization` header (PUT /v1/positions only reads it; never logged). */
  readonly authorization?: string | undefined;
}

export interface ApiResult {
  readonly statusCode: number;
  /** The OpenAPI path template that matched, e.g. `/v1/assets/{asset}/parameters`. */
  readonly route: string;
  readonly body: unknown;
}

interface Route {
  readonly template: string;
  readonly pattern: RegExp;
  /** The one method that runs it besides OPTIONS. @default 'GET' (HEAD too) */
  readonly method?: 'POST' | 'PUT';
  run(
    context: ApiContext,
    params: readonly string[],
    query: ApiRequest['query'],
    body: string | undefined,
    authorization: string | undefined,
  ): Promise<unknown>;
}

const noQuery = (query: ApiRequest['query']): void => {
  parseParameters(emptyQuerySchema, query, 'query');
};

/**
 * A round number names one round per chain (docs/multi-chain.md): the `chain` query parameter
 * picks the chain whose round is served; without it, the stage's first chain.
 */
const onChain = (context: ApiContext, query: ApiRequest['query']): ApiContext => {
  const { chain } = parseParameters(chainQuerySchema, query, 'query');
  if (chain === undefined) return context;
  const [selected] = requestedChains(context, chain);
  return selected === undefined
    ? context
    : { ...context, oracle: { chainId: selected.chainId, address: selected.address } };
};

/** The read API's routes, matched in order on the decoded path. */
const ROUTES: readonly Route[] = [
  {
    template: '/v1/assets',
    pattern: /^\/v1\/assets$/,
    run: (context, _params, query) => (noQuery(query), listAssets(context)),
  },
  {
    template: '/v1/assets/{asset}/parameters/latest',
    pattern: /^\/v1\/assets\/([^/]+)\/parameters\/latest$/,
    run: (context, [asset], query) => {
      const path = parseParameters(assetPathSchema, { asset }, 'path');
      return getLatestParameters(
        context,
        path.asset,
        parseParameters(chainQuerySchema, query, 'query').chain,
      );
    },
  },
  {
    template: '/v1/assets/{asset}/parameters',
    pattern: /^\/v1\/assets\/([^/]+)\/parameters$/,
    run: (context, [asset], query) => {
      const path = parseParameters(assetPathSchema, { asset }, 'path');
      return getParameterHistory(context, path.asset, parseParameters(historyQuerySchema, query, 'query'));
    },
  },
  {
    template: '/v1/rounds/{round}',
    pattern: /^\/v1\/rounds\/([^/]+)$/,
    run: (context, [round], query) =>
      getRound(onChain(context, query), parseParameters(roundPathSchema, { round }, 'path').round),
  },
  {
    template: '/v1/rounds/{round}/impact',
    pattern: /^\/v1\/rounds\/([^/]+)\/impact$/,
    run: (context, [round], query) =>
      getRoundImpact(onChain(context, query), parseParameters(roundPathSchema, { round }, 'path').round),
  },
  {
    template: '/v1/correlations',
    pattern: /^\/v1\/correlations$/,
    run: (context, _params, query) =>
      getCorrelations(context, parseParameters(correlationsQuerySchema, query, 'query').at),
  },
  {
    template: '/v1/portfolio',
    pattern: /^\/v1\/portfolio$/,
    method: 'POST',
    run: (context, _params, query, body) => (noQuery(query), postPortfolio(context, body)),
  },
  {
    template: '/v1/positions',
    pattern: /^\/v1\/positions$/,
    method: 'PUT',
    run: (context, _params, query, body, authorization) => (
      noQuery(query),
      putPositions(context, authorization, body)
    ),
  },
  {
    template: '/v1/health',
    pattern: /^\/v1\/health$/,
    run: (context, _params, query) =>
      getHealth(context, parseParameters(chainQuerySchema, query, 'query').chain),
  },
];

/** Text of a request's own value inside a message: bounded, so a 10 kB path does not come back 10 kB. */
const quote = (text: string): string => JSON.stringify(text.length > 120 ? `${text.slice(0, 120)}…` : text);

/**
 * Routes one request of the read API to its handler and returns the JSON body. The path is
 * matched exactly as received, like API Gateway's routes: no trailing-slash folding, no dot
 * segments, no `//host` (the local server passes the request target unchanged). Path and query
 * parameters are validated with zod first; failures throw ApiError (400 naming the parameter,
 * 404 for unknown routes, assets and rounds, 405 for methods other than GET, HEAD and OPTIONS).
 * OPTIONS on a route answers 204 (CORS headers are added by the handler's middleware).
 */
export async function routeApiRequest(context: ApiContext, request: ApiRequest): Promise<ApiResult> {
  const { method, path } = request;
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (match === null) continue;
    if (method === 'OPTIONS') return { statusCode: 204, route: route.template, body: undefined };
    if (route.method !== undefined ? method !== route.method : method !== 'GET' && method !== 'HEAD') {
      throw new ApiError(
        405,
        'methodNotAllowed',
        route.method !== undefined
          ? `${quote(method)} ${route.template} is not allowed; allowed: ${route.method}, OPTIONS`
          : `${quote(method)} ${route.template} is not allowed; this API is read-only (GET, HEAD, OPTIONS)`,
        {
          fix:
            route.method === 'POST'
              ? 'send the position with POST'
              : route.method === 'PUT'
                ? 'send the positions with PUT'
                : 'read with GET (HEAD for the headers only)',
        },
      );
    }
    let params: string[];
    try {
      params = match.slice(1).map((segment) => decodeURIComponent(segment));
    } catch (error) {
      throw new NotFoundError(`no route for ${quote(path)}: the path is not valid percent-encoding`, {
        cause: error,
        fix: 'percent-encode path segments as UTF-8 bytes (e.g. %20), or send them unencoded',
      });
    }
    return {
      statusCode: 200,
      route: route.template,
      body: await route.run(context, params, request.query, request.body, request.authorization),
    };
  }
  throw new NotFoundError(
    `no route for ${quote(method)} ${quote(path)}; routes: ${ROUTES.map((r) => `${r.method ?? 'GET'} ${r.template}`).join(', ')}`,
    { fix: 'paths are matched exactly: no trailing slash, no "." or ".." segments' },
  );
}
