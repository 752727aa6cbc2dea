import { describe } from 'vitest';
import check from '../../../src/checks/rbac-hygiene/pods-exec.js';
import { checkTester } from '../../support/check-tester.js';

const role = (rules: string, kind = 'Role'): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: r${kind === 'Role' ? ', namespace: shop' : ''}}
rules:
${rules}`;

describe('pods-exec', () => {
  checkTester.run(check, {
    valid: [
      { manifest: role('  - {apiGroups: [""], resources: [pods, pods/log], verbs: [get, create]}') },
    ],
    invalid: [
      { manifest: role('  - {apiGroups: [""], resources: [pods/exec], verbs: [create]}'), errors: [{ messageId: 'grants', path: '/rules/0', data: { permission: 'create pods/exec' } }] },
      { name: 'subresource wildcard', manifest: role('  - {apiGroups: [""], resources: ["*/exec"], verbs: [get]}', 'ClusterRole'), errors: [{ messageId: 'grantsViaWildcard', path: '/rules/0' }] },
    ],
  });
});
