import type { Publication } from './Publication.js';

export function publicationFromItem(item: Record<string, unknown>): Publication {
  const { roundText, ...rest } = item;
  return { ...(rest as unknown as Publication), round: String(roundText ?? item.round) };
}
