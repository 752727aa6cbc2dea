/**
 * Control: no Role or ClusterRole grants the `escalate` verb on roles or clusterroles (CIS 5.1.8).
 * Looks at: every rule, wildcards and resourceNames-limited rules included.
 */
import { permissionCheck } from './rbac-objects.js';

const RBAC = 'rbac.authorization.k8s.io';

export default permissionCheck({
  id: 'rbac.escalate-verb',
  title: 'Role grants escalate on roles',
  // high: lets the holder add permissions it does not have to roles, bypassing RBAC escalation prevention.
  severity: 'high',
  controls: [
    { framework: 'cis-k8s', id: '5.1.8' },
    { framework: 'nsa-cisa', id: 'authentication-and-authorization' },
    { framework: 'mitre-attack', id: 'T1098' },
    { framework: 'pci-dss', id: '7.2.1' },
    { framework: 'soc2', id: 'CC6.3' },
  ],
  permissions: [
    { verbs: ['escalate'], apiGroup: RBAC, resource: 'roles' },
    { verbs: ['escalate'], apiGroup: RBAC, resource: 'clusterroles' },
  ],
  countNamedRules: true,
  remediation:
    'Remove the escalate verb from the rule. Only the RBAC controllers and cluster administrators should be able to write roles with permissions they do not hold.',
  docs: [
    'The escalate verb lets its holder write permissions it does not have into roles, bypassing RBAC escalation prevention.',
    '',
    'Kubernetes stops a subject from creating or updating a Role with permissions it does not hold',
    'itself, unless it has the `escalate` verb on `roles` or `clusterroles`. With it, the holder can',
    'write any permission into a role bound to itself.',
    '',
    'The check reports each rule that grants `escalate` on roles or clusterroles, including through',
    'wildcard verbs.',
  ].join('\n'),
});
