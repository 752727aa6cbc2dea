/**
 * Control: no Role or ClusterRole grants `pods/portforward`.
 * Looks at: every rule, wildcards and resourceNames-limited rules included.
 */
import { permissionCheck } from './rbac-objects.js';

export default permissionCheck({
  id: 'rbac.pods-portforward',
  title: 'Role can port-forward to pods',
  // medium: tunnels around NetworkPolicies and Services to pod ports, but needs a further weakness to exploit.
  severity: 'medium',
  controls: [
    { framework: 'nsa-cisa', id: 'network-separation-and-hardening' },
    { framework: 'mitre-attack', id: 'T1572' },
    { framework: 'pci-dss', id: '1.3.1' },
    { framework: 'soc2', id: 'CC6.6' },
  ],
  permissions: [{ verbs: ['create', 'get'], apiGroup: '', resource: 'pods', subresource: 'portforward' }],
  countNamedRules: true,
  remediation:
    'Remove pods/portforward from the rule. Expose what operators need through a Service with NetworkPolicies, or grant port-forward only to a temporary break-glass role.',
  docs: [
    'Port-forwarding tunnels around NetworkPolicies and Services to any port of a pod.',
    '',
    '`pods/portforward` opens a tunnel from the caller, through the API server and the kubelet, to',
    'any port of a pod. The tunnel bypasses NetworkPolicies, Services and ingress authentication, so',
    'admin ports and databases that are never exposed become reachable.',
    '',
    'The check reports each rule that grants `create` or `get` on `pods/portforward`.',
  ].join('\n'),
});
