/**
 * Control: an external LoadBalancer accepts connections only from the networks that need it.
 * Restricted fields: spec.loadBalancerSourceRanges of a v1 Service of type LoadBalancer (or the
 * annotation service.beta.kubernetes.io/load-balancer-source-ranges). Reported: absent, empty, or
 * containing 0.0.0.0/0 or ::/0. Internal load balancers are not reported.
 */
import { defineCheck } from '../../engine/types.js';
import { joinPointer } from '../../model/types.js';
import { internalLoadBalancerAnnotation, isCoreService, serviceSpec, serviceType } from './services.js';

const SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';
const OPEN_RANGES: ReadonlySet<string> = new Set(['0.0.0.0/0', '::/0']);

export default defineCheck<'noSourceRanges' | 'openSourceRange'>({
  id: 'network.loadbalancer-no-source-ranges',
  title: 'LoadBalancer open to any source address',
  // medium: the workload is reachable from the whole internet; exploiting it still needs a weakness in the workload.
  severity: 'medium',
  scope: 'resource',
  match: ['Service'],
  domain: 'network',
  controls: [
    { framework: 'nsa-cisa', id: 'network-separation-and-hardening' },
    { framework: 'mitre-attack', id: 'T1190' },
    { framework: 'pci-dss', id: '1.3.1' },
    { framework: 'hipaa', id: '164.312(e)(1)' },
    { framework: 'soc2', id: 'CC6.6' },
  ],
  messages: {
    noSourceRanges: 'LoadBalancer Service {{name}} sets no loadBalancerSourceRanges: any address can connect',
    openSourceRange: 'LoadBalancer Service {{name}} allows source range {{range}}: any address can connect',
  },
  remediation:
    'Set spec.loadBalancerSourceRanges to the CIDR ranges of the clients that need the Service (office, VPN or partner networks), or make the load balancer internal with your cloud\'s annotation.',
  docs: [
    'An external load balancer without source ranges is reachable from the whole internet.',
    '',
    '`spec.loadBalancerSourceRanges` makes the cloud load balancer (or kube-proxy) drop connections',
    'from addresses outside the listed CIDRs. Without it, or with `0.0.0.0/0`, an external load',
    'balancer accepts connections from the whole internet.',
    '',
    'The check reports external LoadBalancer Services whose source ranges (the field, or the older',
    '`service.beta.kubernetes.io/load-balancer-source-ranges` annotation) are missing, empty or',
    'include `0.0.0.0/0` or `::/0`. Services with an internal load-balancer annotation are skipped.',
  ].join('\n'),
  evaluate: ({ resource, report }) => {
    if (!isCoreService(resource) || serviceType(resource) !== 'LoadBalancer' || internalLoadBalancerAnnotation(resource)) return;
    const ranges = serviceSpec(resource)['loadBalancerSourceRanges'];
    if (Array.isArray(ranges) && ranges.length > 0) {
      ranges.forEach((range, index) => {
        if (typeof range === 'string' && OPEN_RANGES.has(range.trim())) {
          report({ messageId: 'openSourceRange', data: { name: resource.name, range }, path: joinPointer('/spec/loadBalancerSourceRanges', index) });
        }
      });
      return;
    }
    const annotation = resource.annotations[SOURCE_RANGES_ANNOTATION];
    if (annotation !== undefined && annotation.trim() !== '') {
      const open = annotation.split(',').map((r) => r.trim()).find((r) => OPEN_RANGES.has(r));
      if (open) report({ messageId: 'openSourceRange', data: { name: resource.name, range: open }, path: joinPointer('/metadata/annotations', SOURCE_RANGES_ANNOTATION) });
      return;
    }
    report({ messageId: 'noSourceRanges', data: { name: resource.name }, path: '/spec' });
  },
});
