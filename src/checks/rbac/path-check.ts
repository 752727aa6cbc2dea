/**
 * The factory behind the `rbac.path.*` checks: every multi-hop escalation path (from a subject
 * or a workload) to one target whose first permission comes from a binding of the input. The finding sits
 * on the binding whose removal cuts every path from that source (or, when no single binding
 * does, on the first input binding of the path).
 */
import { graphOfInventory, modelOfInventory } from '../../analyzers/rbac/cache.js';
import { entersThrough, findPaths, type PathTarget } from '../../analyzers/rbac/paths.js';
import { defineCheck, type CheckDefinition, type Control, type Severity } from '../../engine/types.js';
import { LEAST_PRIVILEGE } from './controls.js';
import { isUserBinding } from './risk-check.js';

export interface PathCheckSpec {
  target: PathTarget;
  title: string;
  severity: Severity;
  controls: readonly Control[];
  docs: string;
}

/**
 * Defines the check `rbac.path.<target>`.
 *
 * @example
 * export default pathCheck({ target: 'nodes', title: 'Escalation path to node compromise', severity: 'high', controls: [], docs: '…' });
 */
export function pathCheck(spec: PathCheckSpec): CheckDefinition<'path' | 'pathNoCut', Record<string, never>> {
  return defineCheck<'path' | 'pathNoCut'>({
    id: `rbac.path.${spec.target}`,
    title: spec.title,
    domain: 'rbac',
    severity: spec.severity,
    scope: 'inventory',
    match: ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'],
    controls: [...spec.controls, ...LEAST_PRIVILEGE],
    messages: {
      path: '{{source}} reaches {{target}} in {{hops}} step(s): {{route}}; removing {{cut}} cuts every such path',
      pathNoCut: '{{source}} reaches {{target}} in {{hops}} step(s): {{route}}; no single binding cuts every such path',
    },
    remediation: 'Remove or narrow the binding named in the finding (run `rampart rbac paths` for the full route), or take the escalating permission out of the role it binds.',
    docs: `${spec.docs} Paths are built by \`rampart rbac paths\` from the exact RBAC semantics; see docs/rbac.md for the techniques each step stands for.`,
    evaluate(context) {
      const model = modelOfInventory(context.inventory);
      const graph = graphOfInventory(context.inventory);
      const bindings = new Map(model.bindings.filter(isUserBinding).map((b) => [b.id, b]));
      const defaults = new Set(model.bindings.filter((b) => !isUserBinding(b)).map((b) => b.id));
      const userBindings = new Set(bindings.keys());
      for (const path of findPaths(graph, { targets: [spec.target], lastResortCuts: defaults })) {
        if (!entersThrough(path, userBindings)) continue;
        const used = path.hops.flatMap((h) => h.bindings).filter((id) => bindings.has(id));
        const anchor = bindings.get(path.cut ?? '') ?? bindings.get(used[0] ?? '');
        if (!anchor) continue;
        const route = path.hops.map((h) => h.technique).join(' → ');
        context.report({
          messageId: path.cut ? 'path' : 'pathNoCut',
          data: { source: path.sourceLabel, target: graph.nodes.get(`target:${spec.target}`)?.label ?? spec.target, hops: path.hops.length, route, cut: path.cut ?? '' },
          path: '',
          resource: anchor.resource,
        });
      }
    },
  });
}
