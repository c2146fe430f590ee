/**
 * Ballast's building blocks with secure defaults, in one file so a reviewer can audit every default
 * in one read: the tables, the signing key, the Lambda function (and the esbuild options shared with
 * `bench/lambdas.ts`). Props are `readonly`; anything not in the props is a default written here once.
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import {
  AccountRootPrincipal,
  ArnPrincipal,
  Effect,
  PolicyDocument,
  PolicyStatement,
  Role,
  ServicePrincipal,
  type IRole,
} from 'aws-cdk-lib/aws-iam';
import { Alias, Key, KeySpec, KeyUsage, type IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import {
  NodejsFunction,
  OutputFormat,
  SourceMapMode,
  type BundlingOptions,
} from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { BuildOptions } from 'esbuild';
import { TABLES, type TableKey } from '../../shared/store/tables.js';

// ---------------------------------------------------------------------------------------------
// Lambda runtime and bundling
// ---------------------------------------------------------------------------------------------

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

/** The four handlers (docs/architecture.md, stage contract), relative to the repository root. */
export const HANDLER_ENTRIES = {
  collect: 'lambdas/collect/handler.ts',
  compute: 'lambdas/compute/handler.ts',
  publish: 'lambdas/publish/handler.ts',
  api: 'lambdas/api/handler.ts',
} as const;
export type HandlerName = keyof typeof HANDLER_ENTRIES;

/**
 * ESM bundles need `require` for the few CommonJS dependencies that call it (esbuild keeps their
 * `require('node:…')` calls); this shim provides it. Written once, used by CDK and the bench.
 */
const REQUIRE_SHIM =
  "import { createRequire as __ballastCreateRequire } from 'node:module'; const require = __ballastCreateRequire(import.meta.url);";

export interface LambdaBundlingParams {
  /**
   * The stage's validated assets config as JSON. It is set into `process.env.BALLAST_ASSETS_CONFIG_JSON`
   * by the bundle's banner (unless the environment already has it), so it never counts against
   * Lambda's 4 KB environment limit and every way of reading `process.env` sees it.
   */
  readonly assetsConfigJson: string;
}

/**
 * The esbuild options of every Ballast Lambda, as CDK `BundlingOptions`. Everything is bundled
 * (no externals, the AWS SDK included) so the code runs with the exact SDK versions it was tested
 * with; bench/lambdas.ts measures the cost (≤ 1.5 MB, ≤ 300 ms init).
 */
export function lambdaBundling(params: LambdaBundlingParams): BundlingOptions {
  return {
    format: OutputFormat.ESM,
    target: ESBUILD_TARGET,
    minify: true,
    sourceMap: true,
    sourceMapMode: SourceMapMode.DEFAULT,
    // Stack traces map to sources through the .map file, which is not loaded at init.
    sourcesContent: false,
    mainFields: ['module', 'main'],
    externalModules: [],
    banner: `${REQUIRE_SHIM} process.env.BALLAST_ASSETS_CONFIG_JSON ??= ${JSON.stringify(params.assetsConfigJson)};`,
  };
}

/**
 * The same build as CDK's local esbuild bundling (aws-lambda-nodejs `buildEsbuildArgs`) for the
 * options `lambdaBundling` uses, for the bench. Keep in step with `lambdaBundling`.
 */
export function toEsbuildOptions(
  bundling: BundlingOptions,
  entryPoint: string,
  outfile: string,
): BuildOptions {
  return {
    entryPoints: [entryPoint],
    outfile,
    bundle: true,
    platform: 'node',
    target: bundling.target ?? ESBUILD_TARGET,
    format: bundling.format === OutputFormat.ESM ? 'esm' : 'cjs',
    minify: bundling.minify ?? false,
    sourcemap: bundling.sourceMap ?? false,
    sourcesContent: bundling.sourcesContent ?? true,
    external: [...(bundling.externalModules ?? [])],
    ...(bundling.mainFields === undefined ? {} : { mainFields: [...bundling.mainFields] }),
    ...(bundling.banner === undefined ? {} : { banner: { js: bundling.banner } }),
    ...(bundling.define === undefined ? {} : { define: { ...bundling.define } }),
    logLevel: 'warning',
  };
}

// ---------------------------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------------------------

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

function attributeType(type: 'S' | 'N'): AttributeType {
  return type === 'S' ? AttributeType.STRING : AttributeType.NUMBER;
}

// ---------------------------------------------------------------------------------------------
// Signing key
// ---------------------------------------------------------------------------------------------

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

