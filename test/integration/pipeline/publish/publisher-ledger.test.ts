import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynamoDbLocal } from '../../../../shared/localstack/startDynamoDbLocal.js';
import { beginPublication } from '../../../../shared/store/beginPublication.js';
import { createDynamoClients, type DynamoClients } from '../../../../shared/store/createDynamoClients.js';
import { createTables } from '../../../../shared/store/createTables.js';
import { appendLedgerAttempt } from '../../../../shared/store/appendLedgerAttempt.js';
import { getLedgerEntry } from '../../../fixtures/store/getLedgerEntry.js';
import { listOpenLedgerEntries } from '../../../../shared/store/listOpenLedgerEntries.js';
import { putLedgerEntry } from '../../../fixtures/store/putLedgerEntry.js';
import { updateLedgerStatus } from '../../../../shared/store/updateLedgerStatus.js';
import type { LedgerEntry } from '../../../../shared/store/LedgerEntry.js';
import { getPublication } from '../../../../shared/store/getPublication.js';
import { updatePublicationOutcome } from '../../../fixtures/store/updatePublicationOutcome.js';
import type { Publication } from '../../../../shared/store/Publication.js';
import { ConflictingWriteError } from '../../../../shared/store/errors.js';
import { tableNames } from '../../../../shared/store/tables.js';

const SENDER = '31337#0x00000000000000000000000000000000000000aa';
const ORACLE = '31337#0x00000000000000000000000000000000000000bb';

function entry(nonce: number, round: string, status: LedgerEntry['status'] = 'signed'): LedgerEntry {
  return {
    sender: SENDER,
    nonce,
    round,
    batchDigest: `0x${nonce.toString(16).padStart(64, '0')}`,
    batch: '{}',
    signatures: ['0x01'],
    status,
    attempts: [
      {
        txHash: `0x${'1'.repeat(63)}${nonce % 10}`,
        raw: '0x02',
        maxFeePerGas: '2',
        maxPriorityFeePerGas: '1',
        signedAt: 1,
      },
    ],
    createdAt: 1,
    updatedAt: 1,
  };
}

function publication(round: string, nonce: number): Publication {
  return {
    oracle: ORACLE,
    round,
    chainId: 31337,
    oracleAddress: '0x00000000000000000000000000000000000000bb',
    observedAt: 1,
    assets: [],
    batchDigest: `0x${nonce.toString(16).padStart(64, '0')}`,
    signatures: ['0x01'],
    signer: '0xaa',
    sender: '0xaa',
    nonce,
    status: 'pending',
    createdAt: 1,
    updatedAt: 1,
  };
}

/** The ledger and publication writes the publisher relies on, against DynamoDB Local. */
describe('transaction ledger on DynamoDB Local', () => {
  let db: Awaited<ReturnType<typeof startDynamoDbLocal>>;
  let dynamo: DynamoClients;
  const tables = tableNames('ledgertest');

  beforeAll(async () => {
    db = await startDynamoDbLocal();
    dynamo = createDynamoClients({ endpoint: db.endpoint });
    await createTables(dynamo.client, tables);
  });
  afterAll(async () => {
    dynamo?.client.destroy();
    await db?.stop();
  });

  it('lists only the open entries, oldest first, however long the final history before them', async () => {
    for (let nonce = 0; nonce < 25; nonce++) {
      await putLedgerEntry(dynamo, tables, entry(nonce, String(nonce + 1)));
      await updateLedgerStatus(
        dynamo,
        tables,
        { sender: SENDER, nonce },
        nonce % 7 === 3 ? 'reverted' : 'mined',
        { now: 2, error: 'x' },
      );
    }
    expect(await listOpenLedgerEntries(dynamo, tables, SENDER)).toEqual([]);
    await putLedgerEntry(dynamo, tables, entry(25, '26'));
    await putLedgerEntry(dynamo, tables, entry(26, '27'));
    await updateLedgerStatus(dynamo, tables, { sender: SENDER, nonce: 26 }, 'broadcast', { now: 3 });
    expect((await listOpenLedgerEntries(dynamo, tables, SENDER)).map((e) => [e.nonce, e.status])).toEqual([
      [25, 'signed'],
      [26, 'broadcast'],
    ]);
  });

  it('refuses a second entry for a nonce, and never changes a final entry', async () => {
    await expect(putLedgerEntry(dynamo, tables, entry(25, '99'))).rejects.toBeInstanceOf(
      ConflictingWriteError,
    );
    await expect(
      updateLedgerStatus(dynamo, tables, { sender: SENDER, nonce: 0 }, 'dropped', { now: 4 }),
    ).rejects.toThrow(/conditional/i);
    await expect(
      appendLedgerAttempt(
        dynamo,
        tables,
        { sender: SENDER, nonce: 0 },
        entry(0, '1').attempts[0] as LedgerEntry['attempts'][0],
      ),
    ).rejects.toThrow(/conditional/i);
    expect(await getLedgerEntry(dynamo, tables, SENDER, 0)).toMatchObject({
      status: 'mined',
      attempts: [{}],
    });
  });

  it('beginPublication: a pending or mined round is never taken again; a reverted one is, keeping what failed', async () => {
    await beginPublication(dynamo, tables, publication('100', 100), {
      ...entry(100, '100'),
      sender: `${SENDER}x`,
    });
    await expect(
      beginPublication(dynamo, tables, publication('100', 101), {
        ...entry(101, '100'),
        sender: `${SENDER}x`,
      }),
    ).rejects.toBeInstanceOf(ConflictingWriteError);
    // Neither half of the refused transaction was written.
    expect(await getLedgerEntry(dynamo, tables, `${SENDER}x`, 101)).toBeUndefined();

    await updatePublicationOutcome(
      dynamo,
      tables,
      { oracle: ORACLE, round: '100' },
      {
        status: 'reverted',
        txHash: '0xdead',
        error: 'ParameterOutOfBounds: BTC …',
        now: 5,
      },
    );
    await beginPublication(dynamo, tables, publication('100', 101), {
      ...entry(101, '100'),
      sender: `${SENDER}x`,
    });
    expect(await getPublication(dynamo, tables, ORACLE, '100')).toMatchObject({
      nonce: 101,
      status: 'pending',
      superseded: [
        { status: 'reverted', nonce: 100, txHash: '0xdead', error: 'ParameterOutOfBounds: BTC …' },
      ],
    });
    // Once taken over it is pending again: a third batch for the round is refused.
    await expect(
      beginPublication(dynamo, tables, publication('100', 102), {
        ...entry(102, '100'),
        sender: `${SENDER}x`,
      }),
    ).rejects.toBeInstanceOf(ConflictingWriteError);
  });
});
