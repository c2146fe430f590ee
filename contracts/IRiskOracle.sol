// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title IRiskOracle: the read side of Ballast's RiskOracle, for lending protocols to import.
/// @notice Parameters are integers in basis points (1 bp = 0.01 %, 10_000 = 100 %).
/// Assets are identified by `bytes32` ids: the asset symbol's UTF-8 bytes, left-aligned and
/// zero-padded (Solidity `bytes32("BTC")`, ethers `encodeBytes32String("BTC")`), at most 24 bytes
/// long so that the id fits the packed update word (the low 8 bytes of every id are zero).
interface IRiskOracle {
    /// @notice Latest accepted parameters of one asset.
    struct RiskParams {
        /// Annualised volatility index, bp (e.g. 6_500 = 65 %).
        uint16 volIndexBps;
        /// Loan-to-value for new borrowing, bp; 0 freezes new borrowing.
        uint16 ltvBps;
        /// Liquidation threshold, bp; always ≥ ltvBps.
        uint16 ltBps;
        /// Liquidation bonus paid to liquidators, bp; ltBps·(1 + lbBps) ≤ 1.
        uint16 lbBps;
        /// Unix time (s) at which the signed inputs were observed off-chain (may lead the block
        /// time by up to the oracle's maxFutureSkew).
        uint32 observedAt;
    }

    /// @notice Governance bounds of one asset, enforced on every signed update.
    struct Guardrails {
        uint16 minVolIndexBps;
        uint16 maxVolIndexBps;
        uint16 minLtvBps;
        uint16 maxLtvBps;
        uint16 minLtBps;
        uint16 maxLtBps;
        uint16 minLbBps;
        uint16 maxLbBps;
        /// Largest move per update in the loosening direction (LTV or LT up, LB down), bp, ≤ 2_047.
        uint16 maxLoosenBps;
        /// Largest move per update in the tightening direction (LTV or LT down, LB up), bp, ≤ 2_047.
        uint16 maxTightenBps;
        /// Minimum seconds between the block times of two accepted updates of this asset.
        uint16 minIntervalSec;
    }

    /// @notice The asset has no guardrails: governance never configured it.
    error AssetNotConfigured(bytes32 asset);
    /// @notice The asset is configured but no signed update was accepted yet.
    error NoParametersYet(bytes32 asset);
    /// @notice The latest parameters were observed more than `maxAge` seconds before `nowTs`.
    error StaleParameters(bytes32 asset, uint256 observedAt, uint256 maxAge, uint256 nowTs);

    /// @notice Latest parameters; reverts `AssetNotConfigured` or `NoParametersYet`.
    function latest(bytes32 asset) external view returns (RiskParams memory);

    /// @notice Latest parameters, reverting `StaleParameters` when observed more than `maxAge` s ago.
    function latestNoOlderThan(bytes32 asset, uint256 maxAge) external view returns (RiskParams memory);

    /// @notice Non-reverting read: `ok` is false (and `params` zero) when there is nothing to read.
    function tryLatest(bytes32 asset) external view returns (bool ok, RiskParams memory params);

    /// @notice Governance bounds of `asset` (all zero when not configured).
    function guardrails(bytes32 asset) external view returns (Guardrails memory);

    /// @notice True while the guardian has paused submissions (reads keep working and age).
    function paused() external view returns (bool);
}
