/**
 * Compiles the Solidity sources under contracts/ with the npm `solc` package (solcjs) through its
 * JS API, offline. OpenZeppelin imports resolve from node_modules/@openzeppelin/contracts.
 * Output: one JSON per contract in contracts/out/ ({ contractName, sourceName, abi, bytecode,
 * deployedBytecode }), plus contracts/out/.build-hash. When the hash of sources, compiler version
 * and settings is unchanged the compile is skipped, so `npm test` stays quick.
 *
 * Run: `npx tsx contracts/build.ts` (or `npm run build:contracts`); `--force` recompiles.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** Directory holding the Solidity sources (this file's directory). */
export const CONTRACTS_DIR = dirname(fileURLToPath(import.meta.url));
/** Build output directory (git-ignored). */
export const OUT_DIR = join(CONTRACTS_DIR, 'out');

/**
 * Compiler settings, written once. `cancun` keeps the bytecode deployable on every major EVM chain
 * today; the optimizer is tuned for many calls (submit runs every cycle), not for deploy size.
 * via-IR costs ~20 s of compile (only when sources change, see the hash cache) and saves ~1.6 % of
 * submit gas (docs/contract.md, Gas).
 */
export const SOLC_SETTINGS = {
  evmVersion: 'cancun',
  viaIR: true,
  optimizer: { enabled: true, runs: 10_000 },
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
} as const;

export class ContractBuildError extends Error {
  override name = 'ContractBuildError';
}

export interface BuildContractsParams {
  /** Recompile even when the sources hash is unchanged. @default false */
  readonly force?: boolean;
}

export interface BuildContractsResult {
  /** False when the previous output was reused because the sources hash matched. */
  readonly compiled: boolean;
  /** Contract names written to contracts/out/. */
  readonly contracts: readonly string[];
  readonly hash: string;
  readonly elapsedMs: number;
}

interface SolcOutput {
  errors?: { severity: 'error' | 'warning' | 'info'; formattedMessage: string }[];
  contracts?: Record<
    string,
    Record<
      string,
      { abi: unknown[]; evm: { bytecode: { object: string }; deployedBytecode: { object: string } } }
    >
  >;
}

interface Solc {
  version(): string;
  compile(
    input: string,
    callbacks: { import: (path: string) => { contents: string } | { error: string } },
  ): string;
}

/** Every .sol file under contracts/ (recursively, output dir excluded), keyed by its source name. */
function collectSources(): Record<string, { content: string }> {
  const sources: Record<string, { content: string }> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (path !== OUT_DIR && entry.name !== 'node_modules') walk(path);
      } else if (entry.name.endsWith('.sol')) {
        // Source names are relative to the repo root with forward slashes: "contracts/RiskOracle.sol".
        const name = relative(dirname(CONTRACTS_DIR), path).split(sep).join('/');
        sources[name] = { content: readFileSync(path, 'utf8') };
      }
    }
  };
  walk(CONTRACTS_DIR);
  return sources;
}

/** Resolves `@openzeppelin/contracts/...` (and relative imports that solc already made absolute). */
function resolveImport(path: string): { contents: string } | { error: string } {
  try {
    if (path.startsWith('@openzeppelin/contracts/')) {
      const root = dirname(require.resolve('@openzeppelin/contracts/package.json'));
      return { contents: readFileSync(join(root, path.slice('@openzeppelin/contracts/'.length)), 'utf8') };
    }
    const local = resolve(dirname(CONTRACTS_DIR), path);
    if (existsSync(local)) return { contents: readFileSync(local, 'utf8') };
    return {
      error: `import "${path}" not found: only @openzeppelin/contracts/* and files under contracts/ resolve`,
    };
  } catch (error) {
    return { error: `import "${path}" could not be read: ${(error as Error).message}` };
  }
}

/** Compiles contracts/**.sol into contracts/out/, skipping the compile when nothing changed. */
export function buildContracts({ force = false }: BuildContractsParams = {}): BuildContractsResult {
  const started = performance.now();
  const sources = collectSources();
  // Versions from package.json: loading solc itself takes ~0.6 s, only worth it when compiling.
  const ozVersion = (require('@openzeppelin/contracts/package.json') as { version: string }).version;
  const solcVersion = (require('solc/package.json') as { version: string }).version;
  const hash = createHash('sha256')
    .update(JSON.stringify({ sources, settings: SOLC_SETTINGS, solcVersion, ozVersion }))
    .digest('hex');
  const hashFile = join(OUT_DIR, '.build-hash');
  if (!force && existsSync(hashFile) && readFileSync(hashFile, 'utf8').trim() === hash) {
    const contracts = readdirSync(OUT_DIR)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -'.json'.length));
    return { compiled: false, contracts, hash, elapsedMs: performance.now() - started };
  }

  const solc = require('solc') as Solc;
  const input = { language: 'Solidity', sources, settings: SOLC_SETTINGS };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: resolveImport })) as SolcOutput;
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length > 0) {
    throw new ContractBuildError(
      `solc ${solc.version()} reported ${errors.length} error(s); fix the Solidity sources:\n` +
        errors.map((e) => e.formattedMessage).join('\n'),
    );
  }

  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  const written: string[] = [];
  for (const [sourceName, contracts] of Object.entries(output.contracts ?? {})) {
    // Only our own contracts become artifacts; OpenZeppelin's are compiled as dependencies.
    if (!sourceName.startsWith('contracts/')) continue;
    for (const [contractName, artifact] of Object.entries(contracts)) {
      if (written.includes(contractName)) {
        throw new ContractBuildError(
          `two contracts are named ${contractName}; rename one (artifacts are keyed by name)`,
        );
      }
      const json = {
        contractName,
        sourceName,
        compiler: solc.version(),
        abi: artifact.abi,
        bytecode: `0x${artifact.evm.bytecode.object}`,
        deployedBytecode: `0x${artifact.evm.deployedBytecode.object}`,
      };
      writeFileSync(join(OUT_DIR, `${contractName}.json`), `${JSON.stringify(json, null, 2)}\n`);
      written.push(contractName);
    }
  }
  writeFileSync(hashFile, `${hash}\n`);
  return { compiled: true, contracts: written, hash, elapsedMs: performance.now() - started };
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const result = buildContracts({ force: process.argv.includes('--force') });
    const verb = result.compiled ? 'compiled' : 'unchanged (hash match), reused';
    console.log(
      `contracts ${verb}: ${result.contracts.join(', ')} in ${Math.round(result.elapsedMs)} ms → ${relative(process.cwd(), OUT_DIR)}`,
    );
  } catch (error) {
    console.error(error instanceof ContractBuildError ? error.message : error);
    process.exit(1);
  }
}
