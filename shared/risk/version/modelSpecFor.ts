import type { AssetConfig, VolatilityModel } from '../../config/assetsConfig.js';
import { RiskInputError } from '../errors.js';
import { MODEL_VERSION_V1, MODEL_VERSIONS, type ModelVersion } from './modelVersions.js';

/** How the control layer limits loosening (docs/methodology.md §7). */
export type LooseningRule =
  /** v1: at most `perUpdateBps` per update and `perDayBps` per rolling 24 h of published steps. */
  | { readonly kind: 'rollingDay'; readonly perUpdateBps: number; readonly perDayBps: number }
  /**
   * v2: over Δt (capped at 24 h) since the previous control step, at most
   * `max((1 − 2^(−Δt/h)) · gap, perDayBps · Δt / 24 h)`, and never a published step above the on-chain
   * guard `onChainStepBps`.
   */
  | {
      readonly kind: 'halfLife';
      readonly halfLifeHours: number;
      readonly perDayBps: number;
      readonly onChainStepBps: number;
    };

/** The behaviour a model version implies for a configuration: what differs between engine versions. */
export interface ModelSpec {
  readonly version: ModelVersion;
  readonly volatilityModel: VolatilityModel;
  /** Days of daily realised variance before HAR-RV replaces EWMA. */
  readonly harMinDays: number;
  /** κ of the implied-volatility floor; 0 = off. */
  readonly impliedFloor: number;
  readonly loosening: LooseningRule;
}

/** v1's per-update loosening limit when a stored v1 config does not carry it. */
const V1_MAX_LOOSEN_PER_UPDATE_BPS = 25;

/**
 * The engine behaviour of `version` for `config` (docs/methodology.md §8.3). A v1 record's config was
 * resolved by the v1 schema and lacks the v2 fields, so v1 reads only what v1 read; v2 reads the v2
 * fields.
 * @throws RiskInputError for a version this release does not know.
 */
export function modelSpecFor(version: string, config: AssetConfig): ModelSpec {
  if (!(MODEL_VERSIONS as readonly string[]).includes(version))
    throw new RiskInputError(
      `model version "${version}" is not known to this release; known: ${MODEL_VERSIONS.join(', ')}`,
      { fix: 'verify the record with the Ballast release that introduced its model version' },
    );
  if (version === MODEL_VERSION_V1) {
    const v1 = config as Partial<AssetConfig> & Pick<AssetConfig, 'maxLoosenPerDayBps'>;
    return {
      version: MODEL_VERSION_V1,
      volatilityModel: 'ewma',
      harMinDays: 0,
      impliedFloor: 0,
      loosening: {
        kind: 'rollingDay',
        perUpdateBps: v1.maxLoosenPerUpdateBps ?? V1_MAX_LOOSEN_PER_UPDATE_BPS,
        perDayBps: v1.maxLoosenPerDayBps,
      },
    };
  }
  return {
    version: version as ModelVersion,
    volatilityModel: config.volatilityModel,
    harMinDays: config.harMinDays,
    impliedFloor: config.impliedFloor,
    loosening: {
      kind: 'halfLife',
      halfLifeHours: config.loosenHalfLifeHours,
      perDayBps: config.maxLoosenPerDayBps,
      onChainStepBps: config.maxLoosenPerUpdateBps,
    },
  };
}
