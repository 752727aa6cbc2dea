/**
 * Control: the cluster-admin ClusterRole is bound only where required (CIS 5.1.1): to the
 * system groups that hold it by design.
 * Restricted fields: subjects[*] of a RoleBinding or ClusterRoleBinding whose roleRef is
 * ClusterRole cluster-admin, or a ClusterRole of the inventory with an allow-everything rule (a
 * cluster-admin clone). Allowed: the groups in the `allowedGroups` option (default
 * system:masters).
 */
import { defineCheck } from '../../engine/types.js';
import { BINDING_KINDS, describeRbacObject, describeSubject, isBootstrapObject, isFullWildcardRule, isRbacObject, roleRefOf, rulesOf, subjectsOf } from './rbac-objects.js';

export interface ClusterAdminBindingOptions {
  /** Groups that may hold cluster-admin. */
  allowedGroups: string[];
}

export default defineCheck<'clusterWide' | 'namespaced', ClusterAdminBindingOptions>({
  id: 'rbac.cluster-admin-binding',
  title: 'cluster-admin bound to a non-system subject',
  // high: one compromised holder (a user's kubeconfig, a pod's token) controls the whole cluster.
  severity: 'high',
  scope: 'resource',
  match: BINDING_KINDS,
  domain: 'rbac',
  defaultOptions: { allowedGroups: ['system:masters'] },
  controls: [
    { framework: 'cis-k8s', id: '5.1.1' },
    { framework: 'nsa-cisa', id: 'authentication-and-authorization' },
    { framework: 'mitre-attack', id: 'T1078' },
    { framework: 'pci-dss', id: '7.2.1' },
    { framework: 'hipaa', id: '164.308(a)(4)' },
    { framework: 'soc2', id: 'CC6.3' },
  ],
  messages: {
    clusterWide: '{{binding}} grants {{role}} on the whole cluster to {{subject}}',
    namespaced: '{{binding}} grants {{role}} in namespace {{namespace}} to {{subject}}',
  },
  remediation:
    'Bind a role with only the permissions the subject needs instead of cluster-admin. Keep cluster-admin for break-glass access through system:masters credentials that are stored offline.',
  docs: [
    'A subject bound to cluster-admin controls the whole cluster (or namespace) if its credential is ever compromised.',
    '',
    '`cluster-admin` allows every verb on every resource. Bound through a ClusterRoleBinding it',
    'controls the whole cluster; through a RoleBinding it controls every object of the namespace,',
    'including its Roles, RoleBindings and Secrets. CIS 5.1.1 asks that it be used only where',
    'required.',
    '',
    'The check reports each subject of a binding to the ClusterRole `cluster-admin`, or to a',
    'ClusterRole of the input with an allow-everything rule (a clone of cluster-admin), except the',
    'groups in the `allowedGroups` option (default `system:masters`, which holds every permission',
    'anyway). The default binding created by the API server is skipped.',
  ].join('\n'),
  evaluate: ({ resource, inventory, options, report }) => {
    if (!isRbacObject(resource) || isBootstrapObject(resource)) return;
    const ref = roleRefOf(resource);
    if (!ref || ref.kind !== 'ClusterRole') return;
    const clusterRole = inventory.get('ClusterRole', undefined, ref.name);
    const isClone = ref.name !== 'cluster-admin' && clusterRole !== undefined && rulesOf(clusterRole).some(({ rule }) => isFullWildcardRule(rule));
    if (ref.name !== 'cluster-admin' && !isClone) return;
    const role = isClone ? `ClusterRole ${ref.name} (every permission, like cluster-admin)` : 'cluster-admin';
    const namespaced = resource.kind === 'RoleBinding';
    for (const subject of subjectsOf(resource)) {
      if (subject.kind === 'Group' && options.allowedGroups.includes(subject.name)) continue;
      report({
        messageId: namespaced ? 'namespaced' : 'clusterWide',
        data: { binding: describeRbacObject(resource), role, subject: describeSubject(subject, resource.namespace), namespace: resource.namespace ?? 'default' },
        path: subject.pointer,
      });
    }
  },
});
