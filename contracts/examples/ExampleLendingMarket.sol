// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IRiskOracle} from "../IRiskOracle.sol";

/// @notice The price source the market reads (ExamplePriceFeed on the local stack; an adapter to a
/// real feed elsewhere): USD per whole collateral token, 18 decimals, and when it was set.
interface IPriceSource {
    function latestPrice(bytes32 asset) external view returns (uint256 priceWad, uint256 updatedAt);
}

/// @title ExampleLendingMarket: a minimal isolated lending market whose risk parameters come from Ballast.
/// @notice One collateral token against one USD debt token (18 decimals, valued at $1). Accounts
/// deposit collateral, borrow up to collateral value × LTV, repay, withdraw while the debt stays
/// within LTV, and are liquidated once debt exceeds collateral value × LT: the liquidator repays up
/// to half the debt (all of it when the debt is at most `DUST`) and receives collateral worth the
/// repaid amount × (1 + LB). LTV, LT and LB come from `RiskOracle.latestNoOlderThan`, so stale
/// parameters stop borrowing, withdrawing and liquidating alike; the collateral price comes from
/// `priceSource` with its own staleness bound.
///
/// Deliberately left out, because the oracle integration is what this example shows: interest,
/// lender shares (liquidity is whatever debt tokens the market holds), fee-on-transfer or rebasing
/// tokens, bad-debt socialisation.
///
/// Every event carries the account's position after the change (`collateralAfter`, `debtAfter`),
/// so an indexer that applies events in (block, log index) order holds exact positions without
/// doing arithmetic, and re-applying an event is harmless.
contract ExampleLendingMarket {
    using SafeERC20 for IERC20;

    struct Position {
        /// Collateral token units (18 decimals).
        uint128 collateral;
        /// Debt token units (18 decimals, $1 each).
        uint128 debt;
    }

    uint256 private constant BPS = 10_000;
    uint256 private constant WAD = 1e18;
    /// @notice Largest share of a debt one liquidation may repay, bp.
    uint256 public constant CLOSE_FACTOR_BPS = 5_000;
    /// @notice Debts at or below this (debt token units) may be repaid whole in one liquidation.
    uint256 public constant DUST = 1e18;

    IRiskOracle public immutable oracle;
    IPriceSource public immutable priceSource;
    IERC20 public immutable collateralToken;
    IERC20 public immutable debtToken;
    /// @notice Ballast asset id of the collateral, e.g. bytes32("ETH").
    bytes32 public immutable asset;
    /// @notice Oracle parameters older than this many seconds are refused.
    uint256 public immutable maxOracleAge;
    /// @notice Prices older than this many seconds are refused.
    uint256 public immutable maxPriceAge;

    mapping(address account => Position) private _positions;

    event Deposited(address indexed account, uint256 amount, uint256 collateralAfter, uint256 debtAfter);
    event Withdrawn(address indexed account, uint256 amount, uint256 collateralAfter, uint256 debtAfter);
    event Borrowed(address indexed account, uint256 amount, uint256 collateralAfter, uint256 debtAfter, uint256 ltvBps);
    event Repaid(address indexed account, address indexed payer, uint256 amount, uint256 collateralAfter, uint256 debtAfter);
    event Liquidated(
        address indexed account,
        address indexed liquidator,
        uint256 repaid,
        uint256 seized,
        uint256 collateralAfter,
        uint256 debtAfter,
        uint256 ltBps,
        uint256 lbBps
    );

    error ZeroAmount();
    error InsufficientCollateral(address account, uint256 requested, uint256 available);
    error BorrowAboveLtv(address account, uint256 debtAfter, uint256 maxDebt, uint256 ltvBps);
    error WithdrawAboveLtv(address account, uint256 debt, uint256 maxDebtAfter, uint256 ltvBps);
    error InsufficientLiquidity(uint256 requested, uint256 available);
    error RepayAboveDebt(address account, uint256 amount, uint256 debt);
    error PositionHealthy(address account, uint256 debt, uint256 liquidationLimit, uint256 ltBps);
    error RepayAboveCloseFactor(address account, uint256 amount, uint256 maxRepay);
    error PriceStale(bytes32 asset, uint256 updatedAt, uint256 maxAge, uint256 nowTs);
    error AmountTooLarge(uint256 amount);

    constructor(
        IRiskOracle oracle_,
        IPriceSource priceSource_,
        IERC20 collateralToken_,
        IERC20 debtToken_,
        bytes32 asset_,
        uint256 maxOracleAge_,
        uint256 maxPriceAge_
    ) {
        oracle = oracle_;
        priceSource = priceSource_;
        collateralToken = collateralToken_;
        debtToken = debtToken_;
        asset = asset_;
        maxOracleAge = maxOracleAge_;
        maxPriceAge = maxPriceAge_;
    }

    // ─── actions ───

    /// @notice Adds `amount` collateral tokens (approve first). Needs neither oracle nor price.
    function deposit(uint256 amount) external {
        Position memory p = _positions[msg.sender];
        uint256 collateralAfter = _checkAmount(amount) + p.collateral;
        if (collateralAfter > type(uint128).max) revert AmountTooLarge(amount);
        _positions[msg.sender].collateral = uint128(collateralAfter);
        emit Deposited(msg.sender, amount, collateralAfter, p.debt);
        collateralToken.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice Takes back collateral; with debt, the rest must still cover it at LTV.
    function withdraw(uint256 amount) external {
        Position memory p = _positions[msg.sender];
        _checkAmount(amount);
        if (amount > p.collateral) revert InsufficientCollateral(msg.sender, amount, p.collateral);
        uint256 collateralAfter = p.collateral - amount;
        if (p.debt > 0) {
            IRiskOracle.RiskParams memory r = oracle.latestNoOlderThan(asset, maxOracleAge);
            uint256 maxDebt = (_valueUsd(collateralAfter) * r.ltvBps) / BPS;
            if (p.debt > maxDebt) revert WithdrawAboveLtv(msg.sender, p.debt, maxDebt, r.ltvBps);
        }
        _positions[msg.sender].collateral = uint128(collateralAfter);
        emit Withdrawn(msg.sender, amount, collateralAfter, p.debt);
        collateralToken.safeTransfer(msg.sender, amount);
    }

    /// @notice Borrows debt tokens while debt stays within collateral value × LTV (LTV 0 = frozen).
    function borrow(uint256 amount) external {
        Position memory p = _positions[msg.sender];
        _checkAmount(amount);
        IRiskOracle.RiskParams memory r = oracle.latestNoOlderThan(asset, maxOracleAge);
        uint256 debtAfter = p.debt + amount;
        uint256 maxDebt = (_valueUsd(p.collateral) * r.ltvBps) / BPS;
        if (debtAfter > maxDebt) revert BorrowAboveLtv(msg.sender, debtAfter, maxDebt, r.ltvBps);
        if (debtAfter > type(uint128).max) revert AmountTooLarge(amount);
        uint256 available = debtToken.balanceOf(address(this));
        if (amount > available) revert InsufficientLiquidity(amount, available);
        _positions[msg.sender].debt = uint128(debtAfter);
        emit Borrowed(msg.sender, amount, p.collateral, debtAfter, r.ltvBps);
        debtToken.safeTransfer(msg.sender, amount);
    }

    /// @notice Repays `amount` of `account`'s debt from the caller's debt tokens (approve first).
    function repay(address account, uint256 amount) external {
        Position memory p = _positions[account];
        _checkAmount(amount);
        if (amount > p.debt) revert RepayAboveDebt(account, amount, p.debt);
        uint256 debtAfter = p.debt - amount;
        _positions[account].debt = uint128(debtAfter);
        emit Repaid(account, msg.sender, amount, p.collateral, debtAfter);
        debtToken.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice Repays up to CLOSE_FACTOR_BPS of an unhealthy position's debt (all of it at or below
    /// DUST) and takes collateral worth `repayAmount` × (1 + LB) at the current price, at most all
    /// of it. Unhealthy means debt > collateral value × LT.
    function liquidate(address account, uint256 repayAmount) external {
        Position memory p = _positions[account];
        _checkAmount(repayAmount);
        IRiskOracle.RiskParams memory r = oracle.latestNoOlderThan(asset, maxOracleAge);
        uint256 price = _price();
        uint256 limit = (((uint256(p.collateral) * price) / WAD) * r.ltBps) / BPS;
        if (p.debt <= limit) revert PositionHealthy(account, p.debt, limit, r.ltBps);
        uint256 maxRepay = p.debt <= DUST ? p.debt : (uint256(p.debt) * CLOSE_FACTOR_BPS) / BPS;
        if (repayAmount > maxRepay) revert RepayAboveCloseFactor(account, repayAmount, maxRepay);
        uint256 seized = (repayAmount * (BPS + r.lbBps) * WAD) / (BPS * price);
        if (seized > p.collateral) seized = p.collateral;
        uint256 collateralAfter = p.collateral - seized;
        uint256 debtAfter = p.debt - repayAmount;
        _positions[account] = Position(uint128(collateralAfter), uint128(debtAfter));
        emit Liquidated(account, msg.sender, repayAmount, seized, collateralAfter, debtAfter, r.ltBps, r.lbBps);
        debtToken.safeTransferFrom(msg.sender, address(this), repayAmount);
        collateralToken.safeTransfer(msg.sender, seized);
    }

    // ─── reads ───

    function positionOf(address account) external view returns (uint256 collateral, uint256 debt) {
        Position memory p = _positions[account];
        return (p.collateral, p.debt);
    }

    /// @notice Collateral value × LT / debt, 18 decimals (< 1e18 = liquidatable); max uint without debt.
    function healthFactor(address account) external view returns (uint256) {
        Position memory p = _positions[account];
        if (p.debt == 0) return type(uint256).max;
        IRiskOracle.RiskParams memory r = oracle.latestNoOlderThan(asset, maxOracleAge);
        return (((_valueUsd(p.collateral) * r.ltBps) / BPS) * WAD) / p.debt;
    }

    // ─── internal checks ───

    function _checkAmount(uint256 amount) private pure returns (uint256) {
        if (amount == 0) revert ZeroAmount();
        if (amount > type(uint128).max) revert AmountTooLarge(amount);
        return amount;
    }

    function _price() private view returns (uint256 priceWad) {
        uint256 updatedAt;
        (priceWad, updatedAt) = priceSource.latestPrice(asset);
        if (block.timestamp > updatedAt && block.timestamp - updatedAt > maxPriceAge) {
            revert PriceStale(asset, updatedAt, maxPriceAge, block.timestamp);
        }
    }

    function _valueUsd(uint256 collateral) private view returns (uint256) {
        return (collateral * _price()) / WAD;
    }
}
