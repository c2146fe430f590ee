import { describe, expect, it } from 'vitest';
import { selectLocalChain } from '../../../../shared/cli/options/selectLocalChain.js';
import type { StackState } from '../../../../shared/localstack/stackState.js';
import { InputError } from '../../../../shared/errors/BallastError.js';

const base: StackState = {
  pid: 1,
  startedAt: '2026-12-03T00:00:00.000Z',
  anvil: { rpcUrl: 'http://127.0.0.1:1001', chainId: 31337 },
  dynamodb: { endpoint: 'http://127.0.0.1:1002', tablePrefix: 'ballast' },
  kms: { endpoint: 'http://127.0.0.1:1003', keyId: 'alias/ballast-oracle' },
  exchange: { baseUrl: 'http://127.0.0.1:1004' },
  oracle: { address: '0x5FbDB2315678afecb367f032d93F642f64180aa3' },
};
const two: StackState = {
  ...base,
  chains: [
    { name: 'local-31337', rpcUrl: 'http://127.0.0.1:1001', chainId: 31337, oracleAddress: '0xA' },
    { name: 'local-31338', rpcUrl: 'http://127.0.0.1:1005', chainId: 31338, oracleAddress: '0xB' },
  ],
};

describe('selectLocalChain', () => {
  it('a one-chain stack is its anvil and oracle', () => {
    expect(selectLocalChain(base, '--chain', undefined)).toEqual({
      name: 'local-31337',
      chainId: 31337,
      rpcUrl: 'http://127.0.0.1:1001',
      oracleAddress: base.oracle.address,
    });
    expect(selectLocalChain(base, '--chain', '31337').chainId).toBe(31337);
  });

  it('picks a chain of a multi-chain stack by id or name; the first by default', () => {
    expect(selectLocalChain(two, '--chain', undefined).oracleAddress).toBe('0xA');
    expect(selectLocalChain(two, '--chain', '31338').rpcUrl).toBe('http://127.0.0.1:1005');
    expect(selectLocalChain(two, '--chain-id', 'local-31338').oracleAddress).toBe('0xB');
  });

  it('names the value and the chains it could have been', () => {
    const select = (): unknown => selectLocalChain(two, '--chain-id', '1');
    expect(select).toThrow(InputError);
    expect(select).toThrow(
      '--chain-id: "1" is not a chain of the local stack; expected one of 31337 (local-31337), 31338 (local-31338)',
    );
  });
});
