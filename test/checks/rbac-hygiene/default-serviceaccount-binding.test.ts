import { describe } from 'vitest';
import check from '../../../src/checks/rbac-hygiene/default-serviceaccount-binding.js';
import { checkTester } from '../../support/check-tester.js';

const binding = (subjects: string): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: b, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects:
${subjects}`;

describe('default-serviceaccount-binding', () => {
  checkTester.run(check, {
    valid: [{ manifest: binding('  - {kind: ServiceAccount, name: cart}') }, { name: 'a user called default', manifest: binding('  - {kind: User, name: default}') }],
    invalid: [
      {
        manifest: binding('  - {kind: ServiceAccount, name: cart}\n  - {kind: ServiceAccount, name: default}'),
        errors: [{ messageId: 'defaultServiceAccount', path: '/subjects/1', data: { subject: 'ServiceAccount shop/default', role: 'Role reader' } }],
      },
    ],
  });
});
