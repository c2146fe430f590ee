import { ConfigError } from './errors.js';
import { positionMarketsSchema, type PositionMarketConfig } from './positionMarketConfig.js';
import type { RuntimeEnv } from './runtimeEnv.js';
import { zodIssuesToProblems } from './zodIssuesToProblems.js';

/**
 * The markets the positions indexer follows, from `BALLAST_POSITION_MARKETS_JSON` (set by the CDK
 * stack from the stage config's `positions.markets`). Absent: no market.
 * @throws ConfigError naming each bad field (`0.startBlock`), its problem and what is allowed.
 */
export function positionMarketsFromEnv(env: RuntimeEnv): readonly PositionMarketConfig[] {
  const source = 'BALLAST_POSITION_MARKETS_JSON';
  const text = env.BALLAST_POSITION_MARKETS_JSON;
  if (text === undefined) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(source, [{ path: '', message: `not valid JSON (${(error as Error).message})` }], {
      cause: error,
    });
  }
  const parsed = positionMarketsSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(source, zodIssuesToProblems(parsed.error.issues));
  return parsed.data;
}
