import { describe } from 'vitest';
import check from '../../../src/checks/rbac-hygiene/full-wildcard-rule.js';
import { checkTester } from '../../support/check-tester.js';

const role = (rules: string, kind = 'ClusterRole'): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: r${kind === 'Role' ? ', namespace: shop' : ''}}
rules:
${rules}`;

describe('full-wildcard-rule', () => {
  checkTester.run(check, {
    valid: [
      { manifest: role('  - {apiGroups: ["*"], resources: ["*"], verbs: [get, list, watch]}') },
      { manifest: role('  - {apiGroups: [""], resources: ["*"], verbs: ["*"]}') },
    ],
    invalid: [
      { manifest: role('  - {apiGroups: [""], resources: [pods], verbs: [get]}\n  - {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}'), errors: [{ messageId: 'clusterWide', path: '/rules/1' }] },
      { manifest: role('  - {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}', 'Role'), errors: [{ messageId: 'namespaced', path: '/rules/0', data: { namespace: 'shop' } }] },
    ],
  });
});
