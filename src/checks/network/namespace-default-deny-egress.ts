/**
 * Control: every namespace that runs workloads denies egress by default.
 * Looks at: the NetworkPolicies of each namespace holding a workload. Passes when one selects every
 * pod (`podSelector: {}`), lists Egress in its (defaulted) policyTypes and allows no egress.
 */
import { defineCheck } from '../../engine/types.js';
import { namespacesWithoutDefaultDeny } from './analysis.js';

export default defineCheck<'noDefaultDeny'>({
  id: 'network.namespace-default-deny-egress',
  title: 'Namespace without default-deny egress NetworkPolicy',
  // medium: without it a compromised pod can reach any service and exfiltrate to any address.
  severity: 'medium',
  scope: 'inventory',
  match: ['Namespace', 'NetworkPolicy', 'pod-templates'],
  domain: 'network',
  controls: [
    { framework: 'cis-k8s', id: '5.3.2' },
    { framework: 'nsa-cisa', id: 'network-separation-and-hardening' },
    { framework: 'mitre-attack', id: 'T1041' },
    { framework: 'pci-dss', id: '1.3.2' },
    { framework: 'soc2', id: 'CC6.6' },
    { framework: 'hipaa', id: '164.312(e)(1)' },
  ],
  messages: { noDefaultDeny: 'namespace {{namespace}} has no default-deny egress NetworkPolicy: pods may connect anywhere, inside or outside the cluster' },
  remediation:
    'Add a NetworkPolicy with podSelector: {} and policyTypes: [Egress] and no egress rules to the namespace, allow DNS to kube-dns on 53/UDP and 53/TCP, then allow the intended traffic with one policy per workload (rampart netpol generate writes both).',
  docs: [
    'Kubernetes lets a pod connect anywhere until a NetworkPolicy selects it for egress. A',
    'default-deny policy (`podSelector: {}`, `policyTypes: [Egress]`, no `egress` rules) limits',
    'what a compromised pod can reach — other services, the cloud metadata endpoint, the internet —',
    'to what is explicitly allowed. Remember to allow DNS. Evaluated with the same engine as `rampart netpol`.',
  ].join('\n'),
  evaluate: ({ inventory, report }) => {
    for (const { namespace, anchor } of namespacesWithoutDefaultDeny(inventory, 'egress')) report({ ...anchor, messageId: 'noDefaultDeny', data: { namespace } });
  },
});
