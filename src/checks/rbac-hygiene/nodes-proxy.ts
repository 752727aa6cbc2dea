/**
 * Control: no ClusterRole grants `nodes/proxy` (CIS 5.1.10).
 * Looks at: ClusterRoles only (nodes are cluster-scoped, a Role cannot grant them); wildcards and
 * resourceNames-limited rules included.
 */
import { permissionCheck } from './rbac-objects.js';

export default permissionCheck({
  id: 'rbac.nodes-proxy',
  title: 'ClusterRole can proxy to the kubelet (nodes/proxy)',
  // high: the kubelet API runs commands in every pod of the node and its requests bypass API-server audit.
  severity: 'high',
  clusterScoped: true,
  controls: [
    { framework: 'cis-k8s', id: '5.1.10' },
    { framework: 'nsa-cisa', id: 'authentication-and-authorization' },
    { framework: 'mitre-attack', id: 'T1609' },
    { framework: 'pci-dss', id: '7.2.2' },
    { framework: 'soc2', id: 'CC6.3' },
  ],
  permissions: [{ verbs: ['get', 'create', 'update', 'patch', 'delete'], apiGroup: '', resource: 'nodes', subresource: 'proxy' }],
  countNamedRules: true,
  remediation:
    'Remove nodes/proxy from the rule. Monitoring agents that need kubelet metrics should use the nodes/metrics and nodes/stats subresources instead.',
  docs: [
    'nodes/proxy reaches the kubelet API, which runs commands in every pod of a node outside API-server audit.',
    '',
    '`nodes/proxy` forwards requests through the API server to the kubelet API of a node. The kubelet',
    'API can run commands in any container of that node (`/exec`, `/run`), and what is done there',
    'is not recorded in the API server audit log as the individual command.',
    '',
    'The check reports each ClusterRole rule that grants a verb on `nodes/proxy`.',
  ].join('\n'),
});
