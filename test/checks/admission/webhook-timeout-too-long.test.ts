import { describe } from 'vitest';
import check from '../../../src/checks/admission/webhook-timeout-too-long.js';
import { checkTester } from '../../support/check-tester.js';

const config = (webhooks: string, apiVersion = 'admissionregistration.k8s.io/v1', name = 'kyverno-resource-validating-webhook-cfg'): string => `apiVersion: ${apiVersion}
kind: ValidatingWebhookConfiguration
metadata: {name: ${name}}
webhooks:
${webhooks}`;

describe('webhook-timeout-too-long', () => {
  checkTester.run(check, {
    valid: [
      { manifest: config('  - {name: validate.kyverno.svc-fail, timeoutSeconds: 10}') },
      { name: 'v1 default is 10', manifest: config('  - {name: validate.kyverno.svc-fail}') },
      { name: 'not a security webhook', manifest: config('  - {name: webhook.cert-manager.io, timeoutSeconds: 30}', 'admissionregistration.k8s.io/v1', 'cert-manager-webhook') },
      { name: 'higher limit by option', manifest: config('  - {name: validate.kyverno.svc-fail, timeoutSeconds: 15}'), options: { maxTimeoutSeconds: 15 } },
    ],
    invalid: [
      { manifest: config('  - {name: a.kyverno.svc, timeoutSeconds: 5}\n  - {name: b.kyverno.svc, timeoutSeconds: 30}'), errors: [{ messageId: 'tooLong', path: '/webhooks/1/timeoutSeconds', data: { seconds: 30, max: 10 } }] },
      { name: 'v1beta1 defaults to 30', manifest: config('  - {name: a.kyverno.svc}', 'admissionregistration.k8s.io/v1beta1'), errors: [{ messageId: 'tooLong', path: '/webhooks/0', data: { seconds: 30 } }] },
    ],
  });
});
