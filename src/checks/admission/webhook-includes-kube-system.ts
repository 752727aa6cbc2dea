/**
 * Control: fail-closed security webhooks exclude kube-system, so that an outage of the webhook
 * cannot block the control-plane components that would bring it back.
 * Restricted field: webhooks[*].namespaceSelector of a security product's webhook whose effective
 * failurePolicy is Fail. Reported: a selector (or its absence, which selects everything) that
 * matches kube-system's labels — those of the kube-system Namespace in the inventory, plus the
 * automatic kubernetes.io/metadata.name label. Webhooks whose rules all have scope Cluster are
 * skipped.
 */
import { compileLabelSelector, describeSelector, matchesLabelSelector } from '../../analyzers/netpol/selector.js';
import { defineCheck } from '../../engine/types.js';
import { isJsonObject } from '../../model/types.js';
import { fieldPointer, WEBHOOK_KINDS, webhooksOf, type WebhookEntry } from './webhooks.js';

const KUBE_SYSTEM = 'kube-system';

function clusterScopedOnly(entry: WebhookEntry): boolean {
  const rules = entry.webhook['rules'];
  return Array.isArray(rules) && rules.length > 0 && rules.every((r) => isJsonObject(r) && r['scope'] === 'Cluster');
}

export default defineCheck<'includesKubeSystem'>({
  id: 'admission.webhook-includes-kube-system',
  title: 'Fail-closed security webhook does not exclude kube-system',
  // low: an availability risk (a webhook outage can deadlock kube-system), not a direct security weakness.
  severity: 'low',
  scope: 'resource',
  match: WEBHOOK_KINDS,
  domain: 'admission',
  controls: [
    { framework: 'nsa-cisa', id: 'pod-security-enhancements' },
    { framework: 'hipaa', id: '164.308(a)(7)(i)' },
    { framework: 'soc2', id: 'A1.2' },
  ],
  messages: { includesKubeSystem: '{{product}} webhook {{webhook}} fails closed and its namespaceSelector {{selector}} includes kube-system' },
  remediation:
    'Add a namespaceSelector to the webhook with a matchExpressions entry on kubernetes.io/metadata.name, operator NotIn, values [kube-system] (and the webhook\'s own namespace), and protect kube-system by other means such as RBAC and Pod Security labels.',
  docs: [
    'A fail-closed webhook that covers kube-system can deadlock the cluster when its backend is down: an availability risk.',
    '',
    'A webhook with `failurePolicy: Fail` blocks every request it matches while its backend is down.',
    'If it also matches kube-system, the components that would restart the backend (CNI, DNS, the',
    'webhook\'s own pods if they live there) may be unable to start: the cluster deadlocks until',
    'someone deletes the webhook configuration by hand.',
    '',
    'The check evaluates each fail-closed security-product webhook\'s `namespaceSelector` (absent',
    'means every namespace) against kube-system\'s labels — from the kube-system Namespace in the',
    'input when present, plus the automatic `kubernetes.io/metadata.name` label — and reports it',
    'when kube-system matches. Webhooks whose rules only target cluster-scoped resources are',
    'skipped.',
  ].join('\n'),
  evaluate: ({ resource, inventory, report }) => {
    const entries = webhooksOf(resource).filter((e) => e.product && e.failurePolicy === 'Fail' && !clusterScopedOnly(e));
    if (entries.length === 0) return;
    const kubeSystem = inventory.get('Namespace', undefined, KUBE_SYSTEM);
    const labels = { ...(kubeSystem?.labels ?? {}), 'kubernetes.io/metadata.name': KUBE_SYSTEM };
    for (const entry of entries) {
      const selector = entry.webhook['namespaceSelector'];
      const compiled = isJsonObject(selector) ? compileLabelSelector(selector).selector : undefined;
      // An absent selector selects every namespace; an invalid one is rejected by the API server, so it is not judged here.
      if (isJsonObject(selector) && !compiled) continue;
      if (compiled && !matchesLabelSelector(compiled, labels)) continue;
      report({
        messageId: 'includesKubeSystem',
        data: { product: entry.product ?? '', webhook: entry.name, selector: compiled ? `"${describeSelector(compiled)}"` : '(absent: every namespace)' },
        path: fieldPointer(entry, 'namespaceSelector'),
      });
    }
  },
});
