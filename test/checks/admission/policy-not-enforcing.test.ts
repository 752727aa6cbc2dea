import { describe } from 'vitest';
import check from '../../../src/checks/admission/policy-not-enforcing.js';
import { checkTester } from '../../support/check-tester.js';

const kyverno = (spec: string): string => `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: {name: require-labels}
spec:
${spec}`;
const validateRule = (name: string, action?: string): string =>
  `    - name: ${name}\n      validate:${action === undefined ? '' : `\n        failureAction: ${action}`}\n        message: "x"`;
const constraint = (action: string): string => `apiVersion: constraints.gatekeeper.sh/v1beta1
kind: K8sRequiredLabels
metadata: {name: must-have-owner}
spec: {enforcementAction: ${action}}`;
const binding = (actions: string): string => `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: b}
spec: {policyName: p, validationActions: ${actions}}`;

describe('policy-not-enforcing', () => {
  checkTester.run(check, {
    valid: [
      { manifest: kyverno(`  validationFailureAction: Enforce\n  rules:\n${validateRule('a')}`) },
      { name: 'per-rule Enforce', manifest: kyverno(`  rules:\n${validateRule('a', 'Enforce')}`) },
      { name: 'mutate-only policy', manifest: kyverno('  rules:\n    - name: m\n      mutate: {patchStrategicMerge: {}}') },
      { name: 'Gatekeeper deny', manifest: constraint('deny') },
      { name: 'binding with Deny', manifest: binding('[Deny, Audit]') },
    ],
    invalid: [
      { manifest: kyverno(`  validationFailureAction: Audit\n  rules:\n${validateRule('a')}`), errors: [{ messageId: 'kyvernoAudit', path: '/spec/validationFailureAction' }] },
      { name: 'Kyverno default', manifest: kyverno(`  rules:\n${validateRule('a')}`), errors: [{ messageId: 'kyvernoDefaultAudit', path: '/spec' }] },
      {
        name: 'per-rule Audit',
        manifest: kyverno(`  validationFailureAction: Enforce\n  rules:\n${validateRule('a', 'Enforce')}\n${validateRule('b', 'Audit')}`),
        errors: [{ messageId: 'kyvernoAudit', path: '/spec/rules/1/validate/failureAction', data: { rule: 'b' } }],
      },
      { manifest: constraint('dryrun'), errors: [{ messageId: 'gatekeeperNotDeny', path: '/spec/enforcementAction', data: { action: 'dryrun' } }] },
      { manifest: binding('[Warn, Audit]'), errors: [{ messageId: 'bindingNotDeny', path: '/spec/validationActions', data: { actions: 'Warn, Audit' } }] },
    ],
  });
});
