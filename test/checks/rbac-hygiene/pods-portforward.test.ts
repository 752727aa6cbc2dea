import { describe } from 'vitest';
import check from '../../../src/checks/rbac-hygiene/pods-portforward.js';
import { checkTester } from '../../support/check-tester.js';

const role = (rules: string, kind = 'Role'): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: r${kind === 'Role' ? ', namespace: shop' : ''}}
rules:
${rules}`;

describe('pods-portforward', () => {
  checkTester.run(check, {
    valid: [
      { manifest: role('  - {apiGroups: [""], resources: [pods], verbs: [get, list]}') },
    ],
    invalid: [
      { manifest: role('  - {apiGroups: [""], resources: [services]}\n  - {apiGroups: [""], resources: [pods/portforward], verbs: [create]}'), errors: [{ messageId: 'grants', path: '/rules/1' }] },
    ],
  });
});
