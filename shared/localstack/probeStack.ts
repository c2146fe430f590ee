import type { StackState } from './stackState.js';

async function answers(url: string, init: RequestInit): Promise<boolean> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(2_000) });
    return response.status > 0;
  } catch {
    return false;
  }
}

/** Health of each part of a running stack: does it answer on its loopback port? */
export async function probeStack(
  state: StackState,
): Promise<Record<'anvil' | 'dynamodb' | 'kms' | 'exchanges', boolean>> {
  const [anvil, dynamodb, kms, exchanges] = await Promise.all([
    answers(state.anvil.rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
    }),
    answers(state.dynamodb.endpoint, { method: 'POST' }),
    answers(state.kms.endpoint, { method: 'POST' }),
    answers(state.exchange.baseUrl, { method: 'GET' }),
  ]);
  return { anvil, dynamodb, kms, exchanges };
}
