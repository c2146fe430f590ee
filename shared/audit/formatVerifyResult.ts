import { VERIFY_CHECKS, type VerifyResult } from './VerifyResult.js';

/** Text report of one verified round: a header, then `PASS|FAIL|SKIP  check` with its details indented. */
export function formatVerifyResult(result: VerifyResult): string {
  const lines = [
    `round ${result.round} · oracle ${result.oracle.address} (chain ${result.oracle.chainId})${result.txHash === null ? '' : ` · tx ${result.txHash}`}`,
  ];
  for (const check of result.checks) {
    lines.push(`  ${check.status.padEnd(4)}  ${VERIFY_CHECKS[check.id]}`);
    for (const detail of check.details) if (detail !== '') lines.push(`          ${detail}`);
  }
  lines.push(`  => ${result.ok ? 'VERIFIED' : 'FAILED'}`);
  return `${lines.join('\n')}\n`;
}
