import { describe } from 'vitest';
import check from '../../../src/checks/rbac-hygiene/serviceaccount-token-create.js';
import { checkTester } from '../../support/check-tester.js';

const role = (rules: string, kind = 'Role'): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: r${kind === 'Role' ? ', namespace: shop' : ''}}
rules:
${rules}`;

describe('serviceaccount-token-create', () => {
  checkTester.run(check, {
    valid: [
      { manifest: role('  - {apiGroups: [""], resources: [serviceaccounts], verbs: [get, create]}') },
    ],
    invalid: [
      { manifest: role('  - {apiGroups: [""], resources: [serviceaccounts/token], verbs: [create]}'), errors: [{ messageId: 'grants', path: '/rules/0', data: { permission: 'create serviceaccounts/token' } }] },
    ],
  });
});
