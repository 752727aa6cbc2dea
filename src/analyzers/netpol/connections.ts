/**
 * Connection sets: for each protocol NetworkPolicy knows (SCTP, TCP, UDP), a set of port
 * intervals within 1–65535. Values are immutable and kept canonical (sorted, disjoint,
 * non-adjacent intervals), so equality is structural and formatting is deterministic.
 */

export const PROTOCOLS = ['SCTP', 'TCP', 'UDP'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export const MIN_PORT = 1;
export const MAX_PORT = 65535;

/** Canonical intervals, flattened: [lo0, hi0, lo1, hi1, …]. */
type Intervals = readonly number[];

const FULL: Intervals = Object.freeze([MIN_PORT, MAX_PORT]);
const NONE: Intervals = Object.freeze([]);

function unionIntervals(a: Intervals, b: Intervals): Intervals {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < a.length; i += 2) pairs.push([a[i] as number, a[i + 1] as number]);
  for (let i = 0; i < b.length; i += 2) pairs.push([b[i] as number, b[i + 1] as number]);
  pairs.sort((x, y) => x[0] - y[0]);
  const out: number[] = [];
  for (const [lo, hi] of pairs) {
    const last = out.length - 1;
    if (last > 0 && lo <= (out[last] as number) + 1) out[last] = Math.max(out[last] as number, hi);
    else out.push(lo, hi);
  }
  return out;
}

function intersectIntervals(a: Intervals, b: Intervals): Intervals {
  if (a.length === 0 || b.length === 0) return NONE;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const lo = Math.max(a[i] as number, b[j] as number);
    const hi = Math.min(a[i + 1] as number, b[j + 1] as number);
    if (lo <= hi) out.push(lo, hi);
    if ((a[i + 1] as number) < (b[j + 1] as number)) i += 2;
    else j += 2;
  }
  return out;
}

function complementIntervals(a: Intervals): Intervals {
  const out: number[] = [];
  let next = MIN_PORT;
  for (let i = 0; i < a.length; i += 2) {
    if ((a[i] as number) > next) out.push(next, (a[i] as number) - 1);
    next = (a[i + 1] as number) + 1;
  }
  if (next <= MAX_PORT) out.push(next, MAX_PORT);
  return out;
}

function sameIntervals(a: Intervals, b: Intervals): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function formatIntervals(a: Intervals): string {
  const parts: string[] = [];
  for (let i = 0; i < a.length; i += 2) parts.push(a[i] === a[i + 1] ? String(a[i]) : `${a[i]}-${a[i + 1]}`);
  return parts.join(',');
}

/**
 * An immutable set of (protocol, port) pairs.
 *
 * @example
 * ConnectionSet.ports('TCP', 8080).union(ConnectionSet.ports('UDP', 53)).toString(); // "TCP 8080,UDP 53"
 * ConnectionSet.all().toString(); // "All Connections"
 */
export class ConnectionSet {
  private static readonly EMPTY = new ConnectionSet([NONE, NONE, NONE]);
  private static readonly ALL = new ConnectionSet([FULL, FULL, FULL]);

  /** The connlist text, computed once. */
  private text: string | undefined;

  private constructor(private readonly byProtocol: readonly [Intervals, Intervals, Intervals]) {}

  static none(): ConnectionSet {
    return ConnectionSet.EMPTY;
  }

  static all(): ConnectionSet {
    return ConnectionSet.ALL;
  }

  /** Every port of one protocol. */
  static protocol(protocol: Protocol): ConnectionSet {
    return ConnectionSet.ports(protocol, MIN_PORT, MAX_PORT);
  }

  /** Ports `from`–`to` (inclusive) of one protocol; `to` defaults to `from`. Out-of-range ports are clipped. */
  static ports(protocol: Protocol, from: number, to = from): ConnectionSet {
    const lo = Math.max(MIN_PORT, from);
    const hi = Math.min(MAX_PORT, to);
    if (lo > hi) return ConnectionSet.EMPTY;
    const lists: [Intervals, Intervals, Intervals] = [NONE, NONE, NONE];
    lists[PROTOCOLS.indexOf(protocol)] = [lo, hi];
    return new ConnectionSet(lists);
  }

  private combine(other: ConnectionSet, op: (a: Intervals, b: Intervals) => Intervals): ConnectionSet {
    const next: [Intervals, Intervals, Intervals] = [
      op(this.byProtocol[0], other.byProtocol[0]),
      op(this.byProtocol[1], other.byProtocol[1]),
      op(this.byProtocol[2], other.byProtocol[2]),
    ];
    return ConnectionSet.canonical(next);
  }

