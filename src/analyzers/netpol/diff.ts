/**
 * Connectivity diff between two connection lists: lines added, removed, and pairs whose allowed
 * connections changed.
 */
import type { Connection } from './analyzer.js';
import type { ConnectionSet } from './connections.js';
import { compareStrings, pairKey } from './order.js';

export interface ConnectionChange {
  src: string;
  dst: string;
  before: ConnectionSet;
  after: ConnectionSet;
}

export interface ConnectivityDiff {
  added: Connection[];
  removed: Connection[];
  changed: ConnectionChange[];
}

/**
 * Compares two sorted connection lists (as `NetworkAnalyzer.list` returns them); the added and
 * removed lists keep that order.
 *
 * @example
 * const d = diffConnections(oldAnalyzer.list(), newAnalyzer.list());
 * d.added.length; // connections the new inventory allows and the old did not
 */
export function diffConnections(before: readonly Connection[], after: readonly Connection[]): ConnectivityDiff {
  const old = new Map(before.map((c) => [pairKey(c.src, c.dst), c]));
  const next = new Map(after.map((c) => [pairKey(c.src, c.dst), c]));
  const added = after.filter((c) => !old.has(pairKey(c.src, c.dst)));
  const removed = before.filter((c) => !next.has(pairKey(c.src, c.dst)));
  const changed: ConnectionChange[] = [];
  for (const c of after) {
    const o = old.get(pairKey(c.src, c.dst));
    if (o && !o.conn.equals(c.conn)) changed.push({ src: c.src, dst: c.dst, before: o.conn, after: c.conn });
  }
  return { added, removed, changed };
}

/**
 * Text form: `+ line` for added, `- line` for removed, `~ src => dst : old -> new` for changed,
 * in one sorted list.
 *
 * @example
 * formatDiff(d); // "+ a/x[Deployment] => a/y[Deployment] : TCP 80\n"
 */
export function formatDiff(diff: ConnectivityDiff): string {
  const lines = [
    ...diff.added.map((c) => ({ key: `${c.src} => ${c.dst}`, text: `+ ${c.src} => ${c.dst} : ${c.conn}` })),
    ...diff.removed.map((c) => ({ key: `${c.src} => ${c.dst}`, text: `- ${c.src} => ${c.dst} : ${c.conn}` })),
    ...diff.changed.map((c) => ({ key: `${c.src} => ${c.dst}`, text: `~ ${c.src} => ${c.dst} : ${c.before} -> ${c.after}` })),
  ].sort((a, b) => compareStrings(a.key, b.key));
  return lines.map((l) => l.text + '\n').join('');
}

/**
 *JSON form with the connlist strings.
 *
 * @example
 * JSON.stringify(diffToJson(diffConnections(before, after)));
 */
export function diffToJson(diff: ConnectivityDiff): { added: object[]; removed: object[]; changed: object[] } {
  const plain = (c: Connection): object => ({ src: c.src, dst: c.dst, conn: c.conn.toString() });
  return {
    added: diff.added.map(plain),
    removed: diff.removed.map(plain),
    changed: diff.changed.map((c) => ({ src: c.src, dst: c.dst, before: c.before.toString(), after: c.after.toString() })),
  };
}
