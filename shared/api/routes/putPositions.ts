import * as z from 'zod';
import { zodIssuesToProblems } from '../../config/zodIssuesToProblems.js';
import { putPushedPositions } from '../../store/putPushedPositions.js';
import type { ApiContext } from '../ApiContext.js';
import { authenticateProtocol } from '../authenticateProtocol.js';
import { ApiError, InvalidParameterError } from '../errors.js';

/** Largest body `PUT /v1/positions` reads, bytes. @default 262_144 (256 KiB) */
export const MAX_POSITIONS_BODY_BYTES = 262_144;
/** Most positions in one request. @default 1_000 */
export const MAX_POSITIONS_PER_REQUEST = 1_000;
/** Cash ids a position may hold besides configured assets (valued at 1 USD). */
const CASH = ['USD', 'USDC', 'USDT'];

const amount = z.number().finite().min(0).max(1e15);
const side = z
  .record(z.string().regex(/^[A-Z0-9]{1,16}$/, 'asset ids are 1–16 upper-case letters or digits'), amount)
  .refine((m) => Object.keys(m).length <= 50, { message: 'at most 50 assets' });
const bodySchema = z.strictObject({
  positions: z
    .array(
      z.strictObject({
        account: z.string().regex(/^[A-Za-z0-9:._-]{1,100}$/, "1–100 letters, digits or ':', '.', '_', '-'"),
        collateral: side,
        debt: side,
        alertLevel: z.number().gt(1).max(10).optional(),
      }),
    )
    .min(1)
    .max(MAX_POSITIONS_PER_REQUEST),
});

export interface PutPositionsResponse {
  readonly protocol: string;
  readonly stored: number;
  readonly removed: number;
}

/**
 * `PUT /v1/positions`: a protocol pushes a snapshot of its positions (docs/positions.md). The
 * `authorization: Bearer <key>` header names the protocol (401 otherwise, nothing stored); the
 * body is at most 256 KiB (413) and 1,000 positions, strict (unknown members, unknown assets,
 * negative amounts and duplicate accounts are a 400 naming the field). Positions are upserted by
 * account in the protocol's partition; one with both sides empty is removed.
 */
export async function putPositions(
  context: ApiContext,
  authorization: string | undefined,
  body: string | undefined,
): Promise<PutPositionsResponse> {
  if (context.positionKeys === undefined)
    throw new ApiError(
      503,
      'notConfigured',
      'this API accepts no pushed positions: no API keys are configured',
      {
        fix: 'set BALLAST_POSITION_KEYS_PARAM to an SSM SecureString of {"<protocol>": "<sha256 hex of its key>"}',
      },
    );
  const protocol = authenticateProtocol(authorization, await context.positionKeys());
  const bytes = body === undefined ? 0 : Buffer.byteLength(body, 'utf8');
  if (bytes > MAX_POSITIONS_BODY_BYTES)
    throw new ApiError(
      413,
      'payloadTooLarge',
      `body: ${bytes} bytes; at most ${MAX_POSITIONS_BODY_BYTES} are allowed (send fewer positions per request)`,
      { field: 'body' },
    );
  if (body === undefined || bytes === 0)
    throw new InvalidParameterError(
      'body',
      'body: missing; expected {"positions": [{"account", "collateral", "debt"}]}',
    );
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new InvalidParameterError('body', 'body: not valid JSON; expected {"positions": [...]}');
  }
  const parsed = bodySchema.safeParse(json);
  if (!parsed.success) {
    const [first] = zodIssuesToProblems(parsed.error.issues);
    const field = first === undefined || first.path === '' ? 'body' : first.path;
    throw new InvalidParameterError(field, `${field}: ${first?.message ?? 'not allowed'}`);
  }
  const known = new Set([...Object.keys(context.config.assets), ...CASH]);
  const seen = new Set<string>();
  for (const [i, position] of parsed.data.positions.entries()) {
    if (seen.has(position.account))
      throw new InvalidParameterError(
        `positions.${i}.account`,
        `positions.${i}.account: "${position.account}" appears twice; one entry per account`,
      );
    seen.add(position.account);
    for (const sideName of ['collateral', 'debt'] as const)
      for (const asset of Object.keys(position[sideName]))
        if (!known.has(asset))
          throw new InvalidParameterError(
            `positions.${i}.${sideName}.${asset}`,
            `positions.${i}.${sideName}.${asset}: "${asset}" is not allowed; expected a configured asset or ${CASH.join(', ')}`,
          );
  }
  const { stored, removed } = await putPushedPositions(context.dynamo, context.tables, {
    protocol,
    positions: parsed.data.positions,
    now: context.now(),
  });
  return { protocol, stored, removed };
}
