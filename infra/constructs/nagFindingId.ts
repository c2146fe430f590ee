import { Stack, type CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

export interface NagFindingIdParams {
  /** The cdk-nag rule, e.g. `AwsSolutions-IAM5`. */
  readonly rule: string;
  /** The construct whose `Arn` the wildcard resource is built from (its default child is the CfnResource). */
  readonly resource: IConstruct;
  /** What follows the ARN in the policy, e.g. `:*` or `/index/*`. */
  readonly suffix: string;
}

/**
 * The id cdk-nag gives one wildcard-resource finding, `Rule[Resource::<LogicalId.Arn>suffix]`,
 * computed from the construct rather than written with a hashed logical id, so acknowledgments
 * follow renames and name exactly one finding.
 */
export function nagFindingId(params: NagFindingIdParams): string {
  const cfn = params.resource.node.defaultChild as CfnElement | undefined;
  if (cfn === undefined)
    throw new Error(`nagFindingId: ${params.resource.node.path} has no default CloudFormation resource`);
  return `${params.rule}[Resource::<${Stack.of(cfn).getLogicalId(cfn)}.Arn>${params.suffix}]`;
}
