/**
 * Readiness probe: every app container (and restartable sidecar init container) of a
 * Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController or Argo Rollout declares
 * a `readinessProbe`. Without one, a pod receives Service traffic as soon as its process
 * starts, and a rolling update proceeds even when the new version cannot serve.
 */
import { defineCheck } from '../../engine/types.js';
import { HIPAA, soc2 } from '../workload/controls.js';
import { PROBE_MESSAGES, evaluateProbe, type ProbeMessage } from './probe.js';
import { RELIABILITY_KINDS } from './workloads.js';

export default defineCheck<ProbeMessage>({
  id: 'reliability.missing-readiness-probe',
  title: 'Container without a readiness probe',
  domain: 'reliability',
  // low: an availability hygiene issue with no security impact of its own.
  severity: 'low',
  scope: 'resource',
  match: RELIABILITY_KINDS,
  controls: [soc2('A1.1'), soc2('A1.2'), soc2('CC8.1'), HIPAA.emergencyMode],
  messages: PROBE_MESSAGES,
  remediation:
    'Add a `readinessProbe` that succeeds only when the container can serve requests (for example an HTTP endpoint that checks its own initialisation).',
  docs: [
    'Without a readiness probe a container receives Service traffic as soon as it starts, and',
    'a rolling update replaces working replicas with ones that cannot serve.',
    '',
    'A pod is added to its Services\' endpoints when all its containers are ready. Without a',
    'readiness probe a container counts as ready as soon as it starts, so clients get errors',
    'while it warms up, during overload it keeps receiving traffic it cannot handle, and a',
    'rolling update marches on to replace every old replica with a new one that does not',
    'work. With a probe, a broken rollout stalls with the old replicas still serving.',
    '',
    'Checked are the app containers and restartable (sidecar) init containers of',
    'Deployments, StatefulSets, DaemonSets, ReplicaSets, ReplicationControllers and Argo',
    'Rollouts.',
    '',
    '```yaml',
    'readinessProbe:',
    '  httpGet: { path: /ready, port: http }',
    '  periodSeconds: 5',
    '```',
  ].join('\n'),
  evaluate(ctx) {
    evaluateProbe(ctx, 'readinessProbe');
  },
});
