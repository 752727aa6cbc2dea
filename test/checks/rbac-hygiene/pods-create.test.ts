import { describe } from 'vitest';
import check from '../../../src/checks/rbac-hygiene/pods-create.js';
import { checkTester } from '../../support/check-tester.js';

const role = (rules: string, kind = 'Role'): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: r${kind === 'Role' ? ', namespace: shop' : ''}}
rules:
${rules}`;

describe('pods-create', () => {
  checkTester.run(check, {
    valid: [
      { manifest: role('  - {apiGroups: [""], resources: [pods], verbs: [get, list, delete]}') },
    ],
    invalid: [
      { manifest: role('  - {apiGroups: [""], resources: [pods], verbs: [create]}'), errors: [{ messageId: 'grants', path: '/rules/0', data: { permission: 'create pods' } }] },
    ],
  });
});
