/**
 * Every secure default of Ballast's infrastructure, in one file so a reviewer can audit them in one
 * read: the Lambda runtime and bundling target, the signing key's permitted actions, the function,
 * table and log defaults. The constructs (one per file beside this one) take `readonly` props and
 * fall back to these; permissions are CDK `grant*` calls only.
 */
import { Duration } from 'aws-cdk-lib';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';

/**
 * Lambda runtime of every function. Node.js 24 is the newest Node runtime on Lambda (LTS, supported
 * until 2028-04); Node.js 22 reaches end of life in 2027-04, and cdk-nag's AwsSolutions-L1 flags any
 * runtime older than the newest of its family.
 * @default Runtime.NODEJS_24_X
 */
export const LAMBDA_RUNTIME = Runtime.NODEJS_24_X;

/** Graviton: ~20% cheaper per GB-second than x86 and faster for this workload. @default ARM_64 */
export const LAMBDA_ARCHITECTURE = Architecture.ARM_64;

/** esbuild target matching LAMBDA_RUNTIME. @default "node24" */
export const ESBUILD_TARGET = 'node24';

/**
 * NODE_OPTIONS of every function: readable stack traces from the minified bundle. Costs init time
 * (Node parses the .map file when the module loads); bench/lambdas.ts measures with it.
 * @default "--enable-source-maps"
 */
export const LAMBDA_NODE_OPTIONS = '--enable-source-maps';

/**
 * The handlers (docs/architecture.md, "Stage contract"; the positions indexer: docs/positions.md),
 * relative to the repository root.
 */
export const HANDLER_ENTRIES = {
  collect: 'lambdas/collect/handler.ts',
  compute: 'lambdas/compute/handler.ts',
  publish: 'lambdas/publish/handler.ts',
  api: 'lambdas/api/handler.ts',
  indexer: 'lambdas/indexer/handler.ts',
  monitor: 'lambdas/monitor/handler.ts',
} as const;
export type HandlerName = keyof typeof HANDLER_ENTRIES;

/**
 * What the named key-admin role may do with a signing key. Deliberately absent: kms:Sign,
 * kms:CreateGrant (a grant could hand out Sign), kms:Decrypt/Encrypt and every wildcard.
 */
export const SIGNING_KEY_ADMIN_ACTIONS = [
  'kms:DescribeKey',
  'kms:GetKeyPolicy',
  'kms:ListKeyPolicies',
  'kms:PutKeyPolicy',
  'kms:GetPublicKey',
  'kms:ListResourceTags',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:ListGrants',
  'kms:RevokeGrant',
  'kms:EnableKey',
  'kms:DisableKey',
  'kms:UpdateKeyDescription',
  'kms:CreateAlias',
  'kms:UpdateAlias',
  'kms:DeleteAlias',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
] as const;

/**
 * What the account (any IAM principal it allows) may do with a signing key: read only. The public
 * key is public anyway (recoverable from any signature); the operator derives the signer address.
 */
export const SIGNING_KEY_READER_ACTIONS = [
  'kms:DescribeKey',
  'kms:GetKeyPolicy',
  'kms:GetPublicKey',
  'kms:ListResourceTags',
  'kms:ListGrants',
] as const;

/** What the publisher may do with the key, and nothing else. */
export const SIGNING_KEY_SIGNER_ACTIONS = ['kms:Sign', 'kms:GetPublicKey'] as const;

/** The only Sign requests the key policy allows: a 32-byte digest, ECDSA over secp256k1 with SHA-256. */
export const SIGNING_KEY_SIGN_CONDITIONS = {
  'kms:SigningAlgorithm': 'ECDSA_SHA_256',
  'kms:MessageType': 'DIGEST',
} as const;

/** Key-management calls that alarm (KeyCustodyAlarms): each can add a signer or destroy the key. */
export const KEY_CUSTODY_ALARM_EVENTS = [
  'PutKeyPolicy',
  'ScheduleKeyDeletion',
  'DisableKey',
  'CreateGrant',
] as const;

/** Memory of a function that does not set its own, MB. @default 512 */
export const DEFAULT_FUNCTION_MEMORY_MB = 512;

