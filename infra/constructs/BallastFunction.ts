import { RemovalPolicy, Validations, type Duration } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Code, Function as LambdaFunction, Tracing, type ICodeSigningConfig } from 'aws-cdk-lib/aws-lambda';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { NodejsFunction, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import {
  DEFAULT_FUNCTION_MEMORY_MB,
  DEFAULT_FUNCTION_TIMEOUT,
  DEFAULT_LOG_LEVEL,
  LAMBDA_ARCHITECTURE,
  LAMBDA_NODE_OPTIONS,
  LAMBDA_RUNTIME,
} from './defaults.js';

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
  /** @default DEFAULT_FUNCTION_MEMORY_MB */
  readonly memorySize?: number;
  /** @default DEFAULT_FUNCTION_TIMEOUT */
  readonly timeout?: Duration;
  /** @default unreserved */
  readonly reservedConcurrentExecutions?: number;
  /** Async-invocation retries. @default 2 (Lambda's default) */
  readonly retryAttempts?: number;
  /** @default DEFAULT_LOG_LEVEL */
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** Lambda code signing (the publishers). @default none */
  readonly codeSigningConfig?: ICodeSigningConfig;
  /**
   * A signed bundle in S3 (the output of an AWS Signer job) to deploy instead of bundling `entry`:
   * with an enforcing code-signing config, only signed code deploys. @default bundle `entry`
   */
  readonly signedCode?: {
    readonly bucket: string;
    readonly key: string;
    readonly objectVersion?: string | undefined;
  };
}

/**
 * A Ballast Lambda: NodejsFunction with local esbuild bundling (ESM), ARM64, the current Node
 * runtime, X-Ray active tracing, its own retained-for-N-days log group, Powertools environment,
 * and a role of its own that can only write to that log group (grants add the rest).
 */
export class BallastFunction extends Construct {
  readonly fn: LambdaFunction;
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
    const common = {
      description: props.description,
      runtime: LAMBDA_RUNTIME,
      architecture: LAMBDA_ARCHITECTURE,
      memorySize: props.memorySize ?? DEFAULT_FUNCTION_MEMORY_MB,
      timeout: props.timeout ?? DEFAULT_FUNCTION_TIMEOUT,
      tracing: Tracing.ACTIVE,
      logGroup: this.logGroup,
      role: this.role,
      ...(props.reservedConcurrentExecutions === undefined
        ? {}
        : { reservedConcurrentExecutions: props.reservedConcurrentExecutions }),
      ...(props.retryAttempts === undefined ? {} : { retryAttempts: props.retryAttempts }),
      ...(props.codeSigningConfig === undefined ? {} : { codeSigningConfig: props.codeSigningConfig }),
      environment: {
        ...props.environment,
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_METRICS_NAMESPACE: props.metricsNamespace,
        POWERTOOLS_LOG_LEVEL: props.logLevel ?? DEFAULT_LOG_LEVEL,
        NODE_OPTIONS: LAMBDA_NODE_OPTIONS,
      },
    };
    this.fn =
      props.signedCode === undefined
        ? new NodejsFunction(this, 'Function', {
            ...common,
            entry: props.entry,
            handler: 'handler',
            projectRoot: props.projectRoot,
            depsLockFilePath: `${props.projectRoot}/package-lock.json`,
            bundling: props.bundling,
          })
        : new LambdaFunction(this, 'Function', {
            ...common,
            // The signed zip holds the same bundle (index.mjs) that `entry` builds to.
            handler: 'index.handler',
            code: Code.fromBucketV2(
              Bucket.fromBucketName(this, 'SignedCodeBucket', props.signedCode.bucket),
              props.signedCode.key,
              props.signedCode.objectVersion === undefined
                ? {}
                : { objectVersion: props.signedCode.objectVersion },
            ),
          });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords do not support resource-level permissions (test/infra checks no other action has Resource *).',
    });
  }
}
