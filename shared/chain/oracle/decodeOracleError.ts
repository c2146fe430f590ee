import { Interface, isHexString, type ErrorDescription } from 'ethers';
import { assetSymbol } from './assetSymbol.js';
import { PARAM_NAMES } from './constants.js';
import { RISK_ORACLE_ABI } from './riskOracleAbi.js';

export interface DecodedOracleError {
  /** Custom error name, e.g. "StepTooLarge". */
  readonly name: string;
  /** Arguments by name, asset ids shown as symbols and `param` as its name. */
  readonly args: Readonly<Record<string, string>>;
  /** One readable sentence, e.g. "StepTooLarge: BTC ltvBps 7000 → 7100 moves 100 bp, max 25 bp". */
  readonly message: string;
}

const iface = new Interface(RISK_ORACLE_ABI);

/** Finds revert data in an ethers error (nested shapes differ between providers) or takes hex as-is. */
function revertData(input: unknown): string | undefined {
  if (typeof input === 'string') return isHexString(input) ? input : undefined;
  if (typeof input !== 'object' || input === null) return undefined;
  const candidate = input as { data?: unknown; error?: unknown; info?: { error?: unknown }; cause?: unknown };
  if (typeof candidate.data === 'string' && isHexString(candidate.data) && candidate.data.length >= 10)
    return candidate.data;
  for (const nested of [candidate.data, candidate.error, candidate.info?.error, candidate.cause]) {
    const found = nested === undefined ? undefined : revertData(nested);
    if (found !== undefined) return found;
  }
  return undefined;
}

function render(description: ErrorDescription): Record<string, string> {
  const args: Record<string, string> = {};
  description.fragment.inputs.forEach((input, i) => {
    const value: unknown = description.args[i];
    if (input.name === 'param') args[input.name] = PARAM_NAMES[Number(value)] ?? String(value);
    else if (input.type === 'bytes32' && /asset/i.test(input.name))
      args[input.name] = assetSymbol(String(value));
    else args[input.name] = String(value);
  });
  return args;
}

function sentence(name: string, a: Record<string, string>): string {
  switch (name) {
    case 'ParameterOutOfBounds':
      return `${a.asset} ${a.param} = ${a.value} is outside its bounds [${a.min}, ${a.max}] bp`;
    case 'StepTooLarge': {
      const move = Math.abs(Number(a.value) - Number(a.previous));
      return `${a.asset} ${a.param} ${a.previous} → ${a.value} moves ${move} bp, max ${a.maxStep} bp per update`;
    }
    case 'UpdateTooSoon':
      return `${a.asset} was last updated at block time ${a.previousUpdatedAt}; the next update needs ${a.minIntervalSec} s of block time, it is ${a.blockTimestamp}`;
    case 'RoundNotIncreasing':
      return `round ${a.round} is not above the last accepted round ${a.lastRound}`;
    case 'RoundStepTooLarge':
      return `round ${a.round} jumps more than ${a.maxStep} above the last accepted round ${a.lastRound}`;
    case 'InvalidTiming':
      return `maxObservationAge ${a.maxObservationAge} s must be 1..${a.maxObservationAgeLimit} and maxFutureSkew ${a.maxFutureSkew} s at most ${a.maxFutureSkewLimit}`;
    case 'ObservationTooOld':
      return `observation time ${a.observedAt} is older than ${a.maxObservationAge} s at block time ${a.blockTimestamp}`;
    case 'ObservationInFuture':
      return `observation time ${a.observedAt} is more than ${a.maxFutureSkew} s after block time ${a.blockTimestamp}`;
    case 'BelowThreshold':
      return `${a.signatures} signature(s) given, ${a.threshold} required`;
    case 'UnauthorizedSigner':
      return `signature #${a.index} recovers to ${a.signer}, which is not an authorised signer (wrong key, chain or contract)`;
    case 'SignersNotAscending':
      return `signature #${a.index} is by ${a.signer}, not above the previous signer ${a.previousSigner} (duplicate or unsorted)`;
    case 'AssetNotConfigured':
      return `asset ${a.asset} has no guardrails configured`;
    case 'StaleParameters':
      return `${a.asset} parameters observed at ${a.observedAt} are older than ${a.maxAge} s at ${a.nowTs}`;
    default: {
      const list = Object.entries(a)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ');
      return list === '' ? name : `${name}(${list})`;
    }
  }
}

/**
 * Decodes RiskOracle custom-error revert data (hex, or an ethers error carrying it) into its
 * name, arguments and a readable message; undefined when the data is not one of its errors.
 */
export function decodeOracleError(errorOrData: unknown): DecodedOracleError | undefined {
  const data = revertData(errorOrData);
  if (data === undefined) return undefined;
  let description: ErrorDescription | null;
  try {
    description = iface.parseError(data);
  } catch {
    return undefined;
  }
  if (description === null) return undefined;
  const args = render(description);
  const text = sentence(description.name, args);
  return {
    name: description.name,
    args,
    message: text.startsWith(description.name) ? text : `${description.name}: ${text}`,
  };
}
