/**
 * Control: no Role or ClusterRole grants get, list or watch on `secrets` (CIS 5.1.2).
 * Looks at: every rule, wildcards included. A rule limited by `resourceNames` is the
 * least-privilege form this control asks for, and is not reported (list and watch cannot be
 * limited by name anyway).
 */
import { permissionCheck } from './rbac-objects.js';

export default permissionCheck({
  id: 'rbac.secrets-read',
  title: 'Role can read Secrets',
  // high: whoever holds it reads every credential in scope, including other ServiceAccounts' tokens.
  severity: 'high',
  controls: [
    { framework: 'cis-k8s', id: '5.1.2' },
    { framework: 'nsa-cisa', id: 'authentication-and-authorization' },
    { framework: 'mitre-attack', id: 'T1552.007' },
    { framework: 'pci-dss', id: '7.2.2' },
    { framework: 'hipaa', id: '164.312(a)(1)' },
    { framework: 'soc2', id: 'CC6.3' },
  ],
  permissions: [{ verbs: ['get', 'list', 'watch'], apiGroup: '', resource: 'secrets' }],
  countNamedRules: false,
  remediation:
    'Remove get, list and watch on secrets from the rule, or limit get to the Secrets the workload needs with `resourceNames`. Prefer mounting Secrets into pods over reading them through the API.',
  docs: [
    'Read access to Secrets reveals every credential in scope, including other ServiceAccounts\' tokens.',
    '',
    'Reading Secrets through the API returns their values in clear text. `list` and `watch` return',
    'every Secret in scope at once, and ServiceAccount token Secrets carry the permissions of other',
    'identities, so read access to Secrets is often a step to broader access.',
    '',
    'The check reports each rule of a Role or ClusterRole that grants `get`, `list` or `watch` on',
    '`secrets`, including through `*` in verbs, apiGroups or resources. Rules restricted with',
    '`resourceNames` are not reported: that is the remedy.',
  ].join('\n'),
});
