import { describe } from 'vitest';
import check from '../../../src/checks/rbac-hygiene/persistentvolumes-create.js';
import { checkTester } from '../../support/check-tester.js';

const role = (rules: string, kind = 'ClusterRole'): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: r${kind === 'Role' ? ', namespace: shop' : ''}}
rules:
${rules}`;

describe('persistentvolumes-create', () => {
  checkTester.run(check, {
    valid: [
      { manifest: role('  - {apiGroups: [""], resources: [persistentvolumeclaims], verbs: [create]}') },
    ],
    invalid: [
      { manifest: role('  - {apiGroups: [""], resources: [persistentvolumes], verbs: [create, delete]}'), errors: [{ messageId: 'grants', path: '/rules/0', data: { permission: 'create persistentvolumes' } }] },
    ],
  });
});
