import * as z from 'zod';
import { InputError } from '../errors/BallastError.js';
import { formatZodIssues } from './formatZodIssues.js';

/** Environment the Lambdas read, set by the CDK stack (or by the local runner). */
export const runtimeEnvSchema = z.object({
  /** @default "ballast" */
  BALLAST_TABLE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,200}$/)
    .default('ballast'),
  /** The stage's assets config as JSON; absent means the default config shipped with the code. */
  BALLAST_ASSETS_CONFIG_JSON: z.string().optional(),
  BALLAST_KMS_KEY_ID: z.string().min(1).optional(),
  BALLAST_ORACLE_ADDRESS: z
    .string()
    .regex(/^0x[0-9a-fA-F]{40}$/, 'must be a 0x-prefixed 20-byte address')
    .optional(),
  /**
   * The publisher's chain: one entry of the stage's `chains` (shared/config/chainConfig.ts) as JSON,
   * set by the CDK stack. Without it the single-chain variables BALLAST_CHAIN_ID,
   * BALLAST_ORACLE_ADDRESS and BALLAST_RPC_URLS(_PARAM) describe a one-element list.
   */
  BALLAST_CHAIN_CONFIG_JSON: z.string().min(2).optional(),
  BALLAST_CHAIN_ID: z.coerce.number().int().positive().optional(),
  /**
   * The read API's view of every target chain: JSON `[{ "name", "chainId", "oracleAddress" }]` in
   * the stage's order (docs/multi-chain.md), set by the CDK stack. Absent: the one chain of
   * BALLAST_CHAIN_ID and BALLAST_ORACLE_ADDRESS.
   */
  BALLAST_CHAINS_JSON: z.string().min(2).optional(),
  /** Name of an SSM SecureString holding comma-separated RPC URLs in failover order. */
  BALLAST_RPC_URLS_PARAM: z.string().min(1).optional(),
  /** Comma-separated RPC URLs; local runs only (in AWS they come from SSM, never from plain env). */
  BALLAST_RPC_URLS: z.string().min(1).optional(),
  /** Base URL standing in for every venue's host (the exchange simulator); tests and local runs only. */
  BALLAST_VENUE_BASE_URL: z.url().optional(),
  /**
   * Name of an SSM SecureString holding `PUT /v1/positions` API keys: JSON `{ "<protocol>":
   * "<sha256 hex of the protocol's key>" }` (docs/positions.md). Absent: the route answers 503.
   */
  BALLAST_POSITION_KEYS_PARAM: z.string().min(1).optional(),
  /**
   * The markets the positions indexer follows, as JSON (shared/config/positionMarketConfig.ts),
   * set by the CDK stack on the indexer. Absent: no market.
   */
  BALLAST_POSITION_MARKETS_JSON: z.string().min(2).optional(),
  /**
   * The position monitor's webhook (docs/positions.md, "Alerts"): every alert is POSTed there,
   * signed with the HMAC key held in the SSM SecureString BALLAST_ALERT_WEBHOOK_SECRET_PARAM. Both
   * or neither; neither: alerts are recorded and go to the topic only.
   */
  BALLAST_ALERT_WEBHOOK_URL: z.url().optional(),
  BALLAST_ALERT_WEBHOOK_SECRET_PARAM: z.string().min(1).optional(),
  /** The alerts SNS topic the monitor publishes every position alert to (set by the CDK stack). */
  BALLAST_ALERTS_TOPIC_ARN: z
    .string()
    .regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/, 'must be an SNS topic ARN')
    .optional(),
  /** Local endpoints (DynamoDB Local, the local KMS endpoint, an SNS stand-in in tests); absent in AWS. */
  BALLAST_DYNAMODB_ENDPOINT: z.url().optional(),
  BALLAST_KMS_ENDPOINT: z.url().optional(),
  BALLAST_SNS_ENDPOINT: z.url().optional(),
});
export type RuntimeEnv = z.infer<typeof runtimeEnvSchema>;

/** Parses the environment once; every problem is listed with the variable's name. */
export function readRuntimeEnv(env: NodeJS.ProcessEnv = process.env): RuntimeEnv {
  const parsed = runtimeEnvSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = formatZodIssues(parsed.error.issues);
  throw new InputError(`invalid environment:\n  ${problems.join('\n  ')}`);
}
