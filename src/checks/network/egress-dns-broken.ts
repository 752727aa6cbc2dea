/**
 * Control: an egress-isolated workload can still resolve names.
 * Looks at: every workload some NetworkPolicy isolates for egress; passes when it can reach
 * kube-dns (pods labelled k8s-app=kube-dns in kube-system, assumed when not in the inventory) on
 * both 53/UDP and 53/TCP, as the reachability engine of `rampart netpol` evaluates it.
 */
import { defineCheck } from '../../engine/types.js';
import { networkAnalysis, podLabelsPath } from './analysis.js';

export default defineCheck<'broken' | 'partial'>({
  id: 'network.egress-dns-broken',
  title: 'Egress-isolated workload cannot reach DNS',
  // medium: name resolution fails, so the workload breaks — and teams "fix" it by dropping egress isolation.
  severity: 'medium',
  scope: 'inventory',
  match: ['NetworkPolicy', 'pod-templates'],
  domain: 'network',
  controls: [
    { framework: 'nsa-cisa', id: 'network-separation-and-hardening' },
    { framework: 'soc2', id: 'A1.2' },
  ],
  messages: {
    broken: '{{workload}} is isolated for egress and cannot reach kube-dns on 53/UDP or 53/TCP',
    partial: '{{workload}} is isolated for egress and reaches kube-dns only on {{allowed}}; DNS needs 53/UDP and 53/TCP',
  },
  remediation:
    'Allow egress to the kube-dns pods (namespaceSelector kubernetes.io/metadata.name: kube-system, podSelector k8s-app: kube-dns) on port 53 for both UDP and TCP.',
  docs: [
    'Once a NetworkPolicy selects a pod for egress, everything not allowed is dropped — including',
    'DNS. Queries go over UDP and fall back to TCP for large answers, so both must be allowed to',
    'kube-dns. When the inventory holds no kube-dns pods, a stand-in with the standard labels in',
    'kube-system is assumed.',
  ].join('\n'),
  evaluate: ({ inventory, report }) => {
    const { model, dns } = networkAnalysis(inventory);
    const byId = new Map(model.workloads.map((w) => [w.id, w]));
    for (const entry of dns()) {
      const workload = byId.get(entry.id);
      if (!workload || entry.dns === 'allowed') continue;
      report({ resource: workload.resource, path: podLabelsPath(workload), messageId: entry.dns, data: { workload: workload.id, allowed: entry.dnsAllowed } });
    }
  },
});
