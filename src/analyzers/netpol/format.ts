/**
 * Serializations of a connection list. `connlist` is the fixed contract of DESIGN.md:
 * `src => dst : conn`, one per line, sorted; the other formats carry the same strings.
 */
import type { Connection } from './analyzer.js';
import { compareStrings } from './order.js';

export const LIST_FORMATS = ['connlist', 'json', 'csv', 'md', 'dot'] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];

/**
 *The connlist line of one connection.
 *
 * @example
 * connlistLine({ src: 'a/x[Pod]', dst: 'a/y[Pod]', conn: ConnectionSet.ports('TCP', 80) }); // "a/x[Pod] => a/y[Pod] : TCP 80"
 */
export function connlistLine(c: Connection): string {
  return `${c.src} => ${c.dst} : ${c.conn.toString()}`;
}

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function mdCell(value: string): string {
  return value.replace(/\|/g, '\\|');
}

function dotString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The namespace of a workload endpoint name (`ns/name[Kind]`); undefined for externals and the ingress controller. */
function namespaceOf(name: string): string | undefined {
  if (name.endsWith('[External]') || name.startsWith('{')) return undefined;
  const slash = name.indexOf('/');
  return slash < 0 ? undefined : name.slice(0, slash);
}

function formatDot(list: readonly Connection[]): string {
  const nodes = new Set<string>();
  for (const c of list) nodes.add(c.src).add(c.dst);
  const byNamespace = new Map<string, string[]>();
  const loose: string[] = [];
  for (const n of [...nodes].sort(compareStrings)) {
    const ns = namespaceOf(n);
    if (ns === undefined) loose.push(n);
    else byNamespace.set(ns, [...(byNamespace.get(ns) ?? []), n]);
  }
  const lines = ['digraph netpol {', '  rankdir=LR;', '  node [shape=box];'];
  for (const [ns, members] of [...byNamespace].sort(([a], [b]) => compareStrings(a, b))) {
    lines.push(`  subgraph ${dotString(`cluster_${ns}`)} {`, `    label=${dotString(ns)};`);
    for (const m of members) lines.push(`    ${dotString(m)} [label=${dotString(m.slice(ns.length + 1))}];`);
    lines.push('  }');
  }
  for (const n of loose) lines.push(`  ${dotString(n)} [shape=${n.startsWith('{') ? 'oval' : 'note'}];`);
  for (const c of list) lines.push(`  ${dotString(c.src)} -> ${dotString(c.dst)} [label=${dotString(c.conn.toString())}];`);
  lines.push('}');
  return lines.join('\n') + '\n';
}

/**
 * Renders a sorted connection list in one of the list formats.
 *
 * @example
 * formatConnections(analyzer.list(), 'connlist');
 * // "backend/checkout[Deployment] => payments/gateway[Deployment] : TCP 8080\n"
 */
export function formatConnections(list: readonly Connection[], format: ListFormat): string {
  switch (format) {
    case 'connlist':
      return list.map((c) => connlistLine(c) + '\n').join('');
    case 'json':
      return JSON.stringify(list.map((c) => ({ src: c.src, dst: c.dst, conn: c.conn.toString() })), null, 2) + '\n';
    case 'csv':
      return ['src,dst,conn', ...list.map((c) => [c.src, c.dst, c.conn.toString()].map(csvField).join(','))].join('\n') + '\n';
    case 'md':
      return ['| src | dst | conn |', '|-----|-----|------|', ...list.map((c) => `| ${mdCell(c.src)} | ${mdCell(c.dst)} | ${mdCell(c.conn.toString())} |`)].join('\n') + '\n';
    case 'dot':
      return formatDot(list);
  }
}
