/**
 * Control: every namespace that runs workloads denies ingress by default.
 * Looks at: the NetworkPolicies of each namespace holding a workload. Passes when one selects every
 * pod (`podSelector: {}`), lists Ingress in its (defaulted) policyTypes and allows no ingress.
 */
import { defineCheck } from '../../engine/types.js';
import { namespacesWithoutDefaultDeny } from './analysis.js';

export default defineCheck<'noDefaultDeny'>({
  id: 'network.namespace-default-deny-ingress',
  title: 'Namespace without default-deny ingress NetworkPolicy',
  // medium: without it every new workload accepts connections from every pod of the cluster.
  severity: 'medium',
  scope: 'inventory',
  match: ['Namespace', 'NetworkPolicy', 'pod-templates'],
  domain: 'network',
  controls: [
    { framework: 'cis-k8s', id: '5.3.2' },
    { framework: 'nsa-cisa', id: 'network-separation-and-hardening' },
    { framework: 'mitre-attack', id: 'T1210' },
    { framework: 'pci-dss', id: '1.3.1' },
    { framework: 'soc2', id: 'CC6.6' },
    { framework: 'hipaa', id: '164.312(e)(1)' },
  ],
  messages: { noDefaultDeny: 'namespace {{namespace}} has no default-deny ingress NetworkPolicy: pods accept connections from anywhere unless a policy selects them' },
  remediation:
    'Add a NetworkPolicy with podSelector: {} and policyTypes: [Ingress] and no ingress rules to the namespace, then allow the intended traffic with one policy per workload (rampart netpol generate writes both).',
  docs: [
    'Kubernetes allows all traffic to a pod until a NetworkPolicy selects it for ingress. A',
    'default-deny policy (`podSelector: {}`, `policyTypes: [Ingress]`, no `ingress` rules) makes',
    'isolation the default, so a new workload is not reachable by every pod of the cluster the',
    'moment it starts. Evaluated with the same engine as `rampart netpol`.',
  ].join('\n'),
  evaluate: ({ inventory, report }) => {
    for (const { namespace, anchor } of namespacesWithoutDefaultDeny(inventory, 'ingress')) report({ ...anchor, messageId: 'noDefaultDeny', data: { namespace } });
  },
});
