/**
 * CPU limits: every container and init container sets `resources.limits.cpu` (or a namespace
 * LimitRange defaults it). Without a limit one container can take every idle core of the node,
 * which is how cryptominers and runaway loops starve their neighbours.
 */
import { defineCheck } from '../../engine/types.js';
import { COMPUTE_MESSAGES, evaluateComputeResource, type ComputeMessage } from './compute-resources.js';
import { HIPAA, NSA, attack, pci, soc2 } from './controls.js';

export default defineCheck<ComputeMessage>({
  id: 'workload.cpu-limits',
  title: 'Container without a CPU limit',
  domain: 'workload',
  // low: CPU is compressible, so an unlimited container slows neighbours but cannot evict them; resource hijacking is bounded by requests of others.
  severity: 'low',
  scope: 'resource',
  match: 'pod-templates',
  controls: [NSA.resourcePolicies, attack('T1496'), attack('T1499'), pci('2.2.1'), soc2('A1.1'), HIPAA.emergencyMode],
  messages: COMPUTE_MESSAGES,
  remediation:
    'Set `resources.limits.cpu` on every container, or give the namespace a LimitRange with a `default` cpu limit.',
  docs: [
    'A container without a CPU limit may use every idle core of its node, which a cryptominer',
    'or a runaway loop will.',
    '',
    'A compromised container running a cryptominer (MITRE ATT&CK T1496, Resource Hijacking),',
    'or a bug in a busy loop, takes CPU time that other workloads on the node expected to',
    'burst into.',
    'CPU is compressible — other pods keep their requested share — so this is rated low; some',
    'teams deliberately run latency-sensitive services without CPU limits and should record',
    'that as an exception.',
    '',
    'A LimitRange of type `Container` in the same namespace with a `default` cpu limit fills',
    'the field at admission; when the inventory holds one, the check passes.',
    '',
    '```yaml',
    'resources:',
    '  requests: { cpu: 100m }',
    '  limits: { cpu: "1" }',
    '```',
  ].join('\n'),
  evaluate(ctx) {
    evaluateComputeResource(ctx, 'limits', 'cpu');
  },
});
