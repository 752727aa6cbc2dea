import { describe } from 'vitest';
import check from '../../../src/checks/rbac-hygiene/impersonate-verb.js';
import { checkTester } from '../../support/check-tester.js';

const role = (rules: string, kind = 'ClusterRole'): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: r${kind === 'Role' ? ', namespace: shop' : ''}}
rules:
${rules}`;

describe('impersonate-verb', () => {
  checkTester.run(check, {
    valid: [
      { manifest: role('  - {apiGroups: [""], resources: [users, groups], verbs: [get, list]}') },
    ],
    invalid: [
      { manifest: role('  - {apiGroups: [""], resources: [groups], resourceNames: [system:masters], verbs: [impersonate]}'), errors: [{ messageId: 'grants', path: '/rules/0', data: { permission: 'impersonate groups' } }] },
      { manifest: role('  - {apiGroups: [authentication.k8s.io], resources: [userextras/scopes], verbs: [impersonate]}'), errors: [{ messageId: 'grants', path: '/rules/0' }] },
    ],
  });
});
