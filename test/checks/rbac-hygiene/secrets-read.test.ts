import { describe } from 'vitest';
import check from '../../../src/checks/rbac-hygiene/secrets-read.js';
import { checkTester } from '../../support/check-tester.js';

const role = (rules: string, kind = 'Role'): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: r${kind === 'Role' ? ', namespace: shop' : ''}}
rules:
${rules}`;

describe('secrets-read', () => {
  checkTester.run(check, {
    valid: [
      { manifest: role('  - {apiGroups: [""], resources: [configmaps], verbs: [get, list, watch]}') },
      { name: 'named secret', manifest: role('  - {apiGroups: [""], resources: [secrets], resourceNames: [app-tls], verbs: [get]}') },
      { name: 'other group', manifest: role('  - {apiGroups: [apps], resources: [secrets], verbs: [get]}') },
      { name: 'full wildcard rule (reported by rbac.full-wildcard-rule)', manifest: role('  - {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}', 'ClusterRole') },
      { name: 'default role', manifest: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: admin, labels: {kubernetes.io/bootstrapping: rbac-defaults}}\nrules:\n  - {apiGroups: [""], resources: [secrets], verbs: [get]}' },
    ],
    invalid: [
      { manifest: role('  - {apiGroups: [""], resources: [pods], verbs: [get]}\n  - {apiGroups: [""], resources: [secrets], verbs: [list]}'), errors: [{ messageId: 'grants', path: '/rules/1', data: { permission: 'list secrets' } }] },
      { name: 'wildcards', manifest: role('  - {apiGroups: [""], resources: ["*"], verbs: ["*"]}', 'ClusterRole'), errors: [{ messageId: 'grantsViaWildcard', path: '/rules/0', data: { permission: 'get secrets' } }] },
    ],
  });
});
