/**
 * Building blocks shared by the admission, image-security, secrets, runtime and monitoring
 * deliverables: object metadata, the namespaces a profile exempts or targets, the workloads of
 * an inventory, and control lists. Everything here is a pure function of its arguments.
 */
import { CHECKS } from '../../../checks/index.js';
import type { Control, Domain } from '../../../engine/types.js';
import type { Inventory } from '../../../model/inventory.js';
import { podTemplates, type PodTemplate } from '../../../model/pod-templates.js';
import { isJsonObject, type JsonObject, type Resource } from '../../../model/types.js';
import type { Profile } from '../../types.js';

/** Labels every generated object carries, so `kubectl get -l app.kubernetes.io/managed-by=rampart` finds them. */
export const MANAGED_LABELS: Readonly<Record<string, string>> = {
  'app.kubernetes.io/managed-by': 'rampart',
  'app.kubernetes.io/part-of': 'rampart-harden',
};

/** The labels the admission policies require on workloads. */
export const REQUIRED_LABELS = ['app', 'owner', 'environment'] as const;

/**
 * `metadata` of a generated object: name, optional namespace, the managed-by labels plus `labels`.
 *
 * @example
 * objectMeta('rampart-isolate', 'shop'); // { name: 'rampart-isolate', namespace: 'shop', labels: { … } }
 */
export function objectMeta(name: string, namespace?: string, labels: Readonly<Record<string, string>> = {}, annotations?: Readonly<Record<string, string>>): JsonObject {
  const meta: JsonObject = { name };
  if (namespace !== undefined) meta['namespace'] = namespace;
  meta['labels'] = sortedRecord({ ...MANAGED_LABELS, ...labels });
  if (annotations && Object.keys(annotations).length > 0) meta['annotations'] = sortedRecord(annotations);
  return meta;
}

function sortedRecord(record: Readonly<Record<string, string>>): JsonObject {
  return Object.fromEntries(Object.keys(record).sort().map((k) => [k, record[k] as string]));
}

/**
 * Sorted, de-duplicated strings.
 *
 * @example
 * uniqueSorted(['b', 'a', 'b']); // ['a', 'b']
 */
export function uniqueSorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/**
 * The namespaces policies exempt: the profile's system namespaces, or `kube-system` when the
 * profile names none (admission policies must never block the control plane's own pods).
 *
 * @example
 * systemNamespaces(profile); // ['kube-node-lease', 'kube-public', 'kube-system']
 */
export function systemNamespaces(profile: Profile): string[] {
  const listed = uniqueSorted(profile.namespaces.system);
  return listed.length > 0 ? listed : ['kube-system'];
}

/**
 * The namespaces the bundle's own add-ons are installed into, by the commands in the
 * deliverables' READMEs: Falco must run privileged with host access, and none of the add-ons'
 * charts carries the required labels, so the bundle would otherwise refuse its own tools.
 *
 * @example
 * addOnNamespaces(profile); // ['external-secrets', 'falco', 'kyverno']
 */
export function addOnNamespaces(profile: Profile): string[] {
  const engine = profile.policyEngine === 'kyverno' ? ['kyverno'] : profile.policyEngine === 'gatekeeper' ? ['gatekeeper-system'] : [];
  return uniqueSorted(['falco', 'external-secrets', ...engine]);
}

/**
 * The namespaces admission policies exempt: the system namespaces and the add-on namespaces.
 *
 * @example
 * exemptNamespaces(profile); // ['external-secrets', 'falco', 'kube-system', 'kyverno']
 */
export function exemptNamespaces(profile: Profile): string[] {
  return uniqueSorted([...systemNamespaces(profile), ...addOnNamespaces(profile)]);
}

/**
 * The application namespaces: every namespace the profile or the inventory names, less the
 * system namespaces.
 *
 * @example
 * applicationNamespaces(profile, inventory); // ['payments', 'shop']
 */
