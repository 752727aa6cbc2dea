import { describe } from 'vitest';
import check from '../../../src/checks/rbac-hygiene/csr-approval.js';
import { checkTester } from '../../support/check-tester.js';

const role = (rules: string, kind = 'ClusterRole'): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: r${kind === 'Role' ? ', namespace: shop' : ''}}
rules:
${rules}`;

describe('csr-approval', () => {
  checkTester.run(check, {
    valid: [
      { manifest: role('  - {apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests], verbs: [get, list, create]}') },
    ],
    invalid: [
      { manifest: role('  - {apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests/approval], verbs: [update]}\n  - {apiGroups: [certificates.k8s.io], resources: [signers], resourceNames: [kubernetes.io/kube-apiserver-client], verbs: [approve]}'), errors: [{ messageId: 'grants', path: '/rules/0' }, { messageId: 'grants', path: '/rules/1', data: { permission: 'approve signers' } }] },
    ],
  });
});
