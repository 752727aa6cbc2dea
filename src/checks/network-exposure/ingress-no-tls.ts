/**
 * Control: traffic to an Ingress is encrypted.
 * Restricted fields: spec.tls of a networking.k8s.io or extensions Ingress. Reported: no TLS
 * section (at /spec), or a host of spec.rules[*].host that no spec.tls[*].hosts entry covers
 * (wildcard TLS hosts such as *.example.com cover one label).
 */
import { defineCheck } from '../../engine/types.js';
import { isJsonObject, joinPointer } from '../../model/types.js';

function covers(tlsHost: string, host: string): boolean {
  if (tlsHost === host) return true;
  if (!tlsHost.startsWith('*.')) return false;
  const suffix = tlsHost.slice(1);
  return host.endsWith(suffix) && !host.slice(0, -suffix.length).includes('.');
}

export default defineCheck<'noTls' | 'hostWithoutTls'>({
  id: 'network.ingress-no-tls',
  title: 'Ingress without TLS',
  // medium: traffic and credentials travel in clear text between clients and the cluster edge.
  severity: 'medium',
  scope: 'resource',
  match: ['Ingress'],
  domain: 'network',
  controls: [
    { framework: 'nsa-cisa', id: 'network-separation-and-hardening' },
    { framework: 'mitre-attack', id: 'T1040' },
    { framework: 'pci-dss', id: '4.2.1' },
    { framework: 'hipaa', id: '164.312(e)(1)' },
    { framework: 'soc2', id: 'CC6.7' },
  ],
  messages: {
    noTls: 'Ingress {{name}} has no tls section: it serves plain HTTP',
    hostWithoutTls: 'Ingress {{name}} serves host {{host}} without a TLS certificate',
  },
  remediation:
    'Add a spec.tls entry listing every host of the Ingress with the Secret holding its certificate (cert-manager can issue and renew it), and redirect HTTP to HTTPS at the ingress controller.',
  docs: [
    'An Ingress without TLS sends passwords, session cookies and data in clear text between clients and the cluster edge.',
    '',
    'An Ingress without `spec.tls` is served over plain HTTP: passwords, session cookies and data',
    'cross the network readable by anyone on the path. A host listed in `spec.rules` but in no',
    '`spec.tls[].hosts` entry is served without a matching certificate.',
    '',
    'The check reports an Ingress with no TLS section, and each rule host that no TLS entry covers',
    '(a wildcard entry such as `*.example.com` covers exactly one extra label).',
  ].join('\n'),
  evaluate: ({ resource, report }) => {
    if (!resource.apiVersion.startsWith('networking.k8s.io/') && !resource.apiVersion.startsWith('extensions/')) return;
    const spec = resource.body['spec'];
    if (!isJsonObject(spec)) return;
    const tls = Array.isArray(spec['tls']) ? spec['tls'].filter(isJsonObject) : [];
    if (tls.length === 0) {
      report({ messageId: 'noTls', data: { name: resource.name }, path: '/spec' });
      return;
    }
    const tlsHosts = tls.flatMap((entry) => (Array.isArray(entry['hosts']) ? entry['hosts'].filter((h): h is string => typeof h === 'string') : []));
    const rules = Array.isArray(spec['rules']) ? spec['rules'] : [];
    rules.forEach((rule, index) => {
      if (!isJsonObject(rule) || typeof rule['host'] !== 'string') return;
      const host = rule['host'];
      if (tlsHosts.some((t) => covers(t, host))) return;
      report({ messageId: 'hostWithoutTls', data: { name: resource.name, host }, path: joinPointer('/spec/rules', index, 'host') });
    });
  },
});
