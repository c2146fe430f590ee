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

/** The four handlers (docs/architecture.md, "Stage contract"), relative to the repository root. */
export const HANDLER_ENTRIES = {
  collect: 'lambdas/collect/handler.ts',
  compute: 'lambdas/compute/handler.ts',
  publish: 'lambdas/publish/handler.ts',
  api: 'lambdas/api/handler.ts',
} as const;
export type HandlerName = keyof typeof HANDLER_ENTRIES;

/**
 * Key administration for the account root (and so for IAM principals the account allows).
 * Deliberately absent: kms:Sign, kms:CreateGrant (a grant could hand out Sign), kms:Decrypt/Encrypt
 * and every wildcard. The account keeps kms:GetPublicKey so the operator can derive the signer
 * address (the public key is public: it is recoverable from any signature).
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

/** What the publisher may do with the key, and nothing else. */
export const SIGNING_KEY_SIGNER_ACTIONS = ['kms:Sign', 'kms:GetPublicKey'] as const;

/** Memory of a function that does not set its own, MB. @default 512 */
export const DEFAULT_FUNCTION_MEMORY_MB = 512;

/** Timeout of a function that does not set its own. @default 60 s */
export const DEFAULT_FUNCTION_TIMEOUT = Duration.seconds(60);

/** Powertools log level of every function. @default "INFO" */
export const DEFAULT_LOG_LEVEL = 'INFO';
