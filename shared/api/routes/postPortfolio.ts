import { evaluatePortfolio, type PortfolioResult } from '../../portfolio/evaluatePortfolio.js';
import { PortfolioInputError } from '../../portfolio/errors.js';
import { parsePosition } from '../../portfolio/parsePosition.js';
import { CASH_ASSETS } from '../../portfolio/positionSchema.js';
import type { ApiContext } from '../ApiContext.js';
import { ApiError, InvalidParameterError } from '../errors.js';
import { loadLatestMarket } from './loadLatestMarket.js';

/** Largest request body `POST /v1/portfolio` reads, bytes. @default 16384 */
export const MAX_PORTFOLIO_BODY_BYTES = 16_384;

export interface PortfolioBody extends Omit<PortfolioResult, 'asOf' | 'quantileScenarioStart'> {
  readonly asOf: string;
  readonly quantileScenarioStart: string | null;
}

/**
 * `POST /v1/portfolio`: portfolio margin of one position (docs/cross-asset.md §3) from each asset's
 * latest record (isolated LT, slippage) and the candles stored with it. The body is a position
 * (`{"collateral": {...}, "debt": {...}}`), at most 16 KiB; a bad body is a 400 naming the field.
 */
export async function postPortfolio(context: ApiContext, body: string | undefined): Promise<PortfolioBody> {
  if (body === undefined || body.length === 0)
    throw new InvalidParameterError(
      'body',
      'body: missing; expected a JSON position {"collateral": {...}, "debt": {...}}',
    );
  if (Buffer.byteLength(body, 'utf8') > MAX_PORTFOLIO_BODY_BYTES)
    throw new ApiError(
      413,
      'payloadTooLarge',
      `body: ${Buffer.byteLength(body, 'utf8')} bytes; at most ${MAX_PORTFOLIO_BODY_BYTES} are allowed`,
      {
        field: 'body',
      },
    );
  let position;
  try {
    position = parsePosition(body, 'body');
  } catch (error) {
    if (!(error instanceof PortfolioInputError)) throw error;
    const message = error.message.replace(/^body: /, '');
    const field = /^([^:]+):/.exec(message)?.[1] ?? 'body';
    throw new InvalidParameterError(
      field === '(root)' || field.startsWith('not valid JSON') ? 'body' : field,
      message,
    );
  }
  const known = Object.keys(context.config.assets);
  for (const [sideName, side] of [
    ['collateral', position.collateral],
    ['debt', position.debt],
  ] as const)
    for (const asset of Object.keys(side))
      if (!(CASH_ASSETS as readonly string[]).includes(asset) && !known.includes(asset))
        throw new InvalidParameterError(
          `${sideName}.${asset}`,
          `${sideName}.${asset}: "${asset}" is not allowed; expected a configured asset (${known.join(', ')}) or ${CASH_ASSETS.join(', ')}`,
        );
  const assets = [...new Set([...Object.keys(position.collateral), ...Object.keys(position.debt)])].filter(
    (a) => known.includes(a),
  );
  const { candles, records } = await loadLatestMarket(context, assets, 'collateral');
  const isolated = Object.fromEntries(
    assets.map((a) => [a, { ltBps: records[a]!.published.ltBps, slip: records[a]!.intermediate.slip ?? 1 }]),
  );
  let result: PortfolioResult;
  try {
    result = evaluatePortfolio({ position, candles, isolated });
  } catch (error) {
    if (error instanceof PortfolioInputError)
      throw new ApiError(400, 'badRequest', error.message, { field: 'collateral' });
    throw error;
  }
  return {
    ...result,
    asOf: new Date(result.asOf).toISOString(),
    quantileScenarioStart:
      result.quantileScenarioStart === null ? null : new Date(result.quantileScenarioStart).toISOString(),
  };
}