/** Timeout of a function that does not set its own. @default 60 s */
export const DEFAULT_FUNCTION_TIMEOUT = Duration.seconds(60);

/** Powertools log level of every function. @default "INFO" */
export const DEFAULT_LOG_LEVEL = 'INFO';

/**
 * How long a publisher code signature stays valid: a signed bundle older than this no longer
 * deploys (sign again). @default 365
 */
export const PUBLISHER_SIGNATURE_VALIDITY_DAYS = 365;

/**
 * What a pipeline role may do on an audit table (snapshots, parameters, publications): write new
 * items and update their status, never delete (no DeleteItem, BatchWriteItem or PartiQL). Expiry is
 * TTL's job (snapshots), and the records and publications are kept.
 */
export const APPEND_ONLY_TABLE_ACTIONS = [
  'dynamodb:BatchGetItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:Query',
  'dynamodb:UpdateItem',
] as const;

/**
 * How late the scheduler may still start a cycle (its retries included); a later start is dropped.
 * EventBridge Scheduler's minimum. @default 60 s
 */
export const SCHEDULE_MAX_EVENT_AGE = Duration.seconds(60);

/**
 * Slack between a cycle's deadline and the next scheduled start. The workflow timeout is
 * `period − SCHEDULE_MAX_EVENT_AGE − WORKFLOW_TIMEOUT_MARGIN`, so even a cycle started as late as the
 * scheduler allows has ended (succeeded, failed or timed out) before the next one starts.
 * @default 10 s
 */
export const WORKFLOW_TIMEOUT_MARGIN = Duration.seconds(10);

/**
 * The shortest workflow timeout a stage may have: a healthy cycle (collect, compute, publish with a
 * fee-bumped replacement) takes well under this. A schedule period too short for it fails synth.
 * @default 120 s
 */
export const MIN_WORKFLOW_TIMEOUT = Duration.seconds(120);

/**
 * Timeout of the positions indexer: below the shortest indexer schedule period (1 min), so runs do
 * not overlap; the indexer stops starting steps DEFAULT_INDEXER_STOP_MARGIN_MS before it.
 * @default 50 s
 */
export const INDEXER_TIMEOUT = Duration.seconds(50);

/** Memory of the positions indexer, MB (eth_getLogs ranges and one DynamoDB transaction). @default 256 */
export const INDEXER_MEMORY_MB = 256;

/**
 * How long the positions dead-letter queue keeps a message (a failed indexer run, a scheduler
 * delivery that could not invoke it): SQS's maximum, so an incident
 * noticed late can still be inspected and redriven. @default 14 days
 */
export const POSITIONS_DLQ_RETENTION = Duration.days(14);

/**
 * Period of the indexer lag alarm's metric; it alarms after INDEXER_LAG_EVALUATION_PERIODS such
 * periods above the stage's `positions.lagAlarmBlocks`. @default 5 min
 */
export const INDEXER_LAG_ALARM_PERIOD = Duration.minutes(5);

/** @default 3 */
export const INDEXER_LAG_EVALUATION_PERIODS = 3;

/**
 * What the positions indexer may do on the positions table, and nothing else: read a cursor
 * (GetItem), register a market (PutItem) and commit a range or a reorg repair in one transaction
 * (its Put and Delete items; TransactWriteItems has no action of its own). No Scan, no Query,
 * no batch writes.
 */
export const INDEXER_POSITIONS_TABLE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:DeleteItem',
] as const;

/**
 * Timeout of the position monitor: reading every position and delivering the cycle's alerts, each
 * with up to DEFAULT_MAX_ATTEMPTS attempts of DEFAULT_WEBHOOK_TIMEOUT_MS with backoff
 * (shared/positions/monitor/MonitorContext.ts). A run cut short loses nothing: its outbox is
 * delivered by the next cycle's run. @default 90 s
 */
export const MONITOR_TIMEOUT = Duration.seconds(90);

/** The monitor's task timeout in the workflow: above MONITOR_TIMEOUT, so States.Timeout means a hung invoke. @default 120 s */
export const MONITOR_TASK_TIMEOUT = Duration.seconds(120);

/** Memory of the position monitor, MB (100,000 positions take about 31 MiB of heap, docs/positions.md). @default 512 */
export const MONITOR_MEMORY_MB = 512;
