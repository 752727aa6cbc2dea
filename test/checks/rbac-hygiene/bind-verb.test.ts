import { describe } from 'vitest';
import check from '../../../src/checks/rbac-hygiene/bind-verb.js';
import { checkTester } from '../../support/check-tester.js';

const role = (rules: string, kind = 'ClusterRole'): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: r${kind === 'Role' ? ', namespace: shop' : ''}}
rules:
${rules}`;

describe('bind-verb', () => {
  checkTester.run(check, {
    valid: [
      { manifest: role('  - {apiGroups: [rbac.authorization.k8s.io], resources: [rolebindings], verbs: [create]}') },
    ],
    invalid: [
      { manifest: role('  - {apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], resourceNames: [view], verbs: [bind]}'), errors: [{ messageId: 'grants', path: '/rules/0', data: { permission: 'bind clusterroles' } }] },
    ],
  });
});
