/**
 * Replicas: a Deployment, StatefulSet, ReplicaSet, ReplicationController or Argo Rollout runs at
 * least `minimumReplicas` (2 by default) pods: `spec.replicas`, defaulting to 1, or the
 * `minReplicas` of a HorizontalPodAutoscaler in the inventory that targets it. `replicas: 0`
 * (deliberately scaled down) is not reported. A single replica is down during every node drain,
 * eviction, crash and rollout.
 */
import { defineCheck } from '../../engine/types.js';
import { HIPAA, soc2 } from '../workload/controls.js';
import { RELIABILITY_KINDS, isReplicatedWorkload, minimumReplicas } from './workloads.js';

export interface SingleReplicaOptions {
  /** The fewest replicas a workload may run. */
  minimumReplicas: number;
}

export default defineCheck<'tooFew' | 'defaulted' | 'autoscalerMinimum', SingleReplicaOptions>({
  id: 'reliability.single-replica',
  title: 'Workload with fewer than two replicas',
  domain: 'reliability',
  // low: availability hygiene; a single replica is an outage waiting for the next node drain, not a security exposure.
  severity: 'low',
  scope: 'resource',
  match: RELIABILITY_KINDS,
  controls: [soc2('A1.1'), soc2('A1.2'), HIPAA.emergencyMode],
  defaultOptions: { minimumReplicas: 2 },
  messages: {
    tooFew: '{{kind}} "{{name}}" runs {{count}} replica(s), fewer than {{minimum}}',
    defaulted: '{{kind}} "{{name}}" sets no replicas and runs 1, fewer than {{minimum}}',
    autoscalerMinimum: '{{kind}} "{{name}}" is scaled by HorizontalPodAutoscaler "{{autoscaler}}" down to {{count}} replica(s), fewer than {{minimum}}',
  },
  remediation:
    'Run at least two replicas (`spec.replicas: 2`, or `minReplicas: 2` on its HorizontalPodAutoscaler), spread them across nodes with topology spread constraints or pod anti-affinity, and protect them with a PodDisruptionBudget.',
  docs: [
    'A workload with one replica is unavailable whenever that pod is: during every node drain',
    '(including the ones that apply security patches), eviction, crash loop and rollout of a',
    'new version. Two or more replicas, spread over nodes and protected by a',
    'PodDisruptionBudget, keep the service up through all of them.',
    '',
    'The count is `spec.replicas` (1 when absent). When a HorizontalPodAutoscaler in the',
    'inventory targets the workload, its `minReplicas` (1 when absent) decides instead, because',
    'the autoscaler owns the replica count. `replicas: 0` means deliberately scaled down and is',
    'not reported. Option `minimumReplicas` (default 2) sets the bound. Singletons by design',
    '(a leader-elected controller, a single-writer database) deserve a governed exception.',
    '',
    '```yaml',
    'spec:',
    '  replicas: 3',
    '  template:',
    '    spec:',
    '      topologySpreadConstraints:',
    '        - maxSkew: 1',
    '          topologyKey: kubernetes.io/hostname',
    '          whenUnsatisfiable: ScheduleAnyway',
    '          labelSelector: { matchLabels: { app: cart } }',
    '```',
  ].join('\n'),
  evaluate(ctx) {
    const { resource } = ctx;
    if (!isReplicatedWorkload(resource)) return;
    const minimum = ctx.options.minimumReplicas;
    const replicas = minimumReplicas(ctx.inventory, resource);
    if (replicas.count >= minimum) return;
    const data = { kind: resource.kind, name: resource.name, count: replicas.count, minimum };
    if (replicas.source === 'autoscaler') {
      ctx.report({ messageId: 'autoscalerMinimum', data: { ...data, autoscaler: replicas.autoscaler?.name ?? '' }, path: '/spec' });
    } else if (replicas.source === 'default') {
      ctx.report({ messageId: 'defaulted', data, path: '/spec' });
    } else if (replicas.count > 0) {
      ctx.report({ messageId: 'tooFew', data, path: '/spec/replicas' });
    }
  },
});
