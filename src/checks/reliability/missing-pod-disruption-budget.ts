/**
 * PodDisruptionBudget: every workload that runs two or more replicas (Deployment, StatefulSet,
 * ReplicaSet, ReplicationController, Argo Rollout; counted as in `reliability.single-replica`)
 * has a PodDisruptionBudget in its namespace whose selector matches its pod template labels
 * (matchLabels and matchExpressions, via the one label-selector implementation). Without one,
 * a node drain may evict every replica at once. Inventory-scoped: the budget is another
 * resource, so the check sees only what was scanned together.
 */
import { defineCheck } from '../../engine/types.js';
import { HIPAA, soc2 } from '../workload/controls.js';
import { DisruptionBudgets } from './disruption-budgets.js';
import { isReplicatedWorkload, minimumReplicas } from './workloads.js';

export default defineCheck<'missing'>({
  id: 'reliability.missing-pod-disruption-budget',
  title: 'Replicated workload without a PodDisruptionBudget',
  domain: 'reliability',
  // low: availability hygiene; without a budget, voluntary disruptions can take all replicas down together, but nothing is exposed.
  severity: 'low',
  scope: 'inventory',
  match: '*',
  controls: [soc2('A1.1'), soc2('A1.2'), HIPAA.emergencyMode],
  messages: {
    missing: '{{kind}} "{{name}}" runs {{count}} replicas but no PodDisruptionBudget selects its pods',
  },
  remediation:
    'Add a PodDisruptionBudget in the same namespace whose selector matches the pod template labels, with `maxUnavailable: 1` (or a `minAvailable` below the replica count).',
  docs: [
    'Without a PodDisruptionBudget, node drains may evict every replica of a workload at',
    'once, so its replicas buy no availability during maintenance.',
    '',
    'Node drains — for upgrades, security patches, autoscaler scale-down — evict pods through',
    'the eviction API, which honours PodDisruptionBudgets. Without a budget, nothing stops a',
    'drain of two nodes from evicting every replica of a service at the same moment: having',
    'several replicas then buys no availability during maintenance.',
    '',
    'The check looks for a PodDisruptionBudget in the workload\'s namespace whose selector',
    'matches the labels of its pod template (`matchLabels` and `matchExpressions`; an empty',
    'selector selects every pod of the namespace in `policy/v1` and none in',
    '`policy/v1beta1`). Workloads are those with two or more replicas, counting a',
    'HorizontalPodAutoscaler\'s `minReplicas` when one targets the workload. Because the budget',
    'is a separate resource, scan the workload together with the rest of its namespace.',
    '',
    '```yaml',
    'apiVersion: policy/v1',
    'kind: PodDisruptionBudget',
    'metadata: { name: cart, namespace: shop }',
    'spec:',
    '  maxUnavailable: 1',
    '  selector:',
    '    matchLabels: { app: cart }',
    '```',
  ].join('\n'),
  evaluate(ctx) {
    const budgets = new DisruptionBudgets(ctx.inventory);
    for (const workload of ctx.inventory.resources) {
      if (!isReplicatedWorkload(workload)) continue;
      const replicas = minimumReplicas(ctx.inventory, workload);
      if (replicas.count < 2 || budgets.covering(workload).length > 0) continue;
      ctx.report({
        messageId: 'missing',
        data: { kind: workload.kind, name: workload.name, count: replicas.count },
        path: replicas.source === 'replicas' ? '/spec/replicas' : '/spec',
        resource: workload,
      });
    }
  },
});
