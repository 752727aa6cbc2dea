import { describe } from 'vitest';
import check from '../../../src/checks/admission/webhook-fail-open.js';
import { checkTester } from '../../support/check-tester.js';

const config = (name: string, webhooks: string, apiVersion = 'admissionregistration.k8s.io/v1', annotations = '{}'): string => `apiVersion: ${apiVersion}
kind: ValidatingWebhookConfiguration
metadata: {name: ${name}, annotations: ${annotations}}
webhooks:
${webhooks}`;

describe('webhook-fail-open', () => {
  checkTester.run(check, {
    valid: [
      { manifest: config('kyverno-resource-validating-webhook-cfg', '  - {name: validate.kyverno.svc-fail, failurePolicy: Fail}') },
      { name: 'v1 default is Fail', manifest: config('gatekeeper-validating-webhook-configuration', '  - {name: validation.gatekeeper.sh}') },
      { name: 'not a security webhook', manifest: config('cert-manager-webhook', '  - {name: webhook.cert-manager.io, failurePolicy: Ignore}') },
    ],
    invalid: [
      {
        manifest: config('kyverno-resource-validating-webhook-cfg', '  - {name: validate.kyverno.svc-fail, failurePolicy: Fail}\n  - {name: validate.kyverno.svc-ignore, failurePolicy: Ignore}'),
        errors: [{ messageId: 'failOpen', path: '/webhooks/1/failurePolicy', data: { product: 'Kyverno', webhook: 'validate.kyverno.svc-ignore' } }],
      },
      {
        name: 'recognised by the backing Service',
        manifest: config('policies', '  - name: check.example.com\n    failurePolicy: Ignore\n    clientConfig: {service: {namespace: gatekeeper-system, name: gatekeeper-webhook-service}}'),
        errors: [{ messageId: 'failOpen', path: '/webhooks/0/failurePolicy', data: { product: 'Gatekeeper' } }],
      },
      {
        name: 'v1beta1 defaults to Ignore',
        manifest: config('gatekeeper-validating-webhook-configuration', '  - {name: validation.gatekeeper.sh}', 'admissionregistration.k8s.io/v1beta1'),
        errors: [{ messageId: 'failOpen', path: '/webhooks/0', data: { defaulted: ' (the v1beta1 default)' } }],
      },
      {
        name: 'opt-in annotation',
        manifest: config('in-house-guard', '  - {name: guard.example.com, failurePolicy: Ignore}', 'admissionregistration.k8s.io/v1', '{rampart.dev/security-webhook: "true"}'),
        errors: [{ messageId: 'failOpen', path: '/webhooks/0/failurePolicy' }],
      },
    ],
  });
});
