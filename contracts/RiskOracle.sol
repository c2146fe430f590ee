// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";
import {IRiskOracle} from "./IRiskOracle.sol";
import {RiskPacking} from "./RiskPacking.sol";

/// @title RiskOracle: collateral parameters accepted only when signed, fresh, and within guardrails.
/// @notice Anyone may relay `submit`; what counts is the signatures. A batch is accepted only if
/// (1) at least `threshold` distinct authorised signers signed its EIP-712 digest, which binds this
/// chain and this contract; (2) its round is above every round accepted before, by at most
/// `MAX_ROUND_STEP`; (3) its observation time is neither in the future beyond `maxFutureSkew` nor
/// older than `maxObservationAge`; (4) every update respects its asset's guardrails, the minimum
/// interval measured on block time. Storage: see RiskPacking.
///
/// v2 (docs/contract.md, "v2"): bounded round steps (a signing key can no longer end all
/// submissions with round 2^64 − 1), minimum interval on block time (a signer can no longer land
/// several steps in consecutive blocks by choosing observation times, nor lock the publisher out
/// with a future one), `latestNoOlderThan` without overflow, and a starting round for migrations.
///
/// EIP-712: domain { name: "Ballast RiskOracle", version: "1", chainId, verifyingContract },
/// primary type `Batch(uint64 round,uint32 observedAt,bytes32[] updates)`. Per EIP-712 a
/// `bytes32[]` member is encoded as keccak256 of the concatenated words, i.e. of the calldata
/// array as-is: the whole batch is hashed with one keccak, and wallets still show every word.
contract RiskOracle is IRiskOracle, Ownable2Step, EIP712 {
    using EnumerableSet for EnumerableSet.AddressSet;

    /// @notice Which parameter an error refers to.
    enum Param {
        VolIndex,
        Ltv,
        Lt,
        Lb
    }

    /// Everything `submit` needs besides signers and assets, in one slot (one SLOAD per batch).
    struct State {
        uint64 lastRound;
        uint32 maxObservationAge;
        uint32 maxFutureSkew;
        uint8 threshold;
        bool paused;
    }

    /// @notice Largest accepted `round − lastRound`. The honest publisher steps by 1; an attacker
    /// holding signing keys needs ≥ 2^64 / 10^6 ≈ 1.8·10^13 accepted batches to exhaust the rounds.
    uint64 public constant MAX_ROUND_STEP = 1_000_000;
    bytes32 public constant BATCH_TYPEHASH = keccak256("Batch(uint64 round,uint32 observedAt,bytes32[] updates)");
    uint256 private constant BPS = 10_000;
    /// secp256k1n / 2: signatures with a larger s are malleable twins and rejected (EIP-2).
    uint256 private constant HALF_N = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;

    State private _state;
    address private _guardian;
    EnumerableSet.AddressSet private _signers;
    mapping(bytes32 asset => uint256 slot) private _assets;
    bytes32[] private _assetIds;

    // ─── events (past tense, emitted right after the write) ───
    /// @notice A batch was accepted. `updates` are the packed words (see RiskPacking): with the
    /// round and observation time they are the complete history, reconstructible from logs alone.
    event ParametersUpdated(uint64 indexed round, uint32 observedAt, bytes32[] updates);
    event AssetConfigured(bytes32 indexed asset, Guardrails guardrails);
    event SignerAdded(address indexed signer);
    event SignerRemoved(address indexed signer);
    event ThresholdUpdated(uint8 previousThreshold, uint8 threshold);
    event TimingUpdated(uint32 maxObservationAge, uint32 maxFutureSkew);
    event RoundInitialised(uint64 lastRound);
    event GuardianUpdated(address indexed previousGuardian, address indexed guardian);
    event Paused(address indexed by);
    event Unpaused(address indexed by);

    // ─── errors: submit ───
    error SubmissionsPaused();
    error EmptyBatch();
    error RoundNotIncreasing(uint64 round, uint64 lastRound);
    error RoundStepTooLarge(uint64 round, uint64 lastRound, uint64 maxStep);
    error ObservationInFuture(uint32 observedAt, uint256 blockTimestamp, uint32 maxFutureSkew);
    error ObservationTooOld(uint32 observedAt, uint256 blockTimestamp, uint32 maxObservationAge);
    error SignatureLengthMismatch(uint256 length, uint256 signatureSize);
    error BelowThreshold(uint256 signatures, uint8 threshold);
    error InvalidSignature(uint256 index);
    error SignatureHighS(uint256 index, bytes32 s);
    error UnauthorizedSigner(uint256 index, address signer);
    error SignersNotAscending(uint256 index, address signer, address previousSigner);
    error MalformedUpdate(uint256 index, bytes32 word);
    error AssetsNotAscending(uint256 index, bytes32 asset, bytes32 previousAsset);
    error ParameterOutOfBounds(bytes32 asset, Param param, uint256 value, uint256 min, uint256 max);
    error LtvAboveLt(bytes32 asset, uint256 ltvBps, uint256 ltBps);
    error BonusTooHighForLt(bytes32 asset, uint256 ltBps, uint256 lbBps);
    error StepTooLarge(bytes32 asset, Param param, uint256 previous, uint256 value, uint256 maxStep);
    error UpdateTooSoon(bytes32 asset, uint256 previousUpdatedAt, uint256 blockTimestamp, uint256 minIntervalSec);
    // ─── errors: governance ───
    error NotGuardianOrOwner(address caller);
    error InvalidAssetId(bytes32 asset);
    error InvalidGuardrails(bytes32 asset, string reason);
    error ArrayLengthMismatch(uint256 assets, uint256 guardrails);
    error InvalidSigner(address signer);
    error SignerAlreadyAdded(address signer);
    error SignerNotFound(address signer);
    error InvalidThreshold(uint256 threshold, uint256 signers);
    error InvalidTiming(uint32 maxObservationAge, uint32 maxFutureSkew, uint256 maxObservationAgeLimit, uint256 maxFutureSkewLimit);
    error RenounceOwnershipDisabled();

    constructor(
        address initialOwner,
        address guardian_,
        address[] memory signers_,
        uint8 threshold_,
        uint32 maxObservationAge_,
        uint32 maxFutureSkew_,
        uint64 initialRound
    ) Ownable(initialOwner) EIP712("Ballast RiskOracle", "1") {
        // A migration starts where the previous oracle stopped, so round numbers stay unique
        // across deployments (the publisher's ledger is keyed by round).
        _state.lastRound = initialRound;
        emit RoundInitialised(initialRound);
        for (uint256 i = 0; i < signers_.length; ++i) _addSigner(signers_[i]);
        _setThreshold(threshold_);
        _setTiming(maxObservationAge_, maxFutureSkew_);
        _setGuardian(guardian_);
    }

    // ════════════════════════════════ submit ════════════════════════════════

    /// @notice Applies a signed batch. `updates` are packed words (RiskPacking) sorted by asset id
    /// ascending; `signatures` are 65-byte r‖s‖v signatures over `hashBatch(...)`, concatenated and
    /// sorted by signer address ascending (which rejects duplicates with one comparison).
    function submit(uint64 round, uint32 observedAt, bytes32[] calldata updates, bytes calldata signatures) external {
        State memory state = _state;
        if (state.paused) revert SubmissionsPaused();
        if (updates.length == 0) revert EmptyBatch();
        _checkRound(round, state.lastRound);
        _checkObservationTime(observedAt, state);
        // The updates are copied to memory once, laid out as the event's ABI data
        // (observedAt, offset, length, words…): hashed here, logged at the end.
        uint256 eventData;
        bytes32 updatesHash;
        assembly ("memory-safe") {
            eventData := mload(0x40)
            let size := shl(5, updates.length)
            mstore(eventData, observedAt)
            mstore(add(eventData, 0x20), 0x40)
            mstore(add(eventData, 0x40), updates.length)
            calldatacopy(add(eventData, 0x60), updates.offset, size)
            updatesHash := keccak256(add(eventData, 0x60), size)
            mstore(0x40, add(eventData, add(0x60, size)))
        }
        _checkSignatures(_batchDigest(round, observedAt, updatesHash), signatures, state.threshold);

        _state.lastRound = round;
        _applyUpdates(observedAt, updates);
        // emit ParametersUpdated(round, observedAt, updates), from the copy above.
        bytes32 topic = ParametersUpdated.selector;
        assembly ("memory-safe") {
            log2(eventData, add(0x60, shl(5, updates.length)), topic, round)
        }
    }

    /// @notice EIP-712 digest the signers sign for this batch on this chain and contract.
    function hashBatch(uint64 round, uint32 observedAt, bytes32[] calldata updates) external view returns (bytes32) {
        // EIP-712 encodes a bytes32[] member as keccak256 of its concatenated words.
        return _batchDigest(round, observedAt, keccak256(abi.encodePacked(updates)));
    }

    function _batchDigest(uint64 round, uint32 observedAt, bytes32 updatesHash) private view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(BATCH_TYPEHASH, round, observedAt, updatesHash)));
    }

    /// @notice Decodes one packed update word (the golden vectors check the TS encoder against it).
    function decodeUpdate(
        bytes32 word
    ) external pure returns (bytes32 asset, uint16 volIndexBps, uint16 ltvBps, uint16 ltBps, uint16 lbBps) {
        if (uint256(word) & RiskPacking.UPDATE_RESERVED_MASK != 0) revert MalformedUpdate(0, word);
        RiskParams memory p = RiskPacking.unpackWord(uint256(word));
        return (RiskPacking.assetOf(uint256(word)), p.volIndexBps, p.ltvBps, p.ltBps, p.lbBps);
    }

    /// Strictly increasing, by at most MAX_ROUND_STEP (checked without overflow: round > lastRound).
    function _checkRound(uint64 round, uint64 lastRound_) private pure {
        if (round <= lastRound_) revert RoundNotIncreasing(round, lastRound_);
        if (round - lastRound_ > MAX_ROUND_STEP) revert RoundStepTooLarge(round, lastRound_, MAX_ROUND_STEP);
    }

    function _checkObservationTime(uint32 observedAt, State memory state) private view {
        if (uint256(observedAt) > block.timestamp + state.maxFutureSkew) {
            revert ObservationInFuture(observedAt, block.timestamp, state.maxFutureSkew);
        }
        if (uint256(observedAt) + state.maxObservationAge < block.timestamp) {
            revert ObservationTooOld(observedAt, block.timestamp, state.maxObservationAge);
        }
    }

    function _checkSignatures(bytes32 digest, bytes calldata signatures, uint8 threshold) private view {
        if (signatures.length % 65 != 0) revert SignatureLengthMismatch(signatures.length, 65);
        uint256 count = signatures.length / 65;
        if (count < threshold) revert BelowThreshold(count, threshold);
        address previous = address(0);
        for (uint256 i = 0; i < count; ++i) {
            bytes32 r;
            bytes32 s;
            uint8 v;
            assembly ("memory-safe") {
                let p := add(signatures.offset, mul(i, 65))
                r := calldataload(p)
                s := calldataload(add(p, 32))
                v := byte(0, calldataload(add(p, 64)))
            }
            if (uint256(s) > HALF_N) revert SignatureHighS(i, s);
            if (v != 27 && v != 28) revert InvalidSignature(i);
            address signer = _ecrecover(digest, v, r, s);
            if (signer == address(0)) revert InvalidSignature(i);
            if (signer <= previous) revert SignersNotAscending(i, signer, previous);
            if (!_signers.contains(signer)) revert UnauthorizedSigner(i, signer);
            previous = signer;
        }
    }

    /// The ecrecover precompile called directly (OpenZeppelin's ECDSA adds copies we do not need:
    /// s and v are already checked by the caller). Returns address(0) when recovery fails.
    function _ecrecover(bytes32 digest, uint8 v, bytes32 r, bytes32 s) private view returns (address signer) {
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, digest)
            mstore(add(ptr, 0x20), v)
            mstore(add(ptr, 0x40), r)
            mstore(add(ptr, 0x60), s)
            mstore(0, 0)
            if iszero(staticcall(gas(), 1, ptr, 0x80, 0, 0x20)) {
                revert(0, 0)
            }
            signer := mload(0)
        }
    }

    /// Hot path: one calldata word, one SLOAD and one SSTORE per asset, every check branch-free in
    /// assembly. On the first invalid update it stops and `_revertRejectedUpdate` re-runs the same
    /// checks in plain Solidity to revert with the precise custom error (cost only paid on failure).
    /// The caller checked the observation window, so the obsLag of `timeBits` fits its 11 bits.
    function _applyUpdates(uint32 observedAt, bytes32[] calldata updates) private {
        uint256 timeBits = RiskPacking.timeBits(block.timestamp, observedAt);
        uint256 failedIndex = type(uint256).max;
        assembly ("memory-safe") {
            // Masks are literals (RiskPacking.ID_MASK, UPDATE_RESERVED_MASK, GUARDRAILS_MASK, PARAMS_MASK,
            // and the lane masks of the RiskPacking slot layout, each named where used) and the
            // checks live in a Yul function: as locals they would not fit the stack.
            /// 0 when `word` may be applied to `slot` at block time `at` (the id order is checked by the loop).
            function rejects(word, slot, at) -> bad {
                // Any non-zero term rejects. Lane-parallel (SWAR) compares: "a ≥ b in every lane"
                // is one subtraction a − b over the packed lanes; the borrow out of each lane is
                // bit (lane end + 1) of a ⊕ b ⊕ (a − b). A borrow coming INTO a lane can only make
                // that lane fail too, so a set borrow bit means "some lane fails" exactly: the
                // lowest failing lane has no borrow in and is computed exactly, and lanes above a
                // passing lane see no borrow. Every lane holds a value < 2^width (no carry out).
                bad := or(and(word, 0xfc00000000000000), iszero(shr(255, slot)))
                // Bounds, 8 lanes in the slot's guardrail bits 90..205: x holds each value in both
                // its min and its max lane (vi 16 bits, ltv/lt/lb 14 bits, same widths as the
                // bounds), m the bounds. a = values in min lanes and maxes in max lanes, b = mins
                // in min lanes and values in max lanes: a ≥ b lane-wise ⇔ min ≤ v ≤ max for all 4.
                let x := or(
                    or(and(shl(90, word), 0x3fffc0000000000000000000000), and(shl(106, word), 0xfffffffc00000000000000000000000000)),
                    or(
                        or(and(shl(120, word), 0xfffffff0000000000000000000000000000000000), and(shl(134, word), 0xfffffff00000000000000000000000000000000000000000)),
                        and(shl(148, word), 0x3fff000000000000000000000000000000000000000000000000)
                    )
                )
                let m := and(slot, 0x3ffffffffffffffffffffffffffffc0000000000000000000000)
                let d := xor(x, m)
                let swap := and(d, 0x3fff0003fff0003fff0003fffc00000000000000000000000000) // max lanes
                // a ⊕ b = d; borrow bits at 106, 122, 136, 150, 164, 178, 192, 206.
                bad := or(bad, and(xor(d, sub(xor(x, swap), xor(m, swap))), 0x4001000400100040010004000400000000000000000000000000))
                let ltv := and(shr(16, word), 0x3FFF)
                let lt_ := and(shr(30, word), 0x3FFF)
                // LTV ≤ LT and LT·(10_000 + LB) ≤ 10_000² (LT·(1 + LB) ≤ 1 in bp, exact).
                bad := or(bad, or(gt(ltv, lt_), gt(mul(lt_, add(10000, and(shr(44, word), 0x3FFF))), 100000000)))
                // updatedAt of the previous accepted update (block time; 0 = never updated).
                let previousAt := and(shr(58, slot), 0xFFFFFFFF)
                if previousAt {
                    bad := or(bad, lt(at, add(previousAt, and(shr(228, slot), 0xFFFF))))
                    // Steps, 3 lanes at bits 16..57 (ltv, lt, lb) of word and slot alike. LTV and LT
                    // loosen upwards, LB downwards: up = (loosen, loosen, tighten), down =
                    // (tighten, tighten, loosen); 0x40010000 = 2^16 + 2^30 puts a value in the ltv
                    // and lt lanes. No lane carries: stored values passed bounds whose max is
                    // ≤ 10_000 (configuration caps it), steps are ≤ 2_047, and 12_047 < 2^14; a new
                    // value above 10_000 has already failed its bounds above.
                    let loosen := and(shr(206, slot), 0x7FF)
                    let tighten := and(shr(217, slot), 0x7FF)
                    let p := and(word, 0x3ffffffffff0000)
                    let q := and(slot, 0x3ffffffffff0000)
                    // new ≤ previous + up and previous ≤ new + down, lane-wise; borrows at 30, 44, 58.
                    let a1 := add(q, or(mul(loosen, 0x40010000), shl(44, tighten)))
                    let a2 := add(p, or(mul(tighten, 0x40010000), shl(44, loosen)))
                    bad := or(bad, and(or(xor(xor(a1, p), sub(a1, p)), xor(xor(a2, q), sub(a2, q))), 0x400100040000000))
                }
            }
            let at := timestamp()
            let previousId := 0
            mstore(0x20, _assets.slot)
            // Walks a calldata pointer (no index arithmetic per word); the index is derived on failure.
            for {
                let ptr := updates.offset
                let end := add(ptr, shl(5, updates.length))
            } lt(ptr, end) {
                ptr := add(ptr, 0x20)
            } {
                let word := calldataload(ptr)
                let id := and(word, 0xffffffffffffffffffffffffffffffffffffffffffffffff0000000000000000)
                mstore(0, id)
                let key := keccak256(0, 0x40)
                let slot := sload(key)
                let bad := or(iszero(gt(id, previousId)), rejects(word, slot, at))
                if bad {
                    failedIndex := shr(5, sub(ptr, updates.offset))
                    break
                }
                sstore(key, or(or(and(slot, 0x800ffffffffffffffffffffffffffffffffffffffc0000000000000000000000), and(word, 0x3ffffffffffffff)), timeBits))
                previousId := id
            }
        }
        if (failedIndex != type(uint256).max) _revertRejectedUpdate(failedIndex, observedAt, updates);
    }

    /// Cold path: the same checks as `_applyUpdates`, readable, reverting with the precise error.
    function _revertRejectedUpdate(uint256 index, uint32 observedAt, bytes32[] calldata updates) private view {
        uint256 word = uint256(updates[index]);
        uint256 assetBits = word & RiskPacking.ID_MASK;
        bytes32 asset = bytes32(assetBits);
        if (index > 0) {
            uint256 previousAsset = uint256(updates[index - 1]) & RiskPacking.ID_MASK;
            if (assetBits <= previousAsset) revert AssetsNotAscending(index, asset, bytes32(previousAsset));
        } else if (assetBits == 0) {
            revert AssetsNotAscending(index, asset, bytes32(0));
        }
        if (word & RiskPacking.UPDATE_RESERVED_MASK != 0) revert MalformedUpdate(index, updates[index]);
        uint256 slot = _assets[asset];
        if (!RiskPacking.isConfigured(slot)) revert AssetNotConfigured(asset);
        _checkUpdate(asset, slot, word);
        // Unreachable while both paths implement the same rules; never accept silently.
        revert MalformedUpdate(index, updates[index]);
    }

    /// Bounds, LTV ≤ LT, LT·(1 + LB) ≤ 1, minimum interval and step limits of one update.
    function _checkUpdate(bytes32 asset, uint256 slot, uint256 word) private view {
        uint256 vi = word & RiskPacking.M16;
        uint256 ltv = (word >> RiskPacking.LTV_SHIFT) & RiskPacking.M14;
        uint256 lt = (word >> RiskPacking.LT_SHIFT) & RiskPacking.M14;
        uint256 lb = (word >> RiskPacking.LB_SHIFT) & RiskPacking.M14;
        _checkBounds(asset, Param.VolIndex, vi, slot, RiskPacking.VI_MIN_SHIFT, RiskPacking.VI_MAX_SHIFT, RiskPacking.M16);
        _checkBounds(asset, Param.Ltv, ltv, slot, RiskPacking.LTV_MIN_SHIFT, RiskPacking.LTV_MAX_SHIFT, RiskPacking.M14);
        _checkBounds(asset, Param.Lt, lt, slot, RiskPacking.LT_MIN_SHIFT, RiskPacking.LT_MAX_SHIFT, RiskPacking.M14);
        _checkBounds(asset, Param.Lb, lb, slot, RiskPacking.LB_MIN_SHIFT, RiskPacking.LB_MAX_SHIFT, RiskPacking.M14);
        if (ltv > lt) revert LtvAboveLt(asset, ltv, lt);
        // LT·(1 + LB) ≤ 1 in bp: lt·(10_000 + lb) ≤ 10_000², exact in integers (no rounding).
        if (lt * (BPS + lb) > BPS * BPS) revert BonusTooHighForLt(asset, lt, lb);

        uint256 previousAt = RiskPacking.updatedAt(slot);
        if (previousAt == 0) return; // first write: bounds only, there is no previous value to step from
        // On block time, never on the signer-chosen observation time.
        uint256 minInterval = (slot >> RiskPacking.MIN_INTERVAL_SHIFT) & RiskPacking.M16;
        if (block.timestamp < previousAt + minInterval) {
            revert UpdateTooSoon(asset, previousAt, block.timestamp, minInterval);
        }
        uint256 maxLoosen = (slot >> RiskPacking.MAX_LOOSEN_SHIFT) & RiskPacking.M11;
        uint256 maxTighten = (slot >> RiskPacking.MAX_TIGHTEN_SHIFT) & RiskPacking.M11;
        // LTV and LT loosen upwards; the liquidation bonus loosens downwards (less liquidator incentive).
        _checkStep(asset, Param.Ltv, (slot >> RiskPacking.LTV_SHIFT) & RiskPacking.M14, ltv, maxLoosen, maxTighten);
        _checkStep(asset, Param.Lt, (slot >> RiskPacking.LT_SHIFT) & RiskPacking.M14, lt, maxLoosen, maxTighten);
        _checkStep(asset, Param.Lb, (slot >> RiskPacking.LB_SHIFT) & RiskPacking.M14, lb, maxTighten, maxLoosen);
    }

    function _checkBounds(
        bytes32 asset,
        Param param,
        uint256 value,
        uint256 slot,
        uint256 minShift,
        uint256 maxShift,
        uint256 mask
    ) private pure {
        uint256 min = (slot >> minShift) & mask;
        uint256 max = (slot >> maxShift) & mask;
        if (value < min || value > max) revert ParameterOutOfBounds(asset, param, value, min, max);
    }

    /// `maxUp` bounds an increase, `maxDown` a decrease.
    function _checkStep(bytes32 asset, Param param, uint256 previous, uint256 value, uint256 maxUp, uint256 maxDown) private pure {
        if (value > previous) {
            if (value - previous > maxUp) revert StepTooLarge(asset, param, previous, value, maxUp);
        } else if (previous - value > maxDown) {
            revert StepTooLarge(asset, param, previous, value, maxDown);
        }
    }

    // ════════════════════════════════ reads ════════════════════════════════

    /// @inheritdoc IRiskOracle
    function latest(bytes32 asset) public view returns (RiskParams memory) {
        uint256 slot = _assets[asset];
        if (!RiskPacking.isConfigured(slot)) revert AssetNotConfigured(asset);
        if (RiskPacking.updatedAt(slot) == 0) revert NoParametersYet(asset);
        return RiskPacking.unpackParams(slot);
    }

    /// @inheritdoc IRiskOracle
    /// @dev Age = now − observedAt, compared without any addition: every `maxAge` up to
    /// type(uint256).max is valid (v1 computed observedAt + maxAge and panicked near the top), and
    /// an observation up to maxFutureSkew ahead of the block has age 0.
    function latestNoOlderThan(bytes32 asset, uint256 maxAge) external view returns (RiskParams memory params) {
        params = latest(asset);
        if (block.timestamp > params.observedAt && block.timestamp - params.observedAt > maxAge) {
            revert StaleParameters(asset, params.observedAt, maxAge, block.timestamp);
        }
    }

    /// @inheritdoc IRiskOracle
    function tryLatest(bytes32 asset) external view returns (bool ok, RiskParams memory params) {
        uint256 slot = _assets[asset];
        if (!RiskPacking.isConfigured(slot) || RiskPacking.updatedAt(slot) == 0) return (false, params);
        return (true, RiskPacking.unpackParams(slot));
    }

    /// @notice Block time at which the latest update of `asset` was accepted (0 = never); the
    /// minimum interval runs from it.
    function lastUpdatedAt(bytes32 asset) external view returns (uint256) {
        return RiskPacking.updatedAt(_assets[asset]);
    }

    /// @inheritdoc IRiskOracle
    function guardrails(bytes32 asset) external view returns (Guardrails memory) {
        return RiskPacking.unpackGuardrails(_assets[asset]);
    }

    /// @inheritdoc IRiskOracle
    function paused() external view returns (bool) {
        return _state.paused;
    }

    function isConfigured(bytes32 asset) external view returns (bool) {
        return RiskPacking.isConfigured(_assets[asset]);
    }

    /// @notice Every asset id ever configured, in configuration order.
    function assets() external view returns (bytes32[] memory) {
        return _assetIds;
    }

    function lastRound() external view returns (uint64) {
        return _state.lastRound;
    }

    function threshold() external view returns (uint8) {
        return _state.threshold;
    }

    function maxObservationAge() external view returns (uint32) {
        return _state.maxObservationAge;
    }

    function maxFutureSkew() external view returns (uint32) {
        return _state.maxFutureSkew;
    }

    function guardian() external view returns (address) {
        return _guardian;
    }

    function isSigner(address account) external view returns (bool) {
        return _signers.contains(account);
    }

    function signers() external view returns (address[] memory) {
        return _signers.values();
    }

    // ════════════════════════════════ governance ════════════════════════════════

    /// @notice Sets (or replaces) the guardrails of `asset`. Its latest parameters are kept: the
    /// next update must satisfy the new bounds and step from the kept values.
    function configureAsset(bytes32 asset, Guardrails calldata g) external onlyOwner {
        _configureAsset(asset, g);
    }

    function configureAssets(bytes32[] calldata assetIds, Guardrails[] calldata g) external onlyOwner {
        if (assetIds.length != g.length) revert ArrayLengthMismatch(assetIds.length, g.length);
        for (uint256 i = 0; i < assetIds.length; ++i) _configureAsset(assetIds[i], g[i]);
    }

    function addSigner(address signer) external onlyOwner {
        _addSigner(signer);
    }

    /// @notice Removes a signer; reverts when fewer signers than the threshold would remain.
    function removeSigner(address signer) external onlyOwner {
        if (!_signers.remove(signer)) revert SignerNotFound(signer);
        if (_signers.length() < _state.threshold) revert InvalidThreshold(_state.threshold, _signers.length());
        emit SignerRemoved(signer);
    }

    function setThreshold(uint8 threshold_) external onlyOwner {
        _setThreshold(threshold_);
    }

    function setTiming(uint32 maxObservationAge_, uint32 maxFutureSkew_) external onlyOwner {
        _setTiming(maxObservationAge_, maxFutureSkew_);
    }

    function setGuardian(address guardian_) external onlyOwner {
        _setGuardian(guardian_);
    }

    /// @notice Disabled: without an owner, signers could never be rotated nor guardrails changed.
    function renounceOwnership() public view override onlyOwner {
        revert RenounceOwnershipDisabled();
    }

    /// @notice Stops `submit` (reads keep working). Guardian or owner.
    function pause() external {
        if (msg.sender != _guardian && msg.sender != owner()) revert NotGuardianOrOwner(msg.sender);
        _state.paused = true;
        emit Paused(msg.sender);
    }

    /// @notice Resumes `submit`. Owner only: a compromised guardian can stop updates, never resume them.
    function unpause() external onlyOwner {
        _state.paused = false;
        emit Unpaused(msg.sender);
    }

    function _configureAsset(bytes32 asset, Guardrails calldata g) private {
        if (asset == bytes32(0) || uint256(asset) & ~RiskPacking.ID_MASK != 0) revert InvalidAssetId(asset);
        _validateGuardrails(asset, g);
        uint256 slot = _assets[asset];
        if (!RiskPacking.isConfigured(slot)) _assetIds.push(asset);
        _assets[asset] = (slot & RiskPacking.PARAMS_AND_TIME_MASK) | RiskPacking.packGuardrails(g);
        emit AssetConfigured(asset, g);
    }

    function _validateGuardrails(bytes32 asset, Guardrails calldata g) private pure {
        if (g.minVolIndexBps > g.maxVolIndexBps) revert InvalidGuardrails(asset, "minVolIndexBps > maxVolIndexBps");
        if (g.minLtvBps > g.maxLtvBps) revert InvalidGuardrails(asset, "minLtvBps > maxLtvBps");
        if (g.minLtBps > g.maxLtBps) revert InvalidGuardrails(asset, "minLtBps > maxLtBps");
        if (g.minLbBps > g.maxLbBps) revert InvalidGuardrails(asset, "minLbBps > maxLbBps");
        if (g.maxLtvBps > BPS) revert InvalidGuardrails(asset, "maxLtvBps > 10000");
        if (g.maxLtBps > BPS) revert InvalidGuardrails(asset, "maxLtBps > 10000");
        if (g.maxLbBps > BPS) revert InvalidGuardrails(asset, "maxLbBps > 10000");
        if (g.maxLoosenBps > RiskPacking.MAX_STEP_BPS) revert InvalidGuardrails(asset, "maxLoosenBps > 2047");
        if (g.maxTightenBps > RiskPacking.MAX_STEP_BPS) revert InvalidGuardrails(asset, "maxTightenBps > 2047");
        if (g.minLtvBps > g.maxLtBps) revert InvalidGuardrails(asset, "minLtvBps > maxLtBps: no update could satisfy LTV <= LT");
    }

    function _addSigner(address signer) private {
        if (signer == address(0)) revert InvalidSigner(signer);
        if (!_signers.add(signer)) revert SignerAlreadyAdded(signer);
        emit SignerAdded(signer);
    }

    function _setThreshold(uint8 threshold_) private {
        if (threshold_ == 0 || threshold_ > _signers.length()) revert InvalidThreshold(threshold_, _signers.length());
        uint8 previous = _state.threshold;
        _state.threshold = threshold_;
        emit ThresholdUpdated(previous, threshold_);
    }

    /// The window must fit the slot's 11-bit obsLag (RiskPacking): 1 ≤ maxObservationAge ≤ 1_919 s,
    /// maxFutureSkew ≤ 128 s.
    function _setTiming(uint32 maxObservationAge_, uint32 maxFutureSkew_) private {
        if (
            maxObservationAge_ == 0 ||
            maxObservationAge_ > RiskPacking.MAX_OBSERVATION_AGE ||
            maxFutureSkew_ > RiskPacking.LAG_BIAS
        ) {
            revert InvalidTiming(
                maxObservationAge_,
                maxFutureSkew_,
                RiskPacking.MAX_OBSERVATION_AGE,
                RiskPacking.LAG_BIAS
            );
        }
        _state.maxObservationAge = maxObservationAge_;
        _state.maxFutureSkew = maxFutureSkew_;
        emit TimingUpdated(maxObservationAge_, maxFutureSkew_);
    }

    function _setGuardian(address guardian_) private {
        address previous = _guardian;
        _guardian = guardian_;
        emit GuardianUpdated(previous, guardian_);
    }
}
