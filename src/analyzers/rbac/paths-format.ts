/** Renders escalation paths as text, Graphviz dot or Mermaid. */
import type { EscalationGraph, EscalationPath } from './paths.js';

function label(graph: EscalationGraph, id: string): string {
  return graph.nodes.get(id)?.label ?? id;
}

/**
 * One block per path: source, target, each hop with its technique and bindings, and the cut.
 *
 * @example
 * io.stdout.write(pathsToText(graph, findPaths(graph)));
 */
export function pathsToText(graph: EscalationGraph, paths: readonly EscalationPath[]): string {
  if (paths.length === 0) return 'No escalation paths found.\n';
  const blocks = paths.map((p) => {
    const lines = [`${p.sourceLabel} → ${label(graph, `target:${p.target}`)} (${p.hops.length} hop${p.hops.length === 1 ? '' : 's'})`];
    for (const hop of p.hops) {
      const via = hop.bindings.length ? ` [${hop.bindings.join(', ')}]` : '';
      lines.push(`  → ${label(graph, hop.to)}: ${hop.technique}${via}`);
    }
    lines.push(p.cut ? `  cut: remove ${p.cut}` : '  cut: no single binding removes every path');
    return lines.join('\n');
  });
  return `${blocks.join('\n\n')}\n`;
}

function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

interface DrawnEdge {
  from: string;
  to: string;
  technique: string;
}

function drawnEdges(paths: readonly EscalationPath[]): { nodes: string[]; edges: DrawnEdge[] } {
  const nodes = new Set<string>();
  const edges = new Map<string, DrawnEdge>();
  for (const p of paths) {
    for (const hop of p.hops) {
      nodes.add(hop.from);
      nodes.add(hop.to);
      edges.set(`${hop.from}\u0000${hop.to}\u0000${hop.technique}`, hop);
    }
  }
  return { nodes: [...nodes].sort(), edges: [...edges.values()] };
}

/**
 * The union of all paths as a Graphviz digraph (targets drawn as double octagons).
 *
 * @example
 * pathsToDot(graph, paths); // 'digraph rbac_paths { … }'
 */
export function pathsToDot(graph: EscalationGraph, paths: readonly EscalationPath[]): string {
  const { nodes, edges } = drawnEdges(paths);
  const lines = ['digraph rbac_paths {', '  rankdir=LR;'];
  for (const id of nodes) {
    const shape = graph.nodes.get(id)?.kind === 'target' ? 'doubleoctagon' : 'box';
    lines.push(`  ${quote(id)} [label=${quote(label(graph, id))}, shape=${shape}];`);
  }
  for (const e of edges) lines.push(`  ${quote(e.from)} -> ${quote(e.to)} [label=${quote(e.technique)}];`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function mermaidText(text: string): string {
  return text.replace(/"/g, '#quot;');
}

/**
 * The union of all paths as a Mermaid flowchart.
 *
 * @example
 * pathsToMermaid(graph, paths); // 'flowchart LR …'
 */
export function pathsToMermaid(graph: EscalationGraph, paths: readonly EscalationPath[]): string {
  const { nodes, edges } = drawnEdges(paths);
  const ids = new Map(nodes.map((id, i) => [id, `n${i}`]));
  const lines = ['flowchart LR'];
  for (const id of nodes) {
    const text = mermaidText(label(graph, id));
    lines.push(graph.nodes.get(id)?.kind === 'target' ? `  ${ids.get(id)}{{"${text}"}}` : `  ${ids.get(id)}["${text}"]`);
  }
  for (const e of edges) lines.push(`  ${ids.get(e.from)} -->|"${mermaidText(e.technique)}"| ${ids.get(e.to)}`);
  return `${lines.join('\n')}\n`;
}
