import { describe } from 'vitest';
import check from '../../../src/checks/rbac-hygiene/anonymous-binding.js';
import { checkTester } from '../../support/check-tester.js';

const binding = (subjects: string, name = 'b', role = 'view'): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ${name}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${role}}
subjects:
${subjects}`;

describe('anonymous-binding', () => {
  checkTester.run(check, {
    valid: [
      { manifest: binding('  - {kind: User, name: alice}') },
      { name: 'default public-info-viewer', manifest: binding('  - {kind: Group, name: system:unauthenticated}', 'system:public-info-viewer', 'system:public-info-viewer') },
    ],
    invalid: [
      {
        manifest: binding('  - {kind: User, name: alice}\n  - {kind: User, name: system:anonymous}', 'b', 'cluster-admin'),
        errors: [{ messageId: 'anonymous', path: '/subjects/1', data: { role: 'ClusterRole cluster-admin', subject: 'User system:anonymous' } }],
      },
      { manifest: binding('  - {kind: Group, name: system:unauthenticated}'), errors: [{ messageId: 'anonymous', path: '/subjects/0' }] },
    ],
  });
});
