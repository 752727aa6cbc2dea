/**
 * Liveness probe: every app container (and restartable sidecar init container) of a Deployment,
 * StatefulSet, DaemonSet, ReplicaSet, ReplicationController or Argo Rollout declares a
 * `livenessProbe`. Without one, a process that hangs without exiting keeps its pod Running
 * forever: the kubelet only restarts containers that crash or fail their liveness probe.
 */
import { defineCheck } from '../../engine/types.js';
import { HIPAA, soc2 } from '../workload/controls.js';
import { PROBE_MESSAGES, evaluateProbe, type ProbeMessage } from './probe.js';
import { RELIABILITY_KINDS } from './workloads.js';

export default defineCheck<ProbeMessage>({
  id: 'reliability.missing-liveness-probe',
  title: 'Container without a liveness probe',
  domain: 'reliability',
  // low: an availability hygiene issue with no security impact of its own.
  severity: 'low',
  scope: 'resource',
  match: RELIABILITY_KINDS,
  controls: [soc2('A1.1'), soc2('A1.2'), soc2('CC7.2'), HIPAA.emergencyMode],
  messages: PROBE_MESSAGES,
  remediation:
    'Add a `livenessProbe` that fails only when the process cannot recover by itself (for example an HTTP health endpoint that does not check dependencies), with a `startupProbe` or `initialDelaySeconds` for slow starts.',
  docs: [
    'Without a liveness probe, a process that hangs without exiting keeps its pod Running',
    'until a human notices.',
    '',
    'The kubelet restarts a container when its process exits or its liveness probe fails. A',
    'process that deadlocks, leaks itself into a stuck state or loses its event loop without',
    'exiting keeps the pod Running — and, without a readiness probe, in the Service — until a',
    'human notices. A liveness probe turns that into an automatic restart.',
    '',
    'Checked are the app containers and restartable (sidecar) init containers of',
    'Deployments, StatefulSets, DaemonSets, ReplicaSets, ReplicationControllers and Argo',
    'Rollouts. Jobs and CronJobs run to completion and are not checked. Keep the probe',
    'cheap and independent of downstream services, or an outage of a dependency restarts',
    'every replica at once.',
    '',
    '```yaml',
    'livenessProbe:',
    '  httpGet: { path: /healthz, port: http }',
    '  periodSeconds: 10',
    '  failureThreshold: 3',
    '```',
  ].join('\n'),
  evaluate(ctx) {
    evaluateProbe(ctx, 'livenessProbe');
  },
});
