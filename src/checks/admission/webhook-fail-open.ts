/**
 * Control: security policy webhooks fail closed.
 * Restricted field: webhooks[*].failurePolicy of a Validating/MutatingWebhookConfiguration that
 * belongs to a security product (see webhooks.ts). Not allowed: Ignore — explicit, or the
 * v1beta1 default.
 */
import { defineCheck } from '../../engine/types.js';
import { fieldPointer, WEBHOOK_KINDS, webhooksOf } from './webhooks.js';

export default defineCheck<'failOpen'>({
  id: 'admission.webhook-fail-open',
  title: 'Security webhook fails open',
  // medium: policy is bypassed whenever the webhook is slow or down, which an attacker can provoke; it still needs a second step.
  severity: 'medium',
  scope: 'resource',
  match: WEBHOOK_KINDS,
  domain: 'admission',
  controls: [
    { framework: 'cis-k8s', id: '5.2.1' },
    { framework: 'nsa-cisa', id: 'pod-security-enhancements' },
    { framework: 'mitre-attack', id: 'T1562.001' },
    { framework: 'pci-dss', id: '6.5.1' },
    { framework: 'soc2', id: 'CC7.2' },
  ],
  messages: { failOpen: '{{product}} webhook {{webhook}} has failurePolicy Ignore{{defaulted}}: objects are admitted unchecked when it is unavailable' },
  remediation:
    'Set failurePolicy: Fail on the security webhook, run its backend with several replicas and a PodDisruptionBudget, and exclude kube-system with a namespaceSelector so that an outage cannot block the control plane.',
  docs: [
    'A security webhook that fails open lets policy be bypassed whenever it is slow or down, which an attacker can provoke.',
    '',
    'With `failurePolicy: Ignore`, the API server admits an object unchecked whenever the webhook',
    'does not answer in time: during an outage, an upgrade, or a denial of service an attacker',
    'provokes on purpose. For a webhook that enforces security policy this turns every control it',
    'implements into a best effort.',
    '',
    'The check reports each webhook of a security product (Kyverno, Gatekeeper, Kubewarden, OPA,',
    'jsPolicy, Polaris, NeuVector, Rampart…, or any configuration annotated',
    '`rampart.dev/security-webhook: "true"`) whose effective failurePolicy is `Ignore`, including',
    'the `admissionregistration.k8s.io/v1beta1` default.',
  ].join('\n'),
  evaluate: ({ resource, report }) => {
    for (const entry of webhooksOf(resource)) {
      if (!entry.product || entry.failurePolicy !== 'Ignore') continue;
      const explicit = 'failurePolicy' in entry.webhook;
      report({
        messageId: 'failOpen',
        data: { product: entry.product, webhook: entry.name, defaulted: explicit ? '' : ' (the v1beta1 default)' },
        path: fieldPointer(entry, 'failurePolicy'),
      });
    }
  },
});
