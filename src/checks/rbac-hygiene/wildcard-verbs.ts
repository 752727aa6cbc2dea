/**
 * Control: Roles and ClusterRoles list their verbs explicitly (CIS 5.1.3).
 * Restricted field: rules[*].verbs — the value `*` is reported.
 */
import { defineCheck } from '../../engine/types.js';
import { reportWildcards, ROLE_KINDS } from './rbac-objects.js';

export default defineCheck<'wildcardVerb'>({
  id: 'rbac.wildcard-verbs',
  title: 'Role uses a wildcard verb',
  // medium: grants every verb, including escalate, bind and impersonate and verbs added in future releases.
  severity: 'medium',
  scope: 'resource',
  match: ROLE_KINDS,
  domain: 'rbac',
  controls: [
    { framework: 'cis-k8s', id: '5.1.3' },
    { framework: 'nsa-cisa', id: 'authentication-and-authorization' },
    { framework: 'pci-dss', id: '7.2.2' },
    { framework: 'soc2', id: 'CC6.3' },
  ],
  messages: { wildcardVerb: '{{role}} rule {{rule}} allows every verb ("*")' },
  remediation: 'Replace "*" in verbs with the verbs the subject needs, such as get, list and watch for read access.',
  docs: [
    'A wildcard verb grants every verb, including escalate, bind and impersonate and verbs added in future releases.',
    '',
    'A `*` in `verbs` allows every verb on the rule\'s resources: not only reads and writes but also',
    '`escalate`, `bind`, `impersonate`, `approve` and any verb a future release or extension adds.',
    'CIS 5.1.3 asks for wildcards to be replaced by explicit lists.',
    '',
    'The check reports each `*` entry in `rules[].verbs` of a Role or ClusterRole. Default roles',
    'created by the API server (label `kubernetes.io/bootstrapping: rbac-defaults`) are skipped, and so are rules with `*` in',
    'verbs, apiGroups and resources alike, which `rbac.full-wildcard-rule` reports once.',
  ].join('\n'),
  evaluate: reportWildcards({ verbs: 'wildcardVerb' }),
});
