/**
 * Control: Roles and ClusterRoles list their API groups explicitly (CIS 5.1.3).
 * Restricted field: rules[*].apiGroups — the value `*` is reported.
 */
import { defineCheck } from '../../engine/types.js';
import { reportWildcards, ROLE_KINDS } from './rbac-objects.js';

export default defineCheck<'wildcardGroup'>({
  id: 'rbac.wildcard-api-groups',
  title: 'Role uses a wildcard API group',
  // low: widens a rule to same-named resources of every group, including groups installed later; alone it grants no new verb.
  severity: 'low',
  scope: 'resource',
  match: ROLE_KINDS,
  domain: 'rbac',
  controls: [
    { framework: 'cis-k8s', id: '5.1.3' },
    { framework: 'nsa-cisa', id: 'authentication-and-authorization' },
    { framework: 'pci-dss', id: '7.2.2' },
    { framework: 'soc2', id: 'CC6.3' },
  ],
  messages: { wildcardGroup: '{{role}} rule {{rule}} applies to every API group ("*")' },
  remediation: 'Replace "*" in apiGroups with the groups of the resources the rule is meant for, such as "" for core resources or "apps" for Deployments.',
  docs: [
    'A wildcard API group widens a rule to same-named resources of every group, including ones installed later.',
    '',
    'A `*` in `apiGroups` makes a rule match its resources in every API group, including groups of',
    'custom resources installed later that happen to reuse a resource name. CIS 5.1.3 asks for',
    'wildcards to be replaced by explicit lists.',
    '',
    'The check reports each `*` entry in `rules[].apiGroups` of a Role or ClusterRole. Default roles',
    '(label `kubernetes.io/bootstrapping: rbac-defaults`) are skipped, and so are rules with `*` in',
    'verbs, apiGroups and resources alike, which `rbac.full-wildcard-rule` reports once.',
  ].join('\n'),
  evaluate: reportWildcards({ apiGroups: 'wildcardGroup' }),
});
