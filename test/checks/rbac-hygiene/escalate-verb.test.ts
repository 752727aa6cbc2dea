import { describe } from 'vitest';
import check from '../../../src/checks/rbac-hygiene/escalate-verb.js';
import { checkTester } from '../../support/check-tester.js';

const role = (rules: string, kind = 'ClusterRole'): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: r${kind === 'Role' ? ', namespace: shop' : ''}}
rules:
${rules}`;

describe('escalate-verb', () => {
  checkTester.run(check, {
    valid: [
      { manifest: role('  - {apiGroups: [rbac.authorization.k8s.io], resources: [roles], verbs: [get, list]}') },
    ],
    invalid: [
      { manifest: role('  - {apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [escalate]}'), errors: [{ messageId: 'grants', path: '/rules/0', data: { permission: 'escalate clusterroles' } }] },
      { manifest: role('  - {apiGroups: [rbac.authorization.k8s.io], resources: [roles], verbs: ["*"]}', 'Role'), errors: [{ messageId: 'grantsViaWildcard', path: '/rules/0' }] },
    ],
  });
});
