/**
 * Control: Services do not claim external IPs (CVE-2020-8554).
 * Restricted field: spec.externalIPs of a v1 Service. Allowed: absent or empty.
 */
import { defineCheck } from '../../engine/types.js';
import { isCoreService, serviceSpec } from './services.js';

export default defineCheck<'externalIps'>({
  id: 'network.service-external-ips',
  title: 'Service with externalIPs (CVE-2020-8554)',
  // medium: any address listed is captured by kube-proxy on every node, so a Service can intercept traffic meant for others.
  severity: 'medium',
  scope: 'resource',
  match: ['Service'],
  domain: 'network',
  controls: [
    { framework: 'nsa-cisa', id: 'network-separation-and-hardening' },
    { framework: 'mitre-attack', id: 'T1557' },
    { framework: 'pci-dss', id: '1.3.1' },
    { framework: 'soc2', id: 'CC6.6' },
  ],
  messages: { externalIps: 'Service {{name}} claims external IPs {{ips}}' },
  remediation:
    'Remove spec.externalIPs and expose the Service through a LoadBalancer or Ingress. Block the field cluster-wide with the DenyServiceExternalIPs admission plugin or a policy.',
  docs: [
    'A Service with externalIPs can capture traffic meant for any address (CVE-2020-8554).',
    '',
    'kube-proxy on every node routes traffic for any address listed in a Service\'s',
    '`spec.externalIPs` to that Service\'s pods. Kubernetes does not check who owns the address, so',
    'anyone who can create a Service can intercept traffic to any IP (CVE-2020-8554, unpatched by',
    'design).',
    '',
    'The check reports each v1 Service with a non-empty `spec.externalIPs`.',
  ].join('\n'),
  evaluate: ({ resource, report }) => {
    if (!isCoreService(resource)) return;
    const ips = serviceSpec(resource)['externalIPs'];
    if (!Array.isArray(ips) || ips.length === 0) return;
    report({ messageId: 'externalIps', data: { name: resource.name, ips: ips.map(String).join(', ') }, path: '/spec/externalIPs' });
  },
});
