/**
 * Control: no Role or ClusterRole grants `create` on `serviceaccounts/token` (CIS 5.1.13).
 * Looks at: every rule, wildcards and resourceNames-limited rules included.
 */
import { permissionCheck } from './rbac-objects.js';

export default permissionCheck({
  id: 'rbac.serviceaccount-token-create',
  title: 'Role can mint ServiceAccount tokens',
  // high: a token for any ServiceAccount in scope carries all of that account's permissions.
  severity: 'high',
  controls: [
    { framework: 'cis-k8s', id: '5.1.13' },
    { framework: 'nsa-cisa', id: 'authentication-and-authorization' },
    { framework: 'mitre-attack', id: 'T1528' },
    { framework: 'pci-dss', id: '7.2.2' },
    { framework: 'soc2', id: 'CC6.1' },
  ],
  permissions: [{ verbs: ['create'], apiGroup: '', resource: 'serviceaccounts', subresource: 'token' }],
  countNamedRules: true,
  remediation:
    'Remove create on serviceaccounts/token from the rule. Workloads get their own tokens through projected volumes and do not need to request tokens for other accounts.',
  docs: [
    'Minting ServiceAccount tokens gives its holder the permissions of every ServiceAccount in scope.',
    '',
    '`create` on `serviceaccounts/token` (the TokenRequest API) issues a fresh token for any',
    'ServiceAccount in the role\'s scope. The caller then acts with that account\'s permissions, for',
    'as long as the token lives.',
    '',
    'The check reports each rule that grants it, including through wildcards.',
  ].join('\n'),
});
