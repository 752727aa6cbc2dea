/**
 * Control: Roles and ClusterRoles list their resources explicitly (CIS 5.1.3).
 * Restricted fields: rules[*].resources — `*` is reported; rules[*].nonResourceURLs — `*` is
 * reported too.
 */
import { defineCheck } from '../../engine/types.js';
import { reportWildcards, ROLE_KINDS } from './rbac-objects.js';

export default defineCheck<'wildcardResource' | 'wildcardUrl'>({
  id: 'rbac.wildcard-resources',
  title: 'Role uses a wildcard resource',
  // medium: covers Secrets, subresources such as pods/exec and every resource added later.
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
  messages: {
    wildcardResource: '{{role}} rule {{rule}} applies to every resource ("*")',
    wildcardUrl: '{{role}} rule {{rule}} applies to every non-resource URL ("*")',
  },
  remediation: 'Replace "*" in resources (or nonResourceURLs) with the resources the subject needs, naming subresources such as pods/log explicitly.',
  docs: [
    'A wildcard resource covers Secrets, sensitive subresources and every resource added later.',
    '',
    'A `*` in `resources` matches every resource of the listed API groups and every subresource:',
    'Secrets, `pods/exec`, `serviceaccounts/token` and any custom resource installed later. CIS',
    '5.1.3 asks for wildcards to be replaced by explicit lists.',
    '',
    'The check reports each `*` entry in `rules[].resources` and `rules[].nonResourceURLs` of a Role',
    'or ClusterRole. Default roles (label `kubernetes.io/bootstrapping: rbac-defaults`) are skipped, and so are rules with `*` in',
    'verbs, apiGroups and resources alike, which `rbac.full-wildcard-rule` reports once.',
  ].join('\n'),
  evaluate: reportWildcards({ resources: 'wildcardResource', nonResourceURLs: 'wildcardUrl' }),
});