export interface SigningKeyProps {
  /** Alias without the `alias/` prefix, e.g. `ballast-prod-signer-k1`. */
  readonly aliasName: string;
  readonly description: string;
  /**
   * Roles allowed to sign. Their ARNs are written into the key policy (not an IAM policy): the key
   * policy does not trust the account for kms:Sign, so no IAM policy can ever add a signer.
   * Empty for a key that is created but not (or no longer) active.
   */
  readonly signerRoles: readonly IRole[];
}

/**
 * The secp256k1 signing key: KMS `ECC_SECG_P256K1` / `SIGN_VERIFY` (the private key never leaves
 * KMS), an alias, retained on stack deletion (deleting it would strand the on-chain signer), and a
 * key policy in which only the signer roles can sign, only digests with ECDSA_SHA_256.
 */
export class SigningKey extends Construct {
  readonly key: Key;
  readonly alias: Alias;

  constructor(scope: Construct, id: string, props: SigningKeyProps) {
    super(scope, id);
    const statements = [
      new PolicyStatement({
        sid: 'KeyAdministrationWithoutSigning',
        effect: Effect.ALLOW,
        principals: [new AccountRootPrincipal()],
        actions: [...SIGNING_KEY_ADMIN_ACTIONS],
        resources: ['*'],
      }),
    ];
    if (props.signerRoles.length > 0) {
      statements.push(
        new PolicyStatement({
          sid: 'PublisherSignsDigestsOnly',
          effect: Effect.ALLOW,
          principals: props.signerRoles.map((role) => new ArnPrincipal(role.roleArn)),
          actions: [...SIGNING_KEY_SIGNER_ACTIONS],
          resources: ['*'],
        }),
      );
    }
    this.key = new Key(this, 'Key', {
      description: props.description,
      keySpec: KeySpec.ECC_SECG_P256K1,
      keyUsage: KeyUsage.SIGN_VERIFY,
      policy: new PolicyDocument({ statements }),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.alias = new Alias(this, 'Alias', { aliasName: `alias/${props.aliasName}`, targetKey: this.key });
  }
}

// ---------------------------------------------------------------------------------------------
// Lambda function
// ---------------------------------------------------------------------------------------------

export interface BallastFunctionProps {
  /** Absolute path of the handler entry file. */
  readonly entry: string;
  readonly description: string;
  /** Repository root: esbuild's working directory and the lock file's folder. */
  readonly projectRoot: string;
  readonly bundling: BundlingOptions;
  /** Handler-specific environment; Powertools variables are added here. */
  readonly environment: Readonly<Record<string, string>>;
  /** `POWERTOOLS_SERVICE_NAME`, also the `service` dimension of every metric the function emits. */
  readonly serviceName: string;
  readonly metricsNamespace: string;
  readonly logRetention: RetentionDays;
  /** @default 512 */
  readonly memorySize?: number;
  /** @default 60 s */
  readonly timeout?: Duration;
  /** @default unreserved */
  readonly reservedConcurrentExecutions?: number;
  /** Async-invocation retries. @default 2 (Lambda's default) */
  readonly retryAttempts?: number;
  /** @default "INFO" */
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
}

/**
 * A Ballast Lambda: NodejsFunction with local esbuild bundling (ESM), ARM64, the current Node
 * runtime, X-Ray active tracing, its own retained-for-N-days log group, Powertools environment,
 * and a role of its own that can only write to that log group (grants add the rest).
 */
export class BallastFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: BallastFunctionProps) {
    super(scope, id);
    // Retained like every log group of the stack (the audit trail outlives a stack); expires by retention.
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Own role instead of AWSLambdaBasicExecutionRole (a managed policy writing to any log group).
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `${props.description} (execution role)`,
    });
    this.logGroup.grantWrite(this.role);
    this.fn = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      description: props.description,
      projectRoot: props.projectRoot,
      depsLockFilePath: `${props.projectRoot}/package-lock.json`,
      runtime: LAMBDA_RUNTIME,
      architecture: LAMBDA_ARCHITECTURE,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(60),
      tracing: Tracing.ACTIVE,
      logGroup: this.logGroup,
      role: this.role,
      bundling: props.bundling,
      ...(props.reservedConcurrentExecutions === undefined
        ? {}
        : { reservedConcurrentExecutions: props.reservedConcurrentExecutions }),
      ...(props.retryAttempts === undefined ? {} : { retryAttempts: props.retryAttempts }),
      environment: {
        ...props.environment,
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_METRICS_NAMESPACE: props.metricsNamespace,
        POWERTOOLS_LOG_LEVEL: props.logLevel ?? 'INFO',
        NODE_OPTIONS: LAMBDA_NODE_OPTIONS,
      },
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords do not support resource-level permissions (test/infra checks no other action has Resource *).',
    });
  }
}
