/**
 * CPU requests: every container and init container sets `resources.requests.cpu` (or a
 * namespace LimitRange defaults it). Without a request the scheduler places the pod as if it
 * needed no CPU and, under contention, it gets the smallest share.
 */
import { defineCheck } from '../../engine/types.js';
import { COMPUTE_MESSAGES, evaluateComputeResource, type ComputeMessage } from './compute-resources.js';
import { HIPAA, NSA, attack, soc2 } from './controls.js';

export default defineCheck<ComputeMessage>({
  id: 'workload.cpu-requests',
  title: 'Container without a CPU request',
  domain: 'workload',
  // low: a missing request hurts scheduling and fairness (availability hygiene), not confidentiality or integrity.
  severity: 'low',
  scope: 'resource',
  match: 'pod-templates',
  controls: [NSA.resourcePolicies, attack('T1499'), soc2('A1.1'), HIPAA.emergencyMode],
  messages: COMPUTE_MESSAGES,
  remediation:
    'Set `resources.requests.cpu` on every container to the CPU it needs under normal load, or give the namespace a LimitRange with a `defaultRequest` for cpu.',
  docs: [
    'A container without a CPU request is scheduled as if it needed no CPU and gets the',
    'smallest share when the node is busy.',
    '',
    'The scheduler places pods by their requests. A container without a CPU request is placed as',
    'if it needed nothing, so nodes get overcommitted, and under contention the kernel gives it',
    'the smallest CPU share: the application slows down exactly when it is busy. Requests also',
    'feed the Horizontal Pod Autoscaler and ResourceQuota accounting.',
    '',
    'A LimitRange of type `Container` in the same namespace with a `defaultRequest` (or a',
    '`default`) for cpu fills the field at admission; when the inventory holds one, the check',
    'passes. Ephemeral containers cannot declare resources and are not checked.',
    '',
    '```yaml',
    'resources:',
    '  requests: { cpu: 100m, memory: 128Mi }',
    '  limits: { memory: 256Mi }',
    '```',
  ].join('\n'),
  evaluate(ctx) {
    evaluateComputeResource(ctx, 'requests', 'cpu');
  },
});
