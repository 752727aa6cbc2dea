import { describe } from 'vitest';
import check from '../../../src/checks/rbac-hygiene/webhook-config-write.js';
import { checkTester } from '../../support/check-tester.js';

const role = (rules: string, kind = 'ClusterRole'): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: r${kind === 'Role' ? ', namespace: shop' : ''}}
rules:
${rules}`;

describe('webhook-config-write', () => {
  checkTester.run(check, {
    valid: [
      { manifest: role('  - {apiGroups: [admissionregistration.k8s.io], resources: [validatingwebhookconfigurations], verbs: [get, list, watch]}') },
    ],
    invalid: [
      { manifest: role('  - {apiGroups: [admissionregistration.k8s.io], resources: [mutatingwebhookconfigurations], verbs: [patch]}'), errors: [{ messageId: 'grants', path: '/rules/0', data: { permission: 'patch mutatingwebhookconfigurations' } }] },
    ],
  });
});
