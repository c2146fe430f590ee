/**
 * An empty array that V8 already holds with the element kind of objects. An empty literal `[]`
 * starts with the kind of small integers and changes its hidden class at the first object pushed;
 * a loop optimised against one such array is then thrown away (and compiled again) when it meets
 * the next fresh `[]`. Arrays filled with objects in hot loops start from this one instead.
 */
export function objectArray<T extends object>(): T[] {
  const array: (T | null)[] = [null];
  array.pop();
  return array as T[];
}
