/**
 * Control: no Role or ClusterRole grants the `bind` verb on roles or clusterroles (CIS 5.1.8).
 * Looks at: every rule, wildcards and resourceNames-limited rules included (limiting bind to named
 * roles narrows it, but binding a powerful named role is still escalation).
 */
import { permissionCheck } from './rbac-objects.js';

const RBAC = 'rbac.authorization.k8s.io';

export default permissionCheck({
  id: 'rbac.bind-verb',
  title: 'Role grants bind on roles',
  // high: lets the holder bind roles it does not hold, to itself or anyone.
  severity: 'high',
  controls: [
    { framework: 'cis-k8s', id: '5.1.8' },
    { framework: 'nsa-cisa', id: 'authentication-and-authorization' },
    { framework: 'mitre-attack', id: 'T1098' },
    { framework: 'pci-dss', id: '7.2.1' },
    { framework: 'soc2', id: 'CC6.3' },
  ],
  permissions: [
    { verbs: ['bind'], apiGroup: RBAC, resource: 'roles' },
    { verbs: ['bind'], apiGroup: RBAC, resource: 'clusterroles' },
  ],
  countNamedRules: true,
  remediation:
    'Remove the bind verb from the rule. Where a delegated administrator must bind roles, limit bind with `resourceNames` to the specific, low-privilege roles they may hand out.',
  docs: [
    'The bind verb lets its holder bind roles it does not hold, to itself or to anyone.',
    '',
    'Creating a RoleBinding normally requires holding every permission of the role being bound.',
    'The `bind` verb on `roles` or `clusterroles` lifts that limit: the holder can bind any role,',
    'including `cluster-admin` via a ClusterRoleBinding if it can create those.',
    '',
    'The check reports each rule that grants `bind` on roles or clusterroles.',
  ].join('\n'),
});
