import * as z from 'zod';
import { chainsConfigSchema } from '../../shared/config/chainConfig.js';
import { positionMarketsSchema } from '../../shared/config/positionMarketConfig.js';

/**
 * Per-stage deployment settings, one JSON file per stage in `infra/config/<stage>.json`.
 * Everything the operator chooses lives here; everything else is a secure default in
 * `infra/constructs/defaults.ts`. Validated at synth: a bad file fails synth with a message that
 * names the field.
 */

export const stageConfigSchema = z
  .strictObject({
    /** Stage name; prefixes the stack, the tables and the key alias. */
    stage: z
      .string()
      .regex(/^[a-z][a-z0-9]{1,15}$/, 'stage names are 2–16 lower-case letters or digits, e.g. dev, prod'),
    /** Deploy target. Both or neither; when omitted the stack is environment-agnostic. */
    account: z
      .string()
      .regex(/^\d{12}$/, 'an AWS account id is 12 digits')
      .optional(),
    region: z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region looks like eu-west-1')
      .optional(),
    /** Assets config file (shared/config/assetsConfig.ts schema), relative to the repository root. */
    assetsConfigPath: z.string().min(1),
    /** Rate of the EventBridge schedule, minutes; must equal the assets config `cyclePeriodSeconds`. */
    scheduleRateMinutes: z.number().int().min(1).max(1440),
    /** When false, the schedule is created disabled (first deploy, incidents). */
    scheduleEnabled: z.boolean(),
    /**
     * Chains the same records are published to; one publisher lane per chain (schema and defaults:
     * shared/config/chainConfig.ts, docs/multi-chain.md). The first one serves the read API.
     */
    chains: chainsConfigSchema,
    /**
     * Names of the stage's secp256k1 signing keys (KMS alias `ballast-<stage>-signer-<name>`). Two
     * during a key rotation (docs/operations.md); a name removed from the list leaves its key
     * retained in KMS, with no signer, for the operator to schedule deletion.
     */
    signingKeys: z
      .array(z.string().regex(/^[a-z0-9]{1,8}$/, 'key names are 1–8 lower-case letters or digits'))
      .min(1)
      .max(2, 'at most two keys: the active one and the one being rotated in or out'),
    /** The key the publishers sign with; one of `signingKeys`. */
    activeSigningKey: z.string(),
    /**
     * Who the alarm topic notifies: at least one e-mail address or HTTPS endpoint (a webhook that
     * verifies SNS signatures, or a chat/pager integration URL). Subscriptions are confirmed by the
     * recipient (docs/operations.md). An HTTPS URL ends up in the template: use an endpoint that
     * authenticates SNS by its message signature rather than by a secret in the URL.
     */
    alarmSubscriptions: z
      .strictObject({
        emails: z
          .array(z.email('an alarm e-mail must be an address like oncall@your-company.com'))
          .default([]),
        https: z
          .array(
            z
              .url({ protocol: /^https$/, error: 'an alarm webhook must be an https:// URL' })
              .refine((url) => !/[?&](?:key|token|apikey|api_key|secret)=/i.test(url), {
                message:
                  'an alarm webhook URL must not carry a key or token in its query (it would be in the template)',
              }),
          )
          .default([]),
      })
      .refine((s) => s.emails.length + s.https.length > 0, {
        message:
          'subscribe at least one e-mail address or HTTPS endpoint: alarms that reach nobody are not alarms',
      }),
    /**
     * Name of the IAM role that administers the signing keys (policy, state, deletion), created by
     * the operator before the first deploy. It can never sign; nobody else (not the account root,
     * not the deploy role) can administer the keys (docs/operations.md, "Key custody").
     */
    keyAdminRoleName: z
      .string()
      .regex(/^[\w+=,.@-]{1,64}$/, 'an IAM role name is 1–64 letters, digits or +=,.@_-'),
    /**
     * Lambda code signing of the publisher. `Warn`: unsigned code deploys (with a CloudWatch metric);
     * `Enforce`: only code signed by the stack's signing profile deploys, and `signedPublisherCode`
     * names the signed bundle (docs/operations.md, "Deploying a code-signed publisher").
     */
    publisherCodeSigning: z.discriminatedUnion('mode', [
      z.strictObject({ mode: z.literal('Warn') }),
      z.strictObject({
        mode: z.literal('Enforce'),
        signedPublisherCode: z.strictObject({
          bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name'),
          key: z.string().min(1),
          objectVersion: z.string().min(1).optional(),
        }),
      }),
    ]),
    /** Use a Distributed Map when the number of assets exceeds this; an inline Map below. */
    distributedMapThreshold: z.number().int().min(1).max(10_000),
    /** Concurrent (collect → compute) iterations. */
    mapMaxConcurrency: z.number().int().min(1).max(1000),
    /** CloudWatch Logs retention for every log group of the stage, days. */
    logRetentionDays: z.union([
      z.literal(7),
      z.literal(14),
      z.literal(30),
      z.literal(90),
      z.literal(180),
      z.literal(365),
      z.literal(731),
    ]),
    /** Encrypt tables with a customer-managed KMS key (else the AWS-managed key). */
    customerManagedTableKey: z.boolean(),
    /** Read API throttling: steady-state requests per second and burst. */
    api: z.strictObject({
      rateLimit: z.number().positive().max(10_000),
      burstLimit: z.number().int().positive().max(5_000),
    }),
    /** An asset's parameters are stale when older than its heartbeat plus this, seconds. */
    stalenessGraceSeconds: z.number().int().min(60),
    /** Alarm when a broadcast transaction stays pending longer than this, seconds. */
    pendingTxAlarmSeconds: z.number().int().min(60),
    /**
     * Position health (docs/positions.md): the lending markets the positions indexer follows, on
     * its own schedule, and when its lag alarms. @default no market
     */
    positions: z
      .strictObject({
        /**
         * Markets (shared/config/positionMarketConfig.ts), each on one of `chains`, whose RPC
         * SecureString the indexer reads unless the market names its own `rpcUrlsParameterName`.
         */
        markets: positionMarketsSchema.default([]),
        /** Rate of the indexer's own schedule, minutes. @default 1 */
        indexerRateMinutes: z.number().int().min(1).max(60).default(1),
        /** Alarm when a market's indexer is this many blocks behind for 3 runs in a row. @default 50 */
        lagAlarmBlocks: z.number().int().min(1).max(1_000_000).default(50),
        /**
         * The webhook every position alert is POSTed to, signed with HMAC-SHA256 (docs/positions.md,
         * "Alerts"); its key is the SSM SecureString `/ballast/<stage>/alert-webhook-key`, created by
         * the operator (docs/operations.md). The URL ends up in the template and the environment: it
         * must not carry a key or token in its query. @default no webhook (alerts go to the topic)
         */
        alertWebhookUrl: z
          .url({ protocol: /^https$/, error: 'an alert webhook must be an https:// URL' })
          .refine((url) => !/[?&](?:key|token|apikey|api_key|secret|sig|signature)=/i.test(url), {
            message:
              'an alert webhook URL must not carry a key or token in its query (it would be in the template); the receiver checks the signature instead',
          })
          .optional(),
      })
      .default({ markets: [], indexerRateMinutes: 1, lagAlarmBlocks: 50 }),
  })
  .refine((c) => c.signingKeys.includes(c.activeSigningKey), {
    message: 'activeSigningKey must be one of signingKeys',
    path: ['activeSigningKey'],
  })
  .refine((c) => !c.scheduleEnabled || c.chains.every((chain) => !/^0x0{40}$/.test(chain.oracleAddress)), {
    message:
      'the schedule cannot be enabled while a chain has the zero oracleAddress (deploy the contract first)',
    path: ['scheduleEnabled'],
  })
  .refine(
    (c) =>
      !c.scheduleEnabled ||
      c.alarmSubscriptions.emails.every((email) => !/@example\.(com|org|net)$/i.test(email)),
    {
      message:
        'the schedule cannot be enabled while alarms go to a placeholder example.com address (set a real one)',
      path: ['alarmSubscriptions', 'emails'],
    },
  )
  .superRefine((c, ctx) => {
    const chainIds = c.chains.map((chain) => chain.chainId);
    c.positions.markets.forEach((market, i) => {
      if (!chainIds.includes(market.chainId))
        ctx.addIssue({
          code: 'custom',
          path: ['positions', 'markets', i, 'chainId'],
          message: `chain ${market.chainId} is not one of the stage's chains (${chainIds.join(', ')}); the indexer reads that chain's RPC URLs`,
        });
    });
  })
  .refine((c) => (c.account === undefined) === (c.region === undefined), {
    message: 'set both account and region, or neither (an environment-agnostic stack)',
    path: ['account'],
  });
export type StageConfig = z.infer<typeof stageConfigSchema>;
