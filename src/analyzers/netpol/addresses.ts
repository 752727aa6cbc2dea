/**
 * IP address ranges for `ipBlock` peers: CIDR parsing (IPv4 and IPv6), `except` subtraction and
 * the split of the address space into atomic ranges at every boundary any policy mentions, so
 * that each range is either wholly inside or wholly outside every ipBlock.
 */

export type Family = 4 | 6;

/** An inclusive address interval within one family. */
export interface AddressRange {
  family: Family;
  first: bigint;
  last: bigint;
}

const BITS: Record<Family, number> = { 4: 32, 6: 128 };

function maxAddress(family: Family): bigint {
  return (1n << BigInt(BITS[family])) - 1n;
}

function parseIPv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    value = (value << 8n) | BigInt(Number(p));
  }
  return value;
}

function parseIPv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string): string[] | undefined => {
    if (s === '') return [];
    const list = s.split(':');
    return list.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g)) ? list : undefined;
  };
  const head = groups(halves[0] ?? '');
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  return all.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/**
 * Parses `10.0.0.0/8` or `fd00::/8` into a range; undefined when malformed. Host bits that are
 * set are ignored, as the API server's CIDR parsing does.
 *
 * @example
 * parseCidr('10.0.0.0/8'); // { family: 4, first: 167772160n, last: 184549375n }
 */
export function parseCidr(cidr: string): AddressRange | undefined {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(cidr.trim());
  if (!match) return undefined;
  const family: Family = (match[1] as string).includes(':') ? 6 : 4;
  const address = family === 4 ? parseIPv4(match[1] as string) : parseIPv6(match[1] as string);
  const prefix = Number(match[2]);
  if (address === undefined || prefix > BITS[family]) return undefined;
  const hostBits = BigInt(BITS[family] - prefix);
  const first = (address >> hostBits) << hostBits;
  return { family, first, last: first + (1n << hostBits) - 1n };
}

function formatIPv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 255n)).join('.');
}

function formatIPv6(value: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  // Compress the longest run of zero groups (length ≥ 2), as RFC 5952 recommends.
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/**
 *`first-last`, e.g. `0.0.0.0-9.255.255.255`.
 *
 * @example
 * formatRange(parseCidr('10.0.0.0/8')!); // "10.0.0.0-10.255.255.255"
 */
export function formatRange(range: AddressRange): string {
  const format = range.family === 4 ? formatIPv4 : formatIPv6;
  return `${format(range.first)}-${format(range.last)}`;
}

/**
 *True when `inner` lies entirely within `outer`.
 *
 * @example
 * rangeContains(parseCidr('10.0.0.0/8')!, parseCidr('10.1.0.0/16')!); // true
 */
export function rangeContains(outer: AddressRange, inner: AddressRange): boolean {
  return outer.family === inner.family && outer.first <= inner.first && inner.last <= outer.last;
}

/**
 * Splits the address space of every family in play into atomic ranges at each boundary of
 * `ranges`. IPv4 is always present; IPv6 only when some range is IPv6.
 *
 * @example
 * atomicRanges([parseCidr('10.0.0.0/8')!]).map(formatRange);
 * // ["0.0.0.0-9.255.255.255", "10.0.0.0-10.255.255.255", "11.0.0.0-255.255.255.255"]
 */
export function atomicRanges(ranges: readonly AddressRange[]): AddressRange[] {
  const out: AddressRange[] = [];
  const families: Family[] = ranges.some((r) => r.family === 6) ? [4, 6] : [4];
  for (const family of families) {
    const starts = new Set<bigint>([0n]);
    for (const r of ranges) {
      if (r.family !== family) continue;
      starts.add(r.first);
      if (r.last < maxAddress(family)) starts.add(r.last + 1n);
    }
    const sorted = [...starts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    sorted.forEach((first, i) => {
      const next = sorted[i + 1];
      out.push({ family, first, last: next !== undefined ? next - 1n : maxAddress(family) });
    });
  }
  return out;
}
