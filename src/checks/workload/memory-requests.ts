/**
 * Memory requests: every container and init container sets `resources.requests.memory` (or a
 * namespace LimitRange defaults it). Pods without memory requests are the first evicted under
 * node memory pressure, and they let the scheduler overcommit nodes.
 */
import { defineCheck } from '../../engine/types.js';
import { COMPUTE_MESSAGES, evaluateComputeResource, type ComputeMessage } from './compute-resources.js';
import { HIPAA, NSA, attack, soc2 } from './controls.js';

export default defineCheck<ComputeMessage>({
  id: 'workload.memory-requests',
  title: 'Container without a memory request',
  domain: 'workload',
  // low: a missing request makes the pod an early eviction candidate (availability hygiene), not a security exposure.
  severity: 'low',
  scope: 'resource',
  match: 'pod-templates',
  controls: [NSA.resourcePolicies, attack('T1499'), soc2('A1.1'), HIPAA.emergencyMode],
  messages: COMPUTE_MESSAGES,
  remediation:
    'Set `resources.requests.memory` on every container to its normal working set, or give the namespace a LimitRange with a `defaultRequest` for memory.',
  docs: [
    'A container without a memory request can be placed on a node that cannot hold it, and is',
    'the first evicted under memory pressure.',
    '',
    'The scheduler reserves memory by request. Without one the pod is placed on nodes that',
    'cannot hold it, and under memory pressure the kubelet evicts pods that use more than',
    'they requested first — a pod that requested nothing is always over its request. Setting',
    'requests equal to limits gives the pod the Guaranteed QoS class.',
    '',
    'A LimitRange of type `Container` in the same namespace with a `defaultRequest` (or a',
    '`default`) for memory fills the field at admission; when the inventory holds one, the',
    'check passes. Ephemeral containers cannot declare resources and are not checked.',
    '',
    '```yaml',
    'resources:',
    '  requests: { memory: 256Mi }',
    '  limits: { memory: 256Mi }',
    '```',
  ].join('\n'),
  evaluate(ctx) {
    evaluateComputeResource(ctx, 'requests', 'memory');
  },
});
