/**
 * Control: every NetworkPolicy selects at least one workload.
 * Looks at: spec.podSelector of each NetworkPolicy against the pod labels of every workload in its
 * namespace. Namespaces in which the inventory holds no workload are skipped: their pods are
 * evidently elsewhere.
 */
import { defineCheck } from '../../engine/types.js';
import { describeSelector } from '../../analyzers/netpol/selector.js';
import { networkAnalysis } from './analysis.js';

export default defineCheck<'selectsNothing'>({
  id: 'network.policy-selects-nothing',
  title: 'NetworkPolicy selects no pods',
  // low: hygiene, but a policy meant to isolate a workload that selects nothing leaves it open.
  severity: 'low',
  scope: 'inventory',
  match: ['NetworkPolicy'],
  domain: 'network',
  controls: [
    { framework: 'nsa-cisa', id: 'network-separation-and-hardening' },
    { framework: 'soc2', id: 'CC6.6' },
  ],
  messages: { selectsNothing: 'NetworkPolicy {{namespace}}/{{name}} selects {{selector}}, which matches no workload in namespace {{namespace}}' },
  remediation:
    'Fix the podSelector to match the labels of the pods the policy is meant to protect, or delete the policy if its workload is gone.',
  docs: [
    'A NetworkPolicy whose podSelector matches no pod does nothing: the workload it was written',
    'for is probably not isolated (a typo in a label, a renamed app). The check matches the',
    'selector (matchLabels and matchExpressions) against the pod labels of every workload in the',
    'policy\'s namespace, and skips namespaces in which the scanned input holds no workload.',
  ].join('\n'),
  evaluate: ({ inventory, report }) => {
    const { analyzer, model } = networkAnalysis(inventory);
    const populated = new Set(model.workloads.map((w) => w.namespace));
    const selected = new Set(analyzer.workloadEndpoints().flatMap((e) => [...analyzer.policiesSelecting(e, 'ingress'), ...analyzer.policiesSelecting(e, 'egress')]));
    for (const policy of model.networkPolicies) {
      const namespace = policy.namespace ?? 'default';
      if (selected.has(policy) || !populated.has(namespace)) continue;
      report({ resource: policy.resource, path: '/spec/podSelector', messageId: 'selectsNothing', data: { namespace, name: policy.name, selector: describeSelector(policy.subject.pods) } });
    }
  },
});
