import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OracleClientError } from './errors.js';

export interface ContractArtifact {
  readonly contractName: string;
  readonly abi: readonly unknown[];
  readonly bytecode: string;
  readonly deployedBytecode: string;
}

/** Build output directory of contracts/build.ts, relative to this file. */
export const CONTRACTS_OUT_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'contracts',
  'out',
);

/**
 * Reads a compiled artifact (ABI + bytecode) from contracts/out/.
 * @param name contract name. @default "RiskOracle"
 */
export function loadRiskOracleArtifact(name = 'RiskOracle', outDir = CONTRACTS_OUT_DIR): ContractArtifact {
  const file = join(outDir, `${name}.json`);
  if (!existsSync(file)) {
    throw new OracleClientError(`compiled contract ${name} not found at ${file}`, {
      fix: 'build the contracts first: `npm run build:contracts`',
    });
  }
  return JSON.parse(readFileSync(file, 'utf8')) as ContractArtifact;
}
