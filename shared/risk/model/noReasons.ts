import type { RiskReason } from '../types.js';

/** The reasons of a step run with `explain: false` (shared, frozen: nobody may add to it). */
export const NO_REASONS: readonly RiskReason[] = Object.freeze([]);
