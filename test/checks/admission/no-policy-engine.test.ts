import { describe } from 'vitest';
import check from '../../../src/checks/admission/no-policy-engine.js';
import { checkTester } from '../../support/check-tester.js';

const namespaces = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: billing}';
const deployment = (name: string, image: string): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: tools}
spec:
  selector: {matchLabels: {app: x}}
  template:
    metadata: {labels: {app: x}}
    spec: {containers: [{name: c, image: ${image}}]}`;
const vap = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: no-latest}
spec: {validations: [{expression: "true"}]}`;
const vapBinding = (policy: string): string => `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: no-latest}
spec: {policyName: ${policy}, validationActions: [Deny]}`;

describe('no-policy-engine', () => {
  checkTester.run(check, {
    valid: [
      { name: 'Kyverno policy', manifest: namespaces, inventory: 'apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata: {name: p}\nspec: {rules: []}' },
      { name: 'Gatekeeper controller image', manifest: namespaces, inventory: deployment('policy-controller', 'openpolicyagent/gatekeeper:v3.16.0') },
      { name: 'Kyverno Deployment by name', manifest: namespaces, inventory: deployment('kyverno-admission-controller', 'example/custom:1') },
      { name: 'Gatekeeper ConstraintTemplate', manifest: namespaces, inventory: 'apiVersion: templates.gatekeeper.sh/v1\nkind: ConstraintTemplate\nmetadata: {name: k8srequiredlabels}' },
      { name: 'bound ValidatingAdmissionPolicy', manifest: namespaces, inventory: `${vap}\n---\n${vapBinding('no-latest')}` },
      { name: 'application manifests only (no Namespace)', manifest: deployment('web', 'nginx:1.27') },
    ],
    invalid: [
      { manifest: namespaces, errors: [{ messageId: 'noEngine', path: '', resource: 'Namespace billing' }] },
      { name: 'unbound ValidatingAdmissionPolicy', manifest: namespaces, inventory: `${vap}\n---\n${vapBinding('other')}`, errors: [{ messageId: 'noEngine', path: '' }] },
      { name: 'policy kind of another group', manifest: namespaces, inventory: 'apiVersion: example.com/v1\nkind: ClusterPolicy\nmetadata: {name: p}', errors: [{ messageId: 'noEngine', path: '' }] },
    ],
  });
});
