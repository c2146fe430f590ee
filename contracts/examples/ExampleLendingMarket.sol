// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IRiskOracle} from "../IRiskOracle.sol";

/// @title ExampleLendingMarket: the smallest lending market that takes LTV and LT from Ballast.
/// @notice Accounting only (no tokens, collateral valued in USD by the caller) so that the oracle
/// integration is all there is to read. Borrowing reads LTV with a staleness bound: stale
/// parameters block new debt. Liquidation checks read LT with the same bound.
contract ExampleLendingMarket {
    IRiskOracle public immutable oracle;
    /// Asset id, e.g. bytes32("ETH").
    bytes32 public immutable asset;
    /// Parameters older than this many seconds are refused.
    uint256 public immutable maxOracleAge;

    mapping(address => uint256) public collateralUsd;
    mapping(address => uint256) public debtUsd;

    event CollateralDeposited(address indexed account, uint256 valueUsd);
    event Borrowed(address indexed account, uint256 amountUsd, uint256 ltvBps);

    error BorrowAboveLtv(uint256 debtAfter, uint256 maxDebt, uint256 ltvBps);

    constructor(IRiskOracle oracle_, bytes32 asset_, uint256 maxOracleAge_) {
        oracle = oracle_;
        asset = asset_;
        maxOracleAge = maxOracleAge_;
    }

    function depositCollateral(uint256 valueUsd) external {
        collateralUsd[msg.sender] += valueUsd;
        emit CollateralDeposited(msg.sender, valueUsd);
    }

    /// @notice Borrows if debt stays within collateral × LTV; reverts `StaleParameters` from the
    /// oracle when its parameters are older than `maxOracleAge`.
    function borrow(uint256 amountUsd) external {
        IRiskOracle.RiskParams memory p = oracle.latestNoOlderThan(asset, maxOracleAge);
        uint256 debtAfter = debtUsd[msg.sender] + amountUsd;
        uint256 maxDebt = (collateralUsd[msg.sender] * p.ltvBps) / 10_000;
        if (debtAfter > maxDebt) revert BorrowAboveLtv(debtAfter, maxDebt, p.ltvBps);
        debtUsd[msg.sender] = debtAfter;
        emit Borrowed(msg.sender, amountUsd, p.ltvBps);
    }

    /// @notice True when debt exceeds collateral × LT (reverts when the oracle is stale).
    function isLiquidatable(address account) external view returns (bool) {
        IRiskOracle.RiskParams memory p = oracle.latestNoOlderThan(asset, maxOracleAge);
        return debtUsd[account] * 10_000 > collateralUsd[account] * p.ltBps;
    }
}
