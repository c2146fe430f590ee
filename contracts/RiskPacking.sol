// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IRiskOracle} from "./IRiskOracle.sol";

/// @title RiskPacking: bit layout of one asset's storage slot and of one packed update word.
/// @notice One 256-bit storage slot per asset holds its latest parameters, when they were accepted
/// and observed, and every guardrail the update check needs, so an update costs one cold SLOAD and
/// one SSTORE per asset.
///
/// Asset slot, v2 (bit 0 = least significant):
///
///  255 254    244 243        228 227   217 216   206 205  192 191  178 177  164 163  150 149  136 135  122 121   106 105    90 89           58 57  44 43  30 29  16 15    0
/// ┌───┬──────────┬────────────┬─────────┬─────────┬───────┬───────┬───────┬───────┬───────┬───────┬────────┬────────┬──────────────┬──────┬──────┬──────┬───────┐
/// │cfg│ obsLag   │ minInterval│maxTight │maxLoose │ lbMax │ lbMin │ ltMax │ ltMin │ltvMax │ltvMin │ viMax  │ viMin  │  updatedAt   │  lb  │  lt  │ ltv  │  vi   │
/// │ 1 │ 11 (s)   │  16 (s)    │ 11 (bp) │ 11 (bp) │  14   │  14   │  14   │  14   │  14   │  14   │   16   │   16   │ 32 (block s) │  14  │  14  │  14  │  16   │
/// └───┴──────────┴────────────┴─────────┴─────────┴───────┴───────┴───────┴───────┴───────┴───────┴────────┴────────┴──────────────┴──────┴──────┴──────┴───────┘
///       └ update ┘ └──────────────── guardrails (written by governance) ───────────────────────┘ └──────── written by each accepted update ───────┘
///
/// cfg = 1 once governance configured the asset. updatedAt = block.timestamp of the accepted update
/// (0 = never updated): the minimum interval is measured on it, so a signer cannot compress steps
/// by choosing observation times. obsLag = updatedAt + LAG_BIAS − observedAt, exact: the signed
/// observation time is `updatedAt + LAG_BIAS − obsLag`. The observation window (RiskOracle.setTiming)
/// keeps it in 11 bits: maxFutureSkew ≤ LAG_BIAS and maxObservationAge ≤ 2047 − LAG_BIAS.
/// 14-bit fields hold 0..16_383 bp; configuration caps LTV/LT/LB bounds at 10_000 bp, steps at 2_047.
///
/// Update word (one bytes32 per asset in `submit`'s calldata), unchanged from v1:
///
///  255                                        64 63    58 57  44 43  30 29  16 15    0
/// ┌───────────────────────────────────────────┬─────────┬──────┬──────┬──────┬───────┐
/// │ asset id: high 24 bytes of the bytes32 id │ zero (6)│  lb  │  lt  │ ltv  │  vi   │
/// └───────────────────────────────────────────┴─────────┴──────┴──────┴──────┴───────┘
///
/// The low 58 bits use exactly the slot's layout, so applying an update is
/// `slot = (slot & GUARDRAILS_MASK) | (word & PARAMS_MASK) | timeBits`, where
/// `timeBits = (block.timestamp << UPDATED_AT_SHIFT) | (obsLag << OBS_LAG_SHIFT)` is the same for
/// every asset of a batch and computed once.
library RiskPacking {
    uint256 internal constant M14 = 0x3FFF;
    uint256 internal constant M16 = 0xFFFF;
    uint256 internal constant M11 = 0x7FF;
    uint256 internal constant M32 = 0xFFFFFFFF;

    // Parameter fields (slot and update word).
    uint256 internal constant VI_SHIFT = 0;
    uint256 internal constant LTV_SHIFT = 16;
    uint256 internal constant LT_SHIFT = 30;
    uint256 internal constant LB_SHIFT = 44;
    /// Block time of the accepted update (v1 stored the signed observation time here).
    uint256 internal constant UPDATED_AT_SHIFT = 58;
    // Guardrail fields (slot only).
    uint256 internal constant VI_MIN_SHIFT = 90;
    uint256 internal constant VI_MAX_SHIFT = 106;
    uint256 internal constant LTV_MIN_SHIFT = 122;
    uint256 internal constant LTV_MAX_SHIFT = 136;
    uint256 internal constant LT_MIN_SHIFT = 150;
    uint256 internal constant LT_MAX_SHIFT = 164;
    uint256 internal constant LB_MIN_SHIFT = 178;
    uint256 internal constant LB_MAX_SHIFT = 192;
    uint256 internal constant MAX_LOOSEN_SHIFT = 206;
    uint256 internal constant MAX_TIGHTEN_SHIFT = 217;
    uint256 internal constant MIN_INTERVAL_SHIFT = 228;
    // Written by updates again.
    uint256 internal constant OBS_LAG_SHIFT = 244;
    uint256 internal constant CONFIGURED_SHIFT = 255;

    /// Bits 0..57: vi, ltv, lt, lb.
    uint256 internal constant PARAMS_MASK = (uint256(1) << 58) - 1;
    /// Bits 0..89 and 244..254: parameters, updatedAt and obsLag, the part an update rewrites.
    uint256 internal constant PARAMS_AND_TIME_MASK = ((uint256(1) << 90) - 1) | (M11 << OBS_LAG_SHIFT);
    /// Bits 90..243 and 255: guardrails and the configured flag, kept by updates.
    uint256 internal constant GUARDRAILS_MASK = ~PARAMS_AND_TIME_MASK;
    /// Bits 64..255 of an update word: the asset id.
    uint256 internal constant ID_MASK = ~uint256(0) << 64;
    /// Bits 58..63 of an update word: must be zero.
    uint256 internal constant UPDATE_RESERVED_MASK = ((uint256(1) << 64) - 1) & ~PARAMS_MASK;

    /// @notice Largest value a 14-bit bp field may be configured to (100 %).
    uint256 internal constant MAX_BPS = 10_000;
    /// @notice Largest step limit (11 bits; v1 allowed 4_095 with 12 bits, see obsLag).
    uint256 internal constant MAX_STEP_BPS = M11;
    /// @notice obsLag = updatedAt + LAG_BIAS − observedAt; also the largest allowed maxFutureSkew.
    uint256 internal constant LAG_BIAS = 128;
    /// @notice Largest allowed maxObservationAge: obsLag must fit 11 bits.
    uint256 internal constant MAX_OBSERVATION_AGE = M11 - LAG_BIAS;

    function isConfigured(uint256 slot) internal pure returns (bool) {
        return slot >> CONFIGURED_SHIFT != 0;
    }

    /// @notice Block time of the latest accepted update, 0 when never updated.
    function updatedAt(uint256 slot) internal pure returns (uint256) {
        return (slot >> UPDATED_AT_SHIFT) & M32;
    }

    /// @notice Signed observation time of the latest accepted update (meaningless when never updated).
    function observedAt(uint256 slot) internal pure returns (uint256) {
        return updatedAt(slot) + LAG_BIAS - ((slot >> OBS_LAG_SHIFT) & M11);
    }

    /// @notice The per-batch time bits of an accepted update; the caller checked the window.
    function timeBits(uint256 blockTime, uint256 observedAt_) internal pure returns (uint256) {
        return (blockTime << UPDATED_AT_SHIFT) | ((blockTime + LAG_BIAS - observedAt_) << OBS_LAG_SHIFT);
    }

    /// @notice Asset id of an update word (its high 24 bytes; the low 8 bytes of the id are zero).
    function assetOf(uint256 word) internal pure returns (bytes32) {
        return bytes32(word & ID_MASK);
    }

    /// @notice Parameters of an updated slot, with their signed observation time.
    function unpackParams(uint256 slot) internal pure returns (IRiskOracle.RiskParams memory p) {
        p = unpackWord(slot);
        p.observedAt = uint32(observedAt(slot));
    }

    /// @notice Parameters of an update word (observedAt 0).
    function unpackWord(uint256 word) internal pure returns (IRiskOracle.RiskParams memory p) {
        p.volIndexBps = uint16((word >> VI_SHIFT) & M16);
        p.ltvBps = uint16((word >> LTV_SHIFT) & M14);
        p.ltBps = uint16((word >> LT_SHIFT) & M14);
        p.lbBps = uint16((word >> LB_SHIFT) & M14);
    }

    /// @notice Packs an update word; reverts on a field wider than its bits (no silent truncation).
    function packUpdate(bytes32 asset, uint256 vi, uint256 ltv, uint256 lt, uint256 lb) internal pure returns (bytes32) {
        require(uint256(asset) & ~ID_MASK == 0 && vi <= M16 && ltv <= M14 && lt <= M14 && lb <= M14, "RiskPacking: field too wide");
        return bytes32(uint256(asset) | (vi << VI_SHIFT) | (ltv << LTV_SHIFT) | (lt << LT_SHIFT) | (lb << LB_SHIFT));
    }

    /// @notice Guardrail bits of a slot (bits 90..255, configured flag set). Caller validated ranges.
    function packGuardrails(IRiskOracle.Guardrails memory g) internal pure returns (uint256 slot) {
        slot =
            (uint256(g.minVolIndexBps) << VI_MIN_SHIFT) |
            (uint256(g.maxVolIndexBps) << VI_MAX_SHIFT) |
            (uint256(g.minLtvBps) << LTV_MIN_SHIFT) |
            (uint256(g.maxLtvBps) << LTV_MAX_SHIFT) |
            (uint256(g.minLtBps) << LT_MIN_SHIFT) |
            (uint256(g.maxLtBps) << LT_MAX_SHIFT) |
            (uint256(g.minLbBps) << LB_MIN_SHIFT) |
            (uint256(g.maxLbBps) << LB_MAX_SHIFT) |
            (uint256(g.maxLoosenBps) << MAX_LOOSEN_SHIFT) |
            (uint256(g.maxTightenBps) << MAX_TIGHTEN_SHIFT) |
            (uint256(g.minIntervalSec) << MIN_INTERVAL_SHIFT) |
            (uint256(1) << CONFIGURED_SHIFT);
    }

    function unpackGuardrails(uint256 slot) internal pure returns (IRiskOracle.Guardrails memory g) {
        g.minVolIndexBps = uint16((slot >> VI_MIN_SHIFT) & M16);
        g.maxVolIndexBps = uint16((slot >> VI_MAX_SHIFT) & M16);
        g.minLtvBps = uint16((slot >> LTV_MIN_SHIFT) & M14);
        g.maxLtvBps = uint16((slot >> LTV_MAX_SHIFT) & M14);
        g.minLtBps = uint16((slot >> LT_MIN_SHIFT) & M14);
        g.maxLtBps = uint16((slot >> LT_MAX_SHIFT) & M14);
        g.minLbBps = uint16((slot >> LB_MIN_SHIFT) & M14);
        g.maxLbBps = uint16((slot >> LB_MAX_SHIFT) & M14);
        g.maxLoosenBps = uint16((slot >> MAX_LOOSEN_SHIFT) & M11);
        g.maxTightenBps = uint16((slot >> MAX_TIGHTEN_SHIFT) & M11);
        g.minIntervalSec = uint16((slot >> MIN_INTERVAL_SHIFT) & M16);
    }
}