  private static canonical(lists: [Intervals, Intervals, Intervals]): ConnectionSet {
    if (lists.every((l) => l.length === 0)) return ConnectionSet.EMPTY;
    if (lists.every((l) => sameIntervals(l, FULL))) return ConnectionSet.ALL;
    return new ConnectionSet(lists);
  }

  union(other: ConnectionSet): ConnectionSet {
    if (other.isEmpty() || this.isAll()) return this;
    if (this.isEmpty() || other.isAll()) return other;
    return this.combine(other, unionIntervals);
  }

  intersect(other: ConnectionSet): ConnectionSet {
    if (this.isEmpty() || other.isAll()) return this;
    if (other.isEmpty() || this.isAll()) return other;
    return this.combine(other, intersectIntervals);
  }

  complement(): ConnectionSet {
    if (this.isEmpty()) return ConnectionSet.ALL;
    if (this.isAll()) return ConnectionSet.EMPTY;
    return ConnectionSet.canonical([
      complementIntervals(this.byProtocol[0]),
      complementIntervals(this.byProtocol[1]),
      complementIntervals(this.byProtocol[2]),
    ]);
  }

  subtract(other: ConnectionSet): ConnectionSet {
    if (this.isEmpty() || other.isEmpty()) return this;
    return this.intersect(other.complement());
  }

  isEmpty(): boolean {
    return this === ConnectionSet.EMPTY;
  }

  isAll(): boolean {
    return this === ConnectionSet.ALL;
  }

  equals(other: ConnectionSet): boolean {
    return this.byProtocol.every((l, i) => sameIntervals(l, other.byProtocol[i] as Intervals));
  }

  /** True when every connection of `other` is in this set. */
  covers(other: ConnectionSet): boolean {
    return other.subtract(this).isEmpty();
  }

  has(protocol: Protocol, port: number): boolean {
    const list = this.byProtocol[PROTOCOLS.indexOf(protocol)] as Intervals;
    for (let i = 0; i < list.length; i += 2) if ((list[i] as number) <= port && port <= (list[i + 1] as number)) return true;
    return false;
  }

  /** Port intervals per protocol, for serializers (e.g. generated policies). */
  intervals(protocol: Protocol): Array<[number, number]> {
    const list = this.byProtocol[PROTOCOLS.indexOf(protocol)] as Intervals;
    const out: Array<[number, number]> = [];
    for (let i = 0; i < list.length; i += 2) out.push([list[i] as number, list[i + 1] as number]);
    return out;
  }

  /** The connlist form: `All Connections`, `No Connections`, or `SCTP 1-65535,TCP 80,443,UDP 53`. */
  toString(): string {
    this.text ??= this.format();
    return this.text;
  }

  private format(): string {
    if (this.isAll()) return 'All Connections';
    if (this.isEmpty()) return 'No Connections';
    const parts: string[] = [];
    PROTOCOLS.forEach((p, i) => {
      const list = this.byProtocol[i] as Intervals;
      if (list.length > 0) parts.push(`${p} ${formatIntervals(list)}`);
    });
    return parts.join(',');
  }
}

/**
 *Normalizes a protocol as written in a manifest (default TCP); undefined when unknown.
 *
 * @example
 * parseProtocol(undefined); // "TCP"
 * parseProtocol('ICMP'); // undefined
 */
export function parseProtocol(value: unknown): Protocol | undefined {
  if (value === undefined || value === null) return 'TCP';
  if (typeof value !== 'string') return undefined;
  const upper = value.toUpperCase();
  return (PROTOCOLS as readonly string[]).includes(upper) && upper === value ? (upper as Protocol) : undefined;
}

/**
 * Parses `8080`, `8080/TCP`, `53/udp` or `8000-8100/TCP` into a connection set.
 *
 * @example
 * parsePortSpec('53/UDP')?.toString(); // "UDP 53"
 */
export function parsePortSpec(spec: string): ConnectionSet | undefined {
  const match = /^(\d+)(?:-(\d+))?(?:\/([A-Za-z]+))?$/.exec(spec.trim());
  if (!match) return undefined;
  const protocol = (match[3] ?? 'TCP').toUpperCase();
  if (!(PROTOCOLS as readonly string[]).includes(protocol)) return undefined;
  const from = Number(match[1]);
  const to = match[2] !== undefined ? Number(match[2]) : from;
  if (from < MIN_PORT || to > MAX_PORT || from > to) return undefined;
  return ConnectionSet.ports(protocol as Protocol, from, to);
}
