/**
 * Control: default ServiceAccounts are not actively used (CIS 5.1.5): no role is bound to a
 * namespace's `default` ServiceAccount.
 * Restricted fields: subjects[*] of a RoleBinding or ClusterRoleBinding with kind ServiceAccount
 * and name `default`.
 */
import { defineCheck } from '../../engine/types.js';
import { BINDING_KINDS, describeRbacObject, describeSubject, isBootstrapObject, isRbacObject, roleRefOf, subjectsOf } from './rbac-objects.js';

export default defineCheck<'defaultServiceAccount'>({
  id: 'rbac.default-serviceaccount-binding',
  title: 'Role bound to a default ServiceAccount',
  // medium: every pod of the namespace that names no ServiceAccount silently receives the role.
  severity: 'medium',
  scope: 'resource',
  match: BINDING_KINDS,
  domain: 'rbac',
  controls: [
    { framework: 'cis-k8s', id: '5.1.5' },
    { framework: 'nsa-cisa', id: 'authentication-and-authorization' },
    { framework: 'pci-dss', id: '7.2.2' },
    { framework: 'soc2', id: 'CC6.3' },
  ],
  messages: { defaultServiceAccount: '{{binding}} grants {{role}} to {{subject}}, which every pod of the namespace without its own ServiceAccount uses' },
  remediation:
    'Create a dedicated ServiceAccount for the workload that needs the role, bind the role to it, and set serviceAccountName in that workload\'s pod template.',
  docs: [
    'A role bound to a default ServiceAccount is silently held by every pod of the namespace that names no ServiceAccount.',
    '',
    'Pods that do not set `serviceAccountName` run as the namespace\'s `default` ServiceAccount. A',
    'role bound to it is therefore held by every such pod, including ones added later for unrelated',
    'purposes. CIS 5.1.5 asks that default ServiceAccounts are not actively used.',
    '',
    'The check reports each binding subject of kind ServiceAccount named `default`.',
  ].join('\n'),
  evaluate: ({ resource, report }) => {
    if (!isRbacObject(resource) || isBootstrapObject(resource)) return;
    const ref = roleRefOf(resource);
    for (const subject of subjectsOf(resource)) {
      if (subject.kind !== 'ServiceAccount' || subject.name !== 'default') continue;
      report({
        messageId: 'defaultServiceAccount',
        data: { binding: describeRbacObject(resource), role: ref ? `${ref.kind} ${ref.name}` : 'its role', subject: describeSubject(subject, resource.namespace) },
        path: subject.pointer,
      });
    }
  },
});
