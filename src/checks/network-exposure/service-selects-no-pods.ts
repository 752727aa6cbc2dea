/**
 * Control: every Service with a selector selects pods.
 * Looks at: spec.selector of each v1 Service (ExternalName Services and Services without a
 * selector are skipped) against the labels of every pod template in its namespace — Pods,
 * workload templates and custom resources carrying pod templates. Namespaces in which the
 * inventory holds no pod template at all are skipped: their workloads are evidently elsewhere.
 */
import { matchesLabelSelector } from '../../analyzers/netpol/selector.js';
import { defineCheck } from '../../engine/types.js';
import type { Inventory } from '../../model/inventory.js';
import { effectiveNamespace } from '../../model/inventory.js';
import { podTemplates } from '../../model/pod-templates.js';
import { isJsonObject, stringMap, type Resource } from '../../model/types.js';
import { serviceSpec, serviceType } from './services.js';

/**
 * Pod label sets per namespace, from every pod template of the inventory, also indexed by each
 * `key=value` they carry: a selector can only match label sets that carry its labels, so a
 * Service is compared with the few templates sharing one of them rather than its whole namespace.
 */
interface NamespacePods {
  all: Array<Record<string, string>>;
  byLabel: Map<string, Array<Record<string, string>>>;
}

function podLabelsByNamespace(inventory: Inventory): Map<string, NamespacePods> {
  const out = new Map<string, NamespacePods>();
  for (const resource of inventory.resources) {
    const namespace = effectiveNamespace(resource);
    if (namespace === undefined) continue;
    for (const template of podTemplates(resource)) {
      const labels = stringMap(template.metadata['labels']);
      let pods = out.get(namespace);
      if (!pods) out.set(namespace, (pods = { all: [], byLabel: new Map() }));
      pods.all.push(labels);
      for (const [key, value] of Object.entries(labels)) {
        const labelKey = `${key}=${value}`;
        const list = pods.byLabel.get(labelKey);
        if (list) list.push(labels);
        else pods.byLabel.set(labelKey, [labels]);
      }
    }
  }
  return out;
}

function isSelectingService(resource: Resource): boolean {
  if (resource.apiVersion !== 'v1' || serviceType(resource) === 'ExternalName') return false;
  const selector = serviceSpec(resource)['selector'];
  return isJsonObject(selector) && Object.keys(selector).length > 0;
}

export default defineCheck<'selectsNothing'>({
  id: 'network.service-selects-no-pods',
  title: 'Service selects no pods',
  // low: hygiene; a dangling Service also hands its traffic to whoever later creates pods with matching labels.
  severity: 'low',
  scope: 'inventory',
  match: ['Service'],
  domain: 'network',
  controls: [
    { framework: 'nsa-cisa', id: 'network-separation-and-hardening' },
    { framework: 'mitre-attack', id: 'T1557' },
    { framework: 'soc2', id: 'CC8.1' },
  ],
  messages: { selectsNothing: 'Service {{namespace}}/{{name}} selects {{selector}}, which matches no pod in namespace {{namespace}}' },
  remediation:
    'Fix the Service selector to match the labels of the intended pod template, or delete the Service if its workload is gone.',
  docs: [
    'A Service that selects no pods is broken, and hands its traffic to whoever later creates pods with matching labels.',
    '',
    'A Service whose selector matches no pod has no endpoints: clients get connection errors, and',
    'the first pod created later with matching labels, by anyone allowed to create pods in the',
    'namespace, receives the Service\'s traffic.',
    '',
    'The check compares `spec.selector` (exact label equality) with the labels of every pod',
    'template in the Service\'s namespace: Pods, Deployments, StatefulSets, DaemonSets, Jobs,',
    'CronJobs and custom resources that embed pod templates. Services without a selector (their',
    'endpoints are managed by hand) and ExternalName Services are skipped, as are namespaces in',
    'which the scanned input holds no pod template at all.',
  ].join('\n'),
  evaluate: ({ inventory, report }) => {
    const services = inventory.ofKind('Service').filter(isSelectingService);
    if (services.length === 0) return;
    const pods = podLabelsByNamespace(inventory);
    for (const service of services) {
      const namespace = effectiveNamespace(service) ?? 'default';
      const inNamespace = pods.get(namespace);
      if (!inNamespace) continue;
      const matchLabels = stringMap(serviceSpec(service)['selector']);
      const selector = { matchLabels, matchExpressions: [] };
      const entries = Object.entries(matchLabels);
      const first = entries[0];
      const candidates = first ? (inNamespace.byLabel.get(`${first[0]}=${first[1]}`) ?? []) : inNamespace.all;
      if (candidates.some((labels) => matchesLabelSelector(selector, labels))) continue;
      const described = entries.map(([k, v]) => `${k}=${v}`).join(',');
      report({ resource: service, messageId: 'selectsNothing', data: { namespace, name: service.name, selector: described }, path: '/spec/selector' });
    }
  },
});
