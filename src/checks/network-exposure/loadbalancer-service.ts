/**
 * Control: Services are not exposed through an external cloud load balancer without review.
 * Restricted field: spec.type of a v1 Service. Reported: LoadBalancer, unless an annotation
 * makes the load balancer internal (see services.ts for the list).
 */
import { defineCheck } from '../../engine/types.js';
import { internalLoadBalancerAnnotation, isCoreService, serviceType } from './services.js';

export default defineCheck<'externalLoadBalancer'>({
  id: 'network.loadbalancer-service',
  title: 'Externally reachable LoadBalancer Service',
  // low: often intended (that is what LoadBalancers are for), but every one is an entry point to review.
  severity: 'low',
  scope: 'resource',
  match: ['Service'],
  domain: 'network',
  controls: [
    { framework: 'nsa-cisa', id: 'network-separation-and-hardening' },
    { framework: 'mitre-attack', id: 'T1133' },
    { framework: 'pci-dss', id: '1.3.1' },
    { framework: 'hipaa', id: '164.312(e)(1)' },
    { framework: 'soc2', id: 'CC6.6' },
  ],
  messages: { externalLoadBalancer: 'Service {{name}} is of type LoadBalancer and gets an external address' },
  remediation:
    'Expose HTTP workloads through a shared Ingress or Gateway with TLS instead of one load balancer per Service. If the Service only serves the private network, add the internal load-balancer annotation of your cloud; otherwise restrict it with spec.loadBalancerSourceRanges.',
  docs: [
    'Every external LoadBalancer Service is an entry point that bypasses the shared ingress layer and should be reviewed.',
    '',
    'A LoadBalancer Service asks the cloud provider for a load balancer, which is public by default',
    'on every major cloud. Each one is an entry point into the cluster that bypasses the shared',
    'ingress layer, its TLS, authentication, WAF and logging.',
    '',
    'The check reports v1 Services with `spec.type: LoadBalancer` that carry none of the known',
    'internal load-balancer annotations (AWS, Azure, GKE, Oracle, IBM, OpenStack, DigitalOcean).',
    'Public load balancers without source ranges are also reported, with a higher severity, by',
    '`network.loadbalancer-no-source-ranges`.',
  ].join('\n'),
  evaluate: ({ resource, report }) => {
    if (!isCoreService(resource) || serviceType(resource) !== 'LoadBalancer' || internalLoadBalancerAnnotation(resource)) return;
    report({ messageId: 'externalLoadBalancer', data: { name: resource.name }, path: '/spec/type' });
  },
});
