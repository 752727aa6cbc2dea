import { describe } from 'vitest';
import check from '../../../src/checks/admission/validating-policy-unbound.js';
import { checkTester } from '../../support/check-tester.js';

const policy = (name: string): string => `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: ${name}}
spec: {validations: [{expression: "true"}]}`;
const binding = (policyName: string): string => `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: bind-${policyName}}
spec: {policyName: ${policyName}, validationActions: [Deny]}`;

describe('validating-policy-unbound', () => {
  checkTester.run(check, {
    valid: [
      { manifest: policy('no-latest'), inventory: binding('no-latest') },
      { name: 'a policy library without any binding', manifest: policy('no-latest') },
    ],
    invalid: [
      {
        manifest: `${policy('no-latest')}\n---\n${policy('require-limits')}`,
        inventory: binding('no-latest'),
        errors: [{ messageId: 'unbound', path: '/metadata/name', resource: 'ValidatingAdmissionPolicy require-limits' }],
      },
    ],
  });
});
