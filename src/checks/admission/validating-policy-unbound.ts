/**
 * Control: every ValidatingAdmissionPolicy is bound; a policy without a
 * ValidatingAdmissionPolicyBinding that names it is never evaluated.
 * Looks at: ValidatingAdmissionPolicies and the bindings of the inventory
 * (spec.policyName).
 */
import { defineCheck } from '../../engine/types.js';
import { isJsonObject } from '../../model/types.js';

const GROUP_PREFIX = 'admissionregistration.k8s.io/';

export default defineCheck<'unbound'>({
  id: 'admission.validating-policy-unbound',
  title: 'ValidatingAdmissionPolicy without a binding',
  // low: the policy looks like a control in review but enforces nothing.
  severity: 'low',
  scope: 'inventory',
  match: ['ValidatingAdmissionPolicy'],
  domain: 'admission',
  controls: [
    { framework: 'cis-k8s', id: '5.2.1' },
    { framework: 'nsa-cisa', id: 'pod-security-enhancements' },
    { framework: 'soc2', id: 'CC8.1' },
  ],
  messages: { unbound: 'ValidatingAdmissionPolicy {{name}} has no ValidatingAdmissionPolicyBinding: it is never evaluated' },
  remediation:
    'Create a ValidatingAdmissionPolicyBinding with spec.policyName set to the policy, the namespaces it applies to and validationActions [Deny], or delete the unused policy.',
  docs: [
    'An unbound ValidatingAdmissionPolicy looks like a control in review but is never evaluated.',
    '',
    'A ValidatingAdmissionPolicy does nothing on its own: the API server evaluates it only for',
    'requests matched by a ValidatingAdmissionPolicyBinding whose `spec.policyName` names it.',
    '',
    'The check reports each ValidatingAdmissionPolicy in the input that no binding in the input',
    'names. When the input holds no binding at all (for example a policy library scanned on its',
    'own), nothing is reported.',
  ].join('\n'),
  evaluate: ({ inventory, report }) => {
    const bindings = inventory.ofKind('ValidatingAdmissionPolicyBinding').filter((b) => b.apiVersion.startsWith(GROUP_PREFIX));
    if (bindings.length === 0) return;
    const bound = new Set(
      bindings.flatMap((b) => {
        const spec = b.body['spec'];
        return isJsonObject(spec) && typeof spec['policyName'] === 'string' ? [spec['policyName']] : [];
      }),
    );
    for (const policy of inventory.ofKind('ValidatingAdmissionPolicy')) {
      if (!policy.apiVersion.startsWith(GROUP_PREFIX) || bound.has(policy.name)) continue;
      report({ resource: policy, messageId: 'unbound', data: { name: policy.name }, path: '/metadata/name' });
    }
  },
});
