/** Orderings shared by the netpol modules, so every output sorts the same way. */

/**
 * Code-unit order (what `Array.prototype.sort` does by default), as a comparator.
 *
 * @example
 * ['b', 'a'].sort(compareStrings); // ['a', 'b']
 */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The key of an ordered endpoint pair.
 *
 * @example
 * pairKey('shop/web[Deployment]', 'shop/api[Deployment]');
 */
export function pairKey(src: string, dst: string): string {
  return `${src}\u0000${dst}`;
}
