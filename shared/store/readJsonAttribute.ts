import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { StoredItemError } from './errors.js';

/**
 * A JSON attribute of a stored item, in whichever form the item was written: `<name>Br` (Brotli,
 * jsonAttribute), `<name>Gz` (gzip: checkpoint states, correlations, and records and snapshots
 * written before Brotli) or `<name>` (plain JSON text, the oldest items); undefined when the item
 * has none of them.
 * @throws StoredItemError naming the attribute when it is there but does not decode (a damaged or
 * forged item).
 */
export function readJsonAttribute(item: Record<string, unknown>, name: string): unknown {
  const brotli = item[`${name}Br`];
  const gzip = item[`${name}Gz`];
  const plain = item[name];
  let text: string;
  if (brotli instanceof Uint8Array) text = decode(() => brotliDecompressSync(brotli), `${name}Br`, 'Brotli');
  else if (gzip instanceof Uint8Array) text = decode(() => gunzipSync(gzip), `${name}Gz`, 'gzip');
  else if (typeof plain === 'string') text = plain;
  else return undefined;
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new StoredItemError(`attribute ${name} of the stored item is not JSON`, { cause });
  }
}

function decode(inflate: () => Buffer, attribute: string, codec: string): string {
  try {
    return inflate().toString('utf8');
  } catch (cause) {
    throw new StoredItemError(`attribute ${attribute} of the stored item is not ${codec}`, { cause });
  }
}
