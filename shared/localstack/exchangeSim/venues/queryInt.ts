/** An integer query parameter: undefined when absent or empty, 'bad' when not an integer. */
export function queryInt(query: URLSearchParams, name: string): number | undefined | 'bad' {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  return /^-?\d+$/.test(raw) ? Number(raw) : 'bad';
}
