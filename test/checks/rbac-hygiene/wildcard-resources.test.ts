import { describe } from 'vitest';
import check from '../../../src/checks/rbac-hygiene/wildcard-resources.js';
import { checkTester } from '../../support/check-tester.js';

const role = (rules: string, kind = 'Role'): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: r${kind === 'Role' ? ', namespace: shop' : ''}}
rules:
${rules}`;

describe('wildcard-resources', () => {
  checkTester.run(check, {
    valid: [
      { manifest: role('  - {apiGroups: ["*"], resources: [pods], verbs: ["*"]}') },
    ],
    invalid: [
      { manifest: role('  - {apiGroups: [""], resources: ["*"], verbs: [get]}'), errors: [{ messageId: 'wildcardResource', path: '/rules/0/resources/0' }] },
      { manifest: role('  - {nonResourceURLs: ["*"], verbs: [get]}', 'ClusterRole'), errors: [{ messageId: 'wildcardUrl', path: '/rules/0/nonResourceURLs/0' }] },
    ],
  });
});
