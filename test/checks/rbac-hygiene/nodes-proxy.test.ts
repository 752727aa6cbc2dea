import { describe } from 'vitest';
import check from '../../../src/checks/rbac-hygiene/nodes-proxy.js';
import { checkTester } from '../../support/check-tester.js';

const role = (rules: string, kind = 'ClusterRole'): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: r${kind === 'Role' ? ', namespace: shop' : ''}}
rules:
${rules}`;

describe('nodes-proxy', () => {
  checkTester.run(check, {
    valid: [
      { manifest: role('  - {apiGroups: [""], resources: [nodes/metrics, nodes/stats], verbs: [get]}') },
      { name: 'a Role cannot grant nodes', manifest: role('  - {apiGroups: [""], resources: [nodes/proxy], verbs: [get]}', 'Role') },
    ],
    invalid: [
      { manifest: role('  - {apiGroups: [""], resources: [nodes/proxy], verbs: [get]}'), errors: [{ messageId: 'grants', path: '/rules/0', data: { permission: 'get nodes/proxy' } }] },
    ],
  });
});
