/**
 * Control: no Role or ClusterRole has a rule that allows everything (CIS 5.1.1, 5.1.3).
 * Restricted fields: rules[*] with `*` in verbs, apiGroups and resources at once. Reported once
 * per rule, at the rule; the wildcard and permission checks skip such rules so that one
 * "allow everything" rule is one finding, not a dozen.
 */
import { defineCheck } from '../../engine/types.js';
import { describeRbacObject, isBootstrapObject, isFullWildcardRule, isRbacObject, ROLE_KINDS, rulesOf } from './rbac-objects.js';

export default defineCheck<'clusterWide' | 'namespaced'>({
  id: 'rbac.full-wildcard-rule',
  title: 'Role rule allows everything (cluster-admin equivalent)',
  // high: whoever is bound to it holds every permission in its scope, Secrets, exec, escalate and impersonate included.
  severity: 'high',
  scope: 'resource',
  match: ROLE_KINDS,
  domain: 'rbac',
  controls: [
    { framework: 'cis-k8s', id: '5.1.1' },
    { framework: 'cis-k8s', id: '5.1.2' },
    { framework: 'cis-k8s', id: '5.1.3' },
    { framework: 'cis-k8s', id: '5.1.8' },
    { framework: 'nsa-cisa', id: 'authentication-and-authorization' },
    { framework: 'mitre-attack', id: 'T1078' },
    { framework: 'pci-dss', id: '7.2.1' },
    { framework: 'pci-dss', id: '7.2.2' },
    { framework: 'hipaa', id: '164.308(a)(4)' },
    { framework: 'soc2', id: 'CC6.3' },
  ],
  messages: {
    clusterWide: '{{role}} rule {{rule}} allows every verb on every resource of every API group: it is cluster-admin wherever it is bound cluster-wide',
    namespaced: '{{role}} rule {{rule}} allows every verb on every resource of every API group in namespace {{namespace}}',
  },
  remediation:
    'Replace the rule with rules that list the API groups, resources and verbs the subject needs. If the subject genuinely administers the cluster, bind the built-in cluster-admin role to a named group instead of cloning it.',
  docs: [
    'A rule with wildcards in verbs, apiGroups and resources grants every permission in its scope: cluster-admin under another name.',
    '',
    'A rule with `*` in `verbs`, `apiGroups` and `resources` allows everything in its scope: every',
    'Secret, `pods/exec`, `escalate`, `bind`, `impersonate`, and every resource and verb added',
    'later. In a ClusterRole bound by a ClusterRoleBinding it is `cluster-admin` under another name,',
    'which hides it from reviews that look for `cluster-admin`.',
    '',
    'The check reports each such rule once. The wildcard checks (`rbac.wildcard-verbs`,',
    '`rbac.wildcard-resources`, `rbac.wildcard-api-groups`) and the permission checks',
    '(`rbac.secrets-read`, `rbac.pods-exec`…) skip it, so that one rule makes one finding. Default',
    'roles created by the API server are skipped.',
  ].join('\n'),
  evaluate: ({ resource, report }) => {
    if (!isRbacObject(resource) || isBootstrapObject(resource)) return;
    const namespaced = resource.kind === 'Role';
    for (const { rule, index, pointer } of rulesOf(resource)) {
      if (!isFullWildcardRule(rule)) continue;
      report({
        messageId: namespaced ? 'namespaced' : 'clusterWide',
        data: { role: describeRbacObject(resource), rule: index, namespace: resource.namespace ?? 'default' },
        path: pointer,
      });
    }
  },
});
