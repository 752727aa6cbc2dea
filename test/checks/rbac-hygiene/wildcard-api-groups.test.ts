import { describe } from 'vitest';
import check from '../../../src/checks/rbac-hygiene/wildcard-api-groups.js';
import { checkTester } from '../../support/check-tester.js';

const role = (rules: string, kind = 'ClusterRole'): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: r${kind === 'Role' ? ', namespace: shop' : ''}}
rules:
${rules}`;

describe('wildcard-api-groups', () => {
  checkTester.run(check, {
    valid: [
      { manifest: role('  - {apiGroups: ["", apps], resources: ["*"], verbs: ["*"]}') },
    ],
    invalid: [
      { manifest: role('  - {apiGroups: [apps, "*"], resources: [deployments], verbs: [get]}'), errors: [{ messageId: 'wildcardGroup', path: '/rules/0/apiGroups/1' }] },
    ],
  });
});
