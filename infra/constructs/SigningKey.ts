import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRootPrincipal,
  ArnPrincipal,
  Effect,
  PolicyDocument,
  PolicyStatement,
  type IRole,
} from 'aws-cdk-lib/aws-iam';
import { Alias, Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { SIGNING_KEY_ADMIN_ACTIONS, SIGNING_KEY_SIGNER_ACTIONS } from './defaults.js';

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
