import { describe } from 'vitest';
import check from '../../../src/checks/rbac-hygiene/kube-system-write.js';
import { checkTester } from '../../support/check-tester.js';

const role = (rules: string, namespace = 'kube-system', name = 'r'): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: ${name}, namespace: ${namespace}}
rules:
${rules}`;
const binding = (clusterRole: string): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: b, namespace: kube-system}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${clusterRole}}
subjects: [{kind: User, name: ops}]`;
const clusterRole = (name: string, verbs: string): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: ${name}}
rules: [{apiGroups: [""], resources: [configmaps], verbs: [${verbs}]}]`;

describe('kube-system-write', () => {
  checkTester.run(check, {
    valid: [
      { manifest: role('  - {apiGroups: [""], resources: [configmaps], verbs: [get, list]}') },
      { name: 'another namespace', manifest: role('  - {apiGroups: [""], resources: [configmaps], verbs: [update]}', 'shop') },
      { name: 'control-plane role', manifest: role('  - {apiGroups: [""], resources: [configmaps], verbs: [update]}', 'kube-system', 'system:controller:bootstrap-signer') },
      { name: 'binding to a read-only role', manifest: binding('view') },
      { name: 'binding to a read-only role in the inventory', manifest: binding('reader'), inventory: clusterRole('reader', 'get') },
    ],
    invalid: [
      {
        manifest: role('  - {apiGroups: [""], resources: [pods], verbs: [get]}\n  - {apiGroups: [""], resources: [secrets], verbs: ["*"]}'),
        errors: [{ messageId: 'roleWrites', path: '/rules/1', data: { verb: 'create' } }],
      },
      { name: 'binding to edit', manifest: binding('edit'), errors: [{ messageId: 'bindingWrites', path: '/roleRef' }] },
      { name: 'binding to a writing role in the inventory', manifest: binding('cm-writer'), inventory: clusterRole('cm-writer', 'patch'), errors: [{ messageId: 'bindingWrites', path: '/roleRef', resource: 'RoleBinding kube-system/b' }] },
    ],
  });
});
