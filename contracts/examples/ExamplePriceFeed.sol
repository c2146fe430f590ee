// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @title ExamplePriceFeed: an owner-set USD price per asset, for the local stack and tests only.
/// @notice Not a price oracle anyone should lend against: one key sets every price. It stands in
/// for a real feed (Chainlink, Pyth, ...) so that ExampleLendingMarket can value collateral on a
/// local chain; a market reads it through `latestPrice`, which a real adapter would implement too.
contract ExamplePriceFeed is Ownable {
    struct Price {
        /// USD per whole token, 18 decimals (1e18 = $1).
        uint192 priceWad;
        /// Block time the price was set.
        uint64 updatedAt;
    }

    mapping(bytes32 asset => Price) private _prices;

    event PriceSet(bytes32 indexed asset, uint256 priceWad, uint256 updatedAt);

    error PriceNotSet(bytes32 asset);
    error InvalidPrice(bytes32 asset, uint256 priceWad);

    constructor(address initialOwner) Ownable(initialOwner) {}

    /// @notice Sets `asset`'s price (USD per whole token, 18 decimals), stamped with the block time.
    function setPrice(bytes32 asset, uint256 priceWad) external onlyOwner {
        if (priceWad == 0 || priceWad > type(uint192).max) revert InvalidPrice(asset, priceWad);
        _prices[asset] = Price(uint192(priceWad), uint64(block.timestamp));
        emit PriceSet(asset, priceWad, block.timestamp);
    }

    /// @notice Latest price and the block time it was set; reverts `PriceNotSet` before the first.
    function latestPrice(bytes32 asset) external view returns (uint256 priceWad, uint256 updatedAt) {
        Price memory p = _prices[asset];
        if (p.priceWad == 0) revert PriceNotSet(asset);
        return (p.priceWad, p.updatedAt);
    }
}
