/** The hand-written client ABI must match the compiled contract fragment for fragment. */
import { Interface } from 'ethers';
import { describe, expect, it } from 'vitest';
import { buildContracts } from '../../contracts/build.js';
import { loadRiskOracleArtifact } from '../../shared/chain/oracle/loadRiskOracleArtifact.js';
import { RISK_ORACLE_ABI } from '../../shared/chain/oracle/riskOracleAbi.js';
import { EXAMPLE_MARKET_INTERFACE } from '../../shared/positions/exampleMarketEvents.js';

describe('RISK_ORACLE_ABI', () => {
  it('lists exactly the compiled functions, events and errors, with the same signatures', () => {
    buildContracts();
    const compiled = new Interface(loadRiskOracleArtifact().abi as never);
    const client = new Interface(RISK_ORACLE_ABI);
    const signatures = (iface: Interface): string[] => {
      const out: string[] = [];
      iface.forEachFunction((f) =>
        out.push(
          `function ${f.format('sighash')} ${f.stateMutability} -> ${f.outputs.map((o) => o.format('sighash')).join(',')}`,
        ),
      );
      iface.forEachEvent((e) => out.push(`event ${e.format('full')}`));
      iface.forEachError((e) => out.push(`error ${e.format('sighash')}`));
      return out.sort();
    };
    // Errors only reachable inside OpenZeppelin internals are listed by solc too.
    expect(signatures(client)).toEqual(signatures(compiled));
  });
});

describe('EXAMPLE_MARKET_EVENTS', () => {
  it('lists exactly the compiled events of ExampleLendingMarket, with the same signatures', () => {
    buildContracts();
    const compiled = new Interface(loadRiskOracleArtifact('ExampleLendingMarket').abi as never);
    const events = (iface: Interface): string[] => {
      const out: string[] = [];
      iface.forEachEvent((e) => out.push(e.format('full')));
      return out.sort();
    };
    expect(events(EXAMPLE_MARKET_INTERFACE)).toEqual(events(compiled));
  });
});
