/**
 * Control: security policy webhooks answer quickly.
 * Restricted field: webhooks[*].timeoutSeconds of a security product's webhook configuration.
 * Allowed: at most `maxTimeoutSeconds` (default 10, the v1 default); the v1beta1 default (30) is
 * reported when the field is absent.
 */
import { defineCheck } from '../../engine/types.js';
import { fieldPointer, WEBHOOK_KINDS, webhooksOf } from './webhooks.js';

export interface TimeoutOptions {
  maxTimeoutSeconds: number;
}

export default defineCheck<'tooLong', TimeoutOptions>({
  id: 'admission.webhook-timeout-too-long',
  title: 'Security webhook timeout above 10 seconds',
  // low: availability hygiene; slow webhooks stall API requests and controllers, and tempt operators to fail open.
  severity: 'low',
  scope: 'resource',
  match: WEBHOOK_KINDS,
  domain: 'admission',
  defaultOptions: { maxTimeoutSeconds: 10 },
  controls: [
    { framework: 'nsa-cisa', id: 'pod-security-enhancements' },
    { framework: 'hipaa', id: '164.308(a)(7)(i)' },
    { framework: 'soc2', id: 'A1.1' },
  ],
  messages: { tooLong: '{{product}} webhook {{webhook}} waits up to {{seconds}}s{{defaulted}}, more than {{max}}s' },
  remediation:
    'Set timeoutSeconds to 10 or less on the webhook and make the backend answer well within it; scale the webhook Deployment rather than raising the timeout.',
  docs: [
    'A slow security webhook stalls API requests and controllers, and tempts operators to make it fail open.',
    '',
    'Each admission request waits for the webhook up to `timeoutSeconds` (at most 30). A slow policy',
    'backend then delays every matching API request, rollouts stall, controllers back off, and the',
    'usual reaction under pressure is to switch the webhook to fail open.',
    '',
    'The check reports security-product webhooks whose effective timeout exceeds `maxTimeoutSeconds`',
    '(default 10, the v1 default). In `admissionregistration.k8s.io/v1beta1` an absent timeout',
    'defaults to 30 seconds and is reported.',
  ].join('\n'),
  evaluate: ({ resource, options, report }) => {
    for (const entry of webhooksOf(resource)) {
      if (!entry.product || entry.timeoutSeconds <= options.maxTimeoutSeconds) continue;
      const explicit = 'timeoutSeconds' in entry.webhook;
      report({
        messageId: 'tooLong',
        data: { product: entry.product, webhook: entry.name, seconds: entry.timeoutSeconds, max: options.maxTimeoutSeconds, defaulted: explicit ? '' : ' (the v1beta1 default)' },
        path: fieldPointer(entry, 'timeoutSeconds'),
      });
    }
  },
});
