/**
 * Hand-made service-account token Secrets: a Secret of type `kubernetes.io/service-account-token`.
 * The token controller fills it with a token that never expires and is bound to no pod. Since
 * Kubernetes 1.24 none are created automatically; pods get short-lived projected tokens, and
 * `kubectl create token` or the TokenRequest API serve everything else.
 */
import { defineCheck } from '../../engine/types.js';
import { HIPAA, NSA, attack, pci, soc2 } from '../workload/controls.js';
import { stringAt } from '../workload/helpers.js';

export default defineCheck<'longLivedToken'>({
  id: 'secrets.service-account-token-secret',
  title: 'Long-lived service-account token Secret',
  domain: 'secrets',
  // medium: the token is only exposed to those who can read Secrets in the namespace, but once copied it works until someone deletes the Secret.
  severity: 'medium',
  scope: 'resource',
  match: ['Secret'],
  controls: [NSA.serviceAccountTokens, NSA.secrets, attack('T1528'), attack('T1552.007'), pci('8.6.3'), pci('8.3.9'), soc2('CC6.1'), soc2('CC6.2'), HIPAA.authentication],
  messages: {
    longLivedToken: 'Secret "{{name}}" requests a non-expiring token for ServiceAccount "{{serviceAccount}}"',
  },
  remediation:
    'Delete the Secret. Give pods projected, auto-rotated tokens (the default), and give external clients short-lived tokens from `kubectl create token` or the TokenRequest API, or workload identity federation.',
  docs: [
    'A Secret of type `kubernetes.io/service-account-token` holds a token that never expires',
    'and is bound to no pod: whoever reads it once keeps API access until the Secret is',
    'deleted.',
    '',
    'A Secret of type `kubernetes.io/service-account-token` asks the token controller to mint',
    'a token for the ServiceAccount named in its `kubernetes.io/service-account.name`',
    'annotation. That token has no expiry and no audience or pod binding: anyone who ever',
    'reads the Secret (a broad `get secrets` role, a backup, a debug dump) keeps working API',
    'access until the Secret is deleted. Since Kubernetes 1.24 such Secrets are no longer',
    'created automatically, and pods use projected tokens that expire and rotate.',
    '',
    '```sh',
    '# short-lived token for an external client instead of a token Secret',
    'kubectl create token ci-deployer --namespace ci --duration 1h',
    '```',
  ].join('\n'),
  evaluate(ctx) {
    if (stringAt(ctx.resource.body, 'type') !== 'kubernetes.io/service-account-token') return;
    const serviceAccount = ctx.resource.annotations['kubernetes.io/service-account.name'] ?? '';
    ctx.report({ messageId: 'longLivedToken', data: { name: ctx.resource.name, serviceAccount }, path: '/type' });
  },
});
