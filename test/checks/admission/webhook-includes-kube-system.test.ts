import { describe } from 'vitest';
import check from '../../../src/checks/admission/webhook-includes-kube-system.js';
import { checkTester } from '../../support/check-tester.js';

const config = (webhook: string, name = 'gatekeeper-validating-webhook-configuration'): string => `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: ${name}}
webhooks:
  - name: validation.gatekeeper.sh
${webhook}`;
const notInKubeSystem = '    namespaceSelector:\n      matchExpressions: [{key: kubernetes.io/metadata.name, operator: NotIn, values: [kube-system, gatekeeper-system]}]';
const ignoreLabel = '    namespaceSelector:\n      matchExpressions: [{key: admission.gatekeeper.sh/ignore, operator: DoesNotExist}]';
const kubeSystemIgnored = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: kube-system, labels: {admission.gatekeeper.sh/ignore: no-self-managing}}';

describe('webhook-includes-kube-system', () => {
  checkTester.run(check, {
    valid: [
      { manifest: config(notInKubeSystem) },
      { name: 'excluded by a label on the kube-system Namespace', manifest: config(ignoreLabel), inventory: kubeSystemIgnored },
      { name: 'fails open (another check)', manifest: config('    failurePolicy: Ignore') },
      { name: 'cluster-scoped rules only', manifest: config('    rules: [{apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [namespaces], scope: Cluster}]') },
      { name: 'not a security webhook', manifest: config('    failurePolicy: Fail', 'cert-manager-webhook').replace('validation.gatekeeper.sh', 'webhook.cert-manager.io') },
    ],
    invalid: [
      { manifest: config('    failurePolicy: Fail'), errors: [{ messageId: 'includesKubeSystem', path: '/webhooks/0', data: { selector: '(absent: every namespace)' } }] },
      {
        name: 'label selector that kube-system does not carry',
        manifest: config(ignoreLabel),
        errors: [{ messageId: 'includesKubeSystem', path: '/webhooks/0/namespaceSelector', data: { selector: '"!admission.gatekeeper.sh/ignore"' } }],
      },
    ],
  });
});
