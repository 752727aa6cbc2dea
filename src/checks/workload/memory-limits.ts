/**
 * Memory limits: every container and init container sets `resources.limits.memory` (or a
 * namespace LimitRange defaults it). Memory is not compressible: a container without a limit
 * can drive its node into an out-of-memory state that kills or evicts other tenants' pods.
 */
import { defineCheck } from '../../engine/types.js';
import { COMPUTE_MESSAGES, evaluateComputeResource, type ComputeMessage } from './compute-resources.js';
import { HIPAA, NSA, attack, pci, soc2 } from './controls.js';

export default defineCheck<ComputeMessage>({
  id: 'workload.memory-limits',
  title: 'Container without a memory limit',
  domain: 'workload',
  // low: per the rubric, missing limits are hygiene with limited direct impact; the worst case is a node-wide denial of service, not a compromise.
  severity: 'low',
  scope: 'resource',
  match: 'pod-templates',
  controls: [NSA.resourcePolicies, attack('T1499'), attack('T1496'), pci('2.2.1'), soc2('A1.1'), HIPAA.emergencyMode],
  messages: COMPUTE_MESSAGES,
  remediation:
    'Set `resources.limits.memory` on every container, or give the namespace a LimitRange with a `default` memory limit.',
  docs: [
    'A container without a memory limit can push its node into memory pressure, where the',
    'kernel and the kubelet kill or evict other pods.',
    '',
    'Memory cannot be taken back from a process once it has it. A container without a memory',
    'limit that leaks, or that an attacker makes allocate, drives its node into memory',
    'pressure: the kernel OOM killer and the kubelet then kill or evict other pods, including',
    'other teams\' workloads. A limit confines the damage to the offending container.',
    '',
    'A LimitRange of type `Container` in the same namespace with a `default` memory limit fills',
    'the field at admission; when the inventory holds one, the check passes.',
    '',
    '```yaml',
    'resources:',
    '  requests: { memory: 256Mi }',
    '  limits: { memory: 256Mi }',
    '```',
  ].join('\n'),
  evaluate(ctx) {
    evaluateComputeResource(ctx, 'limits', 'memory');
  },
});
