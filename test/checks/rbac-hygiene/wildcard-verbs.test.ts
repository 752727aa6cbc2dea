import { describe } from 'vitest';
import check from '../../../src/checks/rbac-hygiene/wildcard-verbs.js';
import { checkTester } from '../../support/check-tester.js';

const role = (rules: string, kind = 'Role'): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: r${kind === 'Role' ? ', namespace: shop' : ''}}
rules:
${rules}`;

describe('wildcard-verbs', () => {
  checkTester.run(check, {
    valid: [
      { manifest: role('  - {apiGroups: [""], resources: ["*"], verbs: [get]}') },
      { name: 'full wildcard rule (reported by rbac.full-wildcard-rule)', manifest: role('  - {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}') },
      { name: 'not RBAC', manifest: 'apiVersion: example.com/v1\nkind: Role\nmetadata: {name: r, namespace: shop}\nrules:\n  - {verbs: ["*"]}' },
    ],
    invalid: [
      { manifest: role('  - {apiGroups: [""], resources: [pods], verbs: [get]}\n  - {apiGroups: [""], resources: [pods], verbs: [get, "*"]}'), errors: [{ messageId: 'wildcardVerb', path: '/rules/1/verbs/1' }] },
    ],
  });
});