export function applicationNamespaces(profile: Profile, inventory: Inventory): string[] {
  const system = new Set(systemNamespaces(profile));
  const names = [...inventory.namespaces(), ...profile.namespaces.production, ...profile.namespaces.development, ...profile.tenants.flatMap((t) => t.namespaces)];
  return uniqueSorted(names).filter((n) => !system.has(n));
}

/** One workload of the inventory with its pod templates. */
export interface Workload {
  resource: Resource;
  namespace: string;
  templates: readonly PodTemplate[];
}

/**
 * The top-level workloads of an inventory (objects with a pod template that no controller
 * owns), sorted by namespace, kind and name. Pods and ReplicaSets created by a controller are
 * left out: a patch or a rule belongs on the owner.
 *
 * @example
 * for (const w of workloads(inventory)) console.log(w.namespace, w.resource.kind, w.resource.name);
 */
export function workloads(inventory: Inventory): Workload[] {
  const out: Workload[] = [];
  for (const resource of inventory.resources) {
    const templates = podTemplates(resource);
    if (templates.length === 0) continue;
    const metadata = resource.body['metadata'];
    if (isJsonObject(metadata) && Array.isArray(metadata['ownerReferences']) && metadata['ownerReferences'].some((o) => isJsonObject(o) && o['controller'] === true)) continue;
    out.push({ resource, namespace: resource.namespace ?? 'default', templates });
  }
  return out.sort((a, b) => compareStrings(`${a.namespace}\u0000${a.resource.kind}\u0000${a.resource.name}`, `${b.namespace}\u0000${b.resource.kind}\u0000${b.resource.name}`));
}

/**
 * @example
 * names.sort(compareStrings);
 */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * De-duplicates and sorts controls by framework, then id.
 *
 * @example
 * mergeControls([{ framework: 'soc2', id: 'CC6.8' }], [{ framework: 'soc2', id: 'CC6.8' }]); // one entry
 */
export function mergeControls(...lists: ReadonlyArray<readonly Control[]>): Control[] {
  const seen = new Map<string, Control>();
  for (const list of lists) for (const c of list) seen.set(`${c.framework}\u0000${c.id}`, { framework: c.framework, id: c.id });
  return [...seen.entries()].sort(([a], [b]) => compareStrings(a, b)).map(([, c]) => c);
}

/**
 * The controls Rampart's own checks in `domains` map to: a deliverable that remediates a
 * domain satisfies what those checks test.
 *
 * @example
 * checkControls(['image']); // [{ framework: 'cis-k8s', id: '5.5.1' }, …]
 */
export function checkControls(domains: readonly Domain[]): Control[] {
  return mergeControls(...CHECKS.filter((c) => domains.includes(c.domain)).map((c) => c.controls));
}

/**
 * Shorthand for building control lists: `controls('cis-k8s', '5.2.2', '5.2.3')`.
 *
 * @example
 * controls('cis-k8s', '5.2.2', '5.2.3'); // [{ framework: 'cis-k8s', id: '5.2.2' }, …]
 */
export function controls(framework: Control['framework'], ...ids: string[]): Control[] {
  return ids.map((id) => ({ framework, id }));
}

/**
 * The allow-list entries of a profile as image-name prefixes: trimmed, without a trailing
 * slash, lower-cased host, sorted.
 *
 * @example
 * registryPrefixes(['GHCR.io/acme/', 'registry.example.com']); // ['ghcr.io/acme', 'registry.example.com']
 */
export function registryPrefixes(allowed: readonly string[]): string[] {
  return uniqueSorted(
    allowed
      .map((r) => r.trim().replace(/\/+$/, ''))
      .filter((r) => r !== '')
      .map((r) => {
        const slash = r.indexOf('/');
        return slash === -1 ? r.toLowerCase() : r.slice(0, slash).toLowerCase() + r.slice(slash);
      }),
  );
}

/**
 * A Markdown table (header row plus rows), cells with `|` escaped.
 *
 * @example
 * markdownTable(['Rule', 'Policy'], [['No privileged', 'rampart-disallow-privileged']]);
 */
export function markdownTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [`| ${header.map(cell).join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
  return lines.join('\n');
}
