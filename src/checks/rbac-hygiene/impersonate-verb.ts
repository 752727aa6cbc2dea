/**
 * Control: no Role or ClusterRole grants `impersonate` on users, groups, serviceaccounts, uids or
 * user extras (CIS 5.1.8).
 * Looks at: every rule, wildcards and resourceNames-limited rules included.
 */
import { permissionCheck } from './rbac-objects.js';

export default permissionCheck({
  id: 'rbac.impersonate-verb',
  title: 'Role grants impersonation',
  // high: impersonating an administrator, a privileged group or a ServiceAccount yields its permissions.
  severity: 'high',
  controls: [
    { framework: 'cis-k8s', id: '5.1.8' },
    { framework: 'nsa-cisa', id: 'authentication-and-authorization' },
    { framework: 'mitre-attack', id: 'T1078' },
    { framework: 'pci-dss', id: '7.2.1' },
    { framework: 'hipaa', id: '164.312(a)(1)' },
    { framework: 'soc2', id: 'CC6.3' },
  ],
  permissions: [
    { verbs: ['impersonate'], apiGroup: '', resource: 'users' },
    { verbs: ['impersonate'], apiGroup: '', resource: 'groups' },
    { verbs: ['impersonate'], apiGroup: '', resource: 'serviceaccounts' },
    { verbs: ['impersonate'], apiGroup: 'authentication.k8s.io', resource: 'uids' },
    { verbs: ['impersonate'], apiGroup: 'authentication.k8s.io', resource: 'userextras', subresource: 'scopes' },
  ],
  countNamedRules: true,
  remediation:
    'Remove the impersonate verb from the rule. Where impersonation is needed (for example by an authenticating proxy), limit it with `resourceNames` to the identities the proxy may assert, and never to system:masters.',
  docs: [
    'Impersonation lets its holder act as another user, group or ServiceAccount, up to system:masters.',
    '',
    'With `impersonate`, a request can carry `Impersonate-User` and `Impersonate-Group` headers and',
    'is then authorized as that identity. Impersonating the group `system:masters` bypasses RBAC',
    'altogether.',
    '',
    'The check reports each rule that grants `impersonate` on users, groups, serviceaccounts, uids',
    'or userextras, including through wildcards.',
  ].join('\n'),
});
