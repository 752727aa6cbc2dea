/**
 * PodDisruptionBudgets that allow no disruption: `maxUnavailable: 0` (or "0%"), `minAvailable:
 * "100%"`, or a numeric `minAvailable` at or above the replica count of a workload it selects
 * (from the inventory). Such a budget blocks every voluntary eviction of those pods, so node
 * drains hang — and with them node upgrades and security patching.
 */
import { defineCheck } from '../../engine/types.js';
import type { JsonValue, Resource } from '../../model/types.js';
import { HIPAA, pci, soc2 } from '../workload/controls.js';
import { valueAt } from '../workload/helpers.js';
import { DisruptionBudgets } from './disruption-budgets.js';
import { isReplicatedWorkload, minimumReplicas } from './workloads.js';

function isZero(value: JsonValue | undefined): boolean {
  return value === 0 || value === '0' || value === '0%';
}

export default defineCheck<'maxUnavailableZero' | 'minAvailableAll' | 'minAvailableReplicas'>({
  id: 'reliability.pod-disruption-budget-blocks-eviction',
  title: 'PodDisruptionBudget that allows no disruption',
  domain: 'reliability',
  // low: it harms operations (drains and patching stall) rather than exposing anything; a stalled patch rollout is an indirect security cost.
  severity: 'low',
  scope: 'inventory',
  match: '*',
  controls: [pci('6.3.3'), soc2('CC7.1'), soc2('A1.2'), HIPAA.riskManagement],
  messages: {
    maxUnavailableZero: 'PodDisruptionBudget "{{name}}" sets maxUnavailable={{value}}: no pod it selects can ever be evicted',
    minAvailableAll: 'PodDisruptionBudget "{{name}}" sets minAvailable=100%: no pod it selects can ever be evicted',
    minAvailableReplicas: 'PodDisruptionBudget "{{name}}" requires {{value}} available pods but {{kind}} "{{workload}}" runs only {{count}}: none can be evicted',
  },
  remediation:
    'Allow at least one disruption: use `maxUnavailable: 1` (or a percentage above zero), or a `minAvailable` below the replica count.',
  docs: [
    'A PodDisruptionBudget that permits zero disruptions makes every eviction of its pods fail.',
    '`kubectl drain`, cluster autoscaler scale-down and managed node-pool upgrades then wait',
    'forever or give up, so nodes stay unpatched: the budget meant to protect availability',
    'ends up blocking security maintenance. PCI-DSS 6.3.3 expects patches installed within a',
    'month; a cluster whose drains hang does not get there.',
    '',
    'Reported: `maxUnavailable` of 0 or "0%", `minAvailable` of "100%", and a numeric',
    '`minAvailable` at or above the replica count of a workload the budget selects (counted',
    'as in `reliability.single-replica`, which needs the workload in the same scan).',
    '',
    '```yaml',
    'spec:',
    '  maxUnavailable: 1',
    '  selector: { matchLabels: { app: cart } }',
    '```',
  ].join('\n'),
  evaluate(ctx) {
    // Which replicated workloads each budget selects, computed once for the whole inventory.
    const budgets = new DisruptionBudgets(ctx.inventory);
    const selected = new Map<Resource, Resource[]>();
    for (const workload of ctx.inventory.resources) {
      if (!isReplicatedWorkload(workload)) continue;
      for (const pdb of budgets.covering(workload)) selected.set(pdb, [...(selected.get(pdb) ?? []), workload]);
    }
    for (const pdb of ctx.inventory.ofKind('PodDisruptionBudget')) {
      const maxUnavailable = valueAt(pdb.body, 'spec', 'maxUnavailable');
      const minAvailable = valueAt(pdb.body, 'spec', 'minAvailable');
      if (isZero(maxUnavailable)) {
        ctx.report({ messageId: 'maxUnavailableZero', data: { name: pdb.name, value: String(maxUnavailable) }, path: '/spec/maxUnavailable', resource: pdb });
        continue;
      }
      if (minAvailable === '100%') {
        ctx.report({ messageId: 'minAvailableAll', data: { name: pdb.name }, path: '/spec/minAvailable', resource: pdb });
        continue;
      }
      if (typeof minAvailable !== 'number') continue;
      for (const workload of selected.get(pdb) ?? []) {
        const replicas = minimumReplicas(ctx.inventory, workload);
        if (replicas.count === 0 || minAvailable < replicas.count) continue;
        ctx.report({
          messageId: 'minAvailableReplicas',
          data: { name: pdb.name, value: minAvailable, kind: workload.kind, workload: workload.name, count: replicas.count },
          path: '/spec/minAvailable',
          resource: pdb,
        });
        break;
      }
    }
  },
});
