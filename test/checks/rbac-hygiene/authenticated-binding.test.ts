import { describe } from 'vitest';
import check from '../../../src/checks/rbac-hygiene/authenticated-binding.js';
import { checkTester } from '../../support/check-tester.js';

const binding = (subjects: string, name = 'b', role = 'view', kind = 'ClusterRoleBinding'): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: ${name}${kind === 'RoleBinding' ? ', namespace: shop' : ''}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${role}}
subjects:
${subjects}`;

describe('authenticated-binding', () => {
  checkTester.run(check, {
    valid: [
      { manifest: binding('  - {kind: Group, name: developers}') },
      { name: 'default discovery binding', manifest: binding('  - {kind: Group, name: system:authenticated}', 'system:discovery', 'system:discovery') },
    ],
    invalid: [
      { manifest: binding('  - {kind: Group, name: system:authenticated}'), errors: [{ messageId: 'authenticated', path: '/subjects/0', data: { role: 'ClusterRole view' } }] },
      { manifest: binding('  - {kind: User, name: a}\n  - {kind: Group, name: system:authenticated}', 'b', 'edit', 'RoleBinding'), errors: [{ messageId: 'authenticated', path: '/subjects/1' }] },
    ],
  });
});
