import { LocalProcessStartError } from './errors.js';
import type { StackState } from './stackState.js';

async function post(url: string, body: unknown, what: string): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(5_000),
  });
  const answer = (await response.json()) as { error?: unknown };
  if (!response.ok || answer.error !== undefined)
    throw new LocalProcessStartError(
      `${what} refused the simulated time: ${JSON.stringify(answer.error ?? answer)}`,
    );
  return answer;
}

/**
 * Moves the local stack's clocks to `nowMs`: the exchange simulator's (`POST /sim/clock`) and
 * anvil's (`anvil_setTime`, so the next blocks carry simulated time and the contract's freshness
 * and rate limits see it too). Time must only move forward.
 */
export async function setSimulatedTime(state: StackState, nowMs: number): Promise<void> {
  await post(`${state.exchange.baseUrl}/sim/clock`, { nowMs }, 'the exchange simulator');
  await post(
    state.anvil.rpcUrl,
    { jsonrpc: '2.0', id: 1, method: 'anvil_setTime', params: [Math.floor(nowMs / 1000)] },
    'anvil',
  );
}
