import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { TABLES, type TableKey } from '../../shared/store/tables.js';
import { APPEND_ONLY_TABLE_ACTIONS } from './defaults.js';

export interface BallastTablesProps {
  /** Physical names are `${tablePrefix}-${logicalName}` (shared/store/tables.ts). */
  readonly tablePrefix: string;
  /** Customer-managed key for the tables; when absent the AWS-managed key (aws/dynamodb) is used. */
  readonly encryptionKey?: IKey;
}

/**
 * Every table of `TABLES`: on-demand, point-in-time recovery, encrypted, TTL where the definition
 * has one, the GSIs, deletion protection, and retained when the stack is deleted (the parameters
 * and publications are the audit trail).
 */
export class BallastTables extends Construct {
  readonly tables: Readonly<Record<TableKey, Table>>;

  constructor(scope: Construct, id: string, props: BallastTablesProps) {
    super(scope, id);
    const tables = {} as Record<TableKey, Table>;
    for (const key of Object.keys(TABLES) as TableKey[]) {
      const def: (typeof TABLES)[TableKey] = TABLES[key];
      const table = new Table(this, key, {
        tableName: `${props.tablePrefix}-${def.logicalName}`,
        partitionKey: { name: def.partitionKey.name, type: attributeType(def.partitionKey.type) },
        ...('sortKey' in def
          ? { sortKey: { name: def.sortKey.name, type: attributeType(def.sortKey.type) } }
          : {}),
        billingMode: BillingMode.PAY_PER_REQUEST,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        ...(props.encryptionKey === undefined
          ? { encryption: TableEncryption.AWS_MANAGED }
          : { encryption: TableEncryption.CUSTOMER_MANAGED, encryptionKey: props.encryptionKey }),
        ...('ttlAttribute' in def ? { timeToLiveAttribute: def.ttlAttribute } : {}),
        deletionProtection: true,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      if ('globalIndexes' in def) {
        for (const index of def.globalIndexes) {
          table.addGlobalSecondaryIndex({
            indexName: index.indexName,
            partitionKey: { name: index.partitionKey.name, type: attributeType(index.partitionKey.type) },
          });
        }
      }
      tables[key] = table;
    }
    this.tables = tables;
  }
}

/**
 * Grants `grantee` append-only access to an audit table (APPEND_ONLY_TABLE_ACTIONS, its indexes
 * included) and use of the table's customer-managed key, if any.
 */
export function grantAppendOnly(table: Table, grantee: IGrantable): void {
  table.grant(grantee, ...APPEND_ONLY_TABLE_ACTIONS);
  table.encryptionKey?.grantEncryptDecrypt(grantee);
}

function attributeType(type: 'S' | 'N'): AttributeType {
  return type === 'S' ? AttributeType.STRING : AttributeType.NUMBER;
}
