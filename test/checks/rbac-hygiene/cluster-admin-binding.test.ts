import { describe } from 'vitest';
import check from '../../../src/checks/rbac-hygiene/cluster-admin-binding.js';
import { checkTester } from '../../support/check-tester.js';

const binding = (subjects: string, kind = 'ClusterRoleBinding', role = 'cluster-admin', extra = ''): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: b${kind === 'RoleBinding' ? ', namespace: shop' : ''}${extra}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${role}}
subjects:
${subjects}`;

describe('cluster-admin-binding', () => {
  checkTester.run(check, {
    valid: [
      { manifest: binding('  - {kind: Group, name: system:masters}') },
      { name: 'other role', manifest: binding('  - {kind: User, name: alice}', 'ClusterRoleBinding', 'view') },
      {
        name: 'a ClusterRole in the inventory without an allow-everything rule',
        manifest: binding('  - {kind: User, name: alice}', 'ClusterRoleBinding', 'reader'),
        inventory: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: reader}\nrules: [{apiGroups: ["*"], resources: ["*"], verbs: [get]}]',
      },
      { name: 'allowed group option', manifest: binding('  - {kind: Group, name: platform-admins}'), options: { allowedGroups: ['platform-admins'] } },
      { name: 'default binding', manifest: binding('  - {kind: Group, name: system:masters}', 'ClusterRoleBinding', 'cluster-admin', ', labels: {kubernetes.io/bootstrapping: rbac-defaults}') },
    ],
    invalid: [
      {
        manifest: binding('  - {kind: Group, name: system:masters}\n  - {kind: ServiceAccount, name: ci, namespace: build}'),
        errors: [{ messageId: 'clusterWide', path: '/subjects/1', data: { subject: 'ServiceAccount build/ci' } }],
      },
      {
        name: 'a cluster-admin clone in the inventory',
        manifest: binding('  - {kind: ServiceAccount, name: legacy, namespace: platform}', 'ClusterRoleBinding', 'legacy-admin'),
        inventory: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: legacy-admin}\nrules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]',
        errors: [{ messageId: 'clusterWide', path: '/subjects/0', resource: 'ClusterRoleBinding b', data: { role: 'ClusterRole legacy-admin (every permission, like cluster-admin)' } }],
      },
      {
        manifest: binding('  - {kind: User, name: bob}', 'RoleBinding'),
        errors: [{ messageId: 'namespaced', path: '/subjects/0', data: { namespace: 'shop' } }],
      },
    ],
  });
});
