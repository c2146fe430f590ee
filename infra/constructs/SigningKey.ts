import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRootPrincipal,
  ArnPrincipal,
  Effect,
  PolicyDocument,
  PolicyStatement,
  type IRole,
} from 'aws-cdk-lib/aws-iam';
import { Alias, Key, KeySpec, KeyUsage, type CfnKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import {
  SIGNING_KEY_ADMIN_ACTIONS,
  SIGNING_KEY_READER_ACTIONS,
  SIGNING_KEY_SIGN_CONDITIONS,
} from './defaults.js';

export interface SigningKeyProps {
  /** Alias without the `alias/` prefix, e.g. `ballast-prod-signer-k1`. */
  readonly aliasName: string;
  readonly description: string;
  /**
   * The only principal that administers the key (policy, enable/disable, deletion, aliases, tags):
   * an IAM role the operator created (stage config `keyAdminRoleName`). It can never sign.
   */
  readonly adminRoleArn: string;
  /**
   * Roles allowed to sign. Their ARNs are written into the key policy (not an IAM policy): the key
   * policy does not trust the account, so no IAM policy can ever add a signer or an administrator.
   * Empty for a key that is created but not (or no longer) active.
   */
  readonly signerRoles: readonly IRole[];
}

/**
 * The secp256k1 signing key: KMS `ECC_SECG_P256K1` / `SIGN_VERIFY` (the private key never leaves
 * KMS), an alias, retained on stack deletion (deleting it would strand the on-chain signer), and a
 * key policy with four statements and nothing else:
 * - the admin role administers (SIGNING_KEY_ADMIN_ACTIONS: never Sign, never CreateGrant);
 * - the account may only read (describe, policy, public key, tags, grants): IAM policies can grant
 *   nothing more, so neither the account root nor the deploy role can sign or change the policy;
 * - the signer roles may kms:Sign only digests (`kms:MessageType` = DIGEST) with ECDSA_SHA_256;
 * - the signer roles may read the public key.
 *
 * Because the deploy role cannot change this policy, the key is created with KMS's lockout check
 * bypassed, and a deploy that changes it (a signer rotation) runs as the admin role
 * (docs/operations.md, "Key custody").
 */
export class SigningKey extends Construct {
  readonly key: Key;
  readonly alias: Alias;

  constructor(scope: Construct, id: string, props: SigningKeyProps) {
    super(scope, id);
    const statements = [
      new PolicyStatement({
        sid: 'AdminRoleAdministersWithoutSigning',
        effect: Effect.ALLOW,
        principals: [new ArnPrincipal(props.adminRoleArn)],
        actions: [...SIGNING_KEY_ADMIN_ACTIONS],
        resources: ['*'],
      }),
      new PolicyStatement({
        sid: 'AccountReadsOnly',
        effect: Effect.ALLOW,
        principals: [new AccountRootPrincipal()],
        actions: [...SIGNING_KEY_READER_ACTIONS],
        resources: ['*'],
      }),
    ];
    if (props.signerRoles.length > 0) {
      const signers = props.signerRoles.map((role) => new ArnPrincipal(role.roleArn));
      statements.push(
        new PolicyStatement({
          sid: 'PublisherSignsDigestsOnly',
          effect: Effect.ALLOW,
          principals: signers,
          actions: ['kms:Sign'],
          resources: ['*'],
          conditions: { StringEquals: SIGNING_KEY_SIGN_CONDITIONS },
        }),
        new PolicyStatement({
          sid: 'PublisherReadsPublicKey',
          effect: Effect.ALLOW,
          principals: signers,
          actions: ['kms:GetPublicKey'],
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
    // The creating principal (the deploy role) is deliberately not an administrator.
    (this.key.node.defaultChild as CfnKey).bypassPolicyLockoutSafetyCheck = true;
    this.alias = new Alias(this, 'Alias', { aliasName: `alias/${props.aliasName}`, targetKey: this.key });
  }
}
