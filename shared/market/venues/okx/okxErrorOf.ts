import type { VenueErrorBody } from '../venueErrorBody.js';
import { okxErrorSchema } from './okxSchemas.js';

/** OKX error body: `code` other than `"0"`, e.g. `{"code":"51001","msg":"Instrument ID does not exist","data":[]}`. */
export function okxErrorOf(body: unknown): VenueErrorBody | undefined {
  const r = okxErrorSchema.safeParse(body);
  return r.success ? { code: r.data.code, message: r.data.msg } : undefined;
}
