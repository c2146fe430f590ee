import { Duration } from 'aws-cdk-lib';
import { CodeSigningConfig, UntrustedArtifactOnDeployment } from 'aws-cdk-lib/aws-lambda';
import { Platform, SigningProfile } from 'aws-cdk-lib/aws-signer';
import { Construct } from 'constructs';
import { PUBLISHER_SIGNATURE_VALIDITY_DAYS } from './defaults.js';

export interface PublisherCodeSigningProps {
  readonly stage: string;
  /** `Enforce`: Lambda refuses code not signed by this profile; `Warn`: it deploys and logs. */
  readonly mode: 'Enforce' | 'Warn';
}

/**
 * Lambda code signing for the publishers (the only functions that can sign with the oracle key):
 * an AWS Signer profile and a code-signing configuration trusting only it. With `Enforce`, whoever
 * can update a publisher's code still cannot run unsigned code with the signing key.
 */
export class PublisherCodeSigning extends Construct {
  readonly profile: SigningProfile;
  readonly config: CodeSigningConfig;

  constructor(scope: Construct, id: string, props: PublisherCodeSigningProps) {
    super(scope, id);
    this.profile = new SigningProfile(this, 'Profile', {
      platform: Platform.AWS_LAMBDA_SHA384_ECDSA,
      // Named, so the runbook's `aws signer start-signing-job --profile-name` knows it.
      signingProfileName: `ballast_${props.stage}_publisher`,
      signatureValidity: Duration.days(PUBLISHER_SIGNATURE_VALIDITY_DAYS),
    });
    this.config = new CodeSigningConfig(this, 'Config', {
      signingProfiles: [this.profile],
      untrustedArtifactOnDeployment:
        props.mode === 'Enforce' ? UntrustedArtifactOnDeployment.ENFORCE : UntrustedArtifactOnDeployment.WARN,
      description: `Ballast ${props.stage}: publisher code must be signed by ${this.profile.node.path}`,
    });
  }
}
