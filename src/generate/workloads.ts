/**
 * What the deliverables share about the inventory: its workloads (top-level owners of pod
 * templates), the ServiceAccount each gets, and one scan of the inventory at the profile's
 * posture. Computed once per inventory and profile, so four generators do not scan four times.
 */
import { CHECKS } from '../checks/index.js';
import { assembleScan } from '../engine/scan.js';
import type { Finding, RunSettings } from '../engine/types.js';
import type { LoadResult } from '../load/index.js';
import { effectiveNamespace, type Inventory } from '../model/inventory.js';
import { isBuiltInWorkload, podTemplates, type PodTemplate } from '../model/pod-templates.js';
import { isJsonObject, type JsonObject, type Resource } from '../model/types.js';
import type { Profile } from './types.js';
import { buildRbacModel, loadDefaultRoles, type BindingInfo, type RbacModel } from '../analyzers/rbac/index.js';

/** One workload: a built-in kind that carries a pod template and has no controlling owner. */
export interface WorkloadInfo {
  resource: Resource;
  namespace: string;
  name: string;
  kind: string;
  /** `namespace/name[Kind]`. */
  id: string;
  template: PodTemplate;
  /** JSON Pointer of the pod spec inside the resource body. */
  specPointer: string;
  /** The ServiceAccount the workload runs as today (`default` when unset). */
  currentServiceAccount: string;
  /** The ServiceAccount the bundle gives it. */
  serviceAccount: string;
  /** Bindings (from the inventory, not built-in) that grant its current ServiceAccount anything. */
  bindings: BindingInfo[];
}

/** Everything the generators read about the inventory. */
export interface InventoryAnalysis {
  workloads: WorkloadInfo[];
  rbac: RbacModel;
  /** Findings of every built-in check at the profile's posture and version. */
  findings: Finding[];
  settings: RunSettings;
}

const cache = new WeakMap<Inventory, Map<string, InventoryAnalysis>>();

/**
 * Run settings that match the profile: its posture and Kubernetes version.
 *
 * @example
 * settingsOf(profile); // { pssLevel: 'restricted', pssVersion: '1.30' }
 */
export function settingsOf(profile: Profile): RunSettings {
  return { pssLevel: profile.posture, pssVersion: profile.kubernetesVersion };
}

/** Whether a workload is owned by a controller (a ReplicaSet of a Deployment, a Job of a CronJob). */
function isControlled(resource: Resource): boolean {
  const metadata = resource.body['metadata'];
  const owners = isJsonObject(metadata) ? metadata['ownerReferences'] : undefined;
  return Array.isArray(owners) && owners.some((o) => isJsonObject(o) && o['controller'] === true);
}

/**
 * The inventory as a LoadResult, for assembleScan.
 *
 * @example
 * assembleScan(asLoadResult(inventory.resources), CHECKS, { settings });
 */
export function asLoadResult(resources: readonly Resource[]): LoadResult {
  return {
    resources: [...resources],
    skipped: [],
    errors: [],
    summary: { documents: resources.length, resources: resources.length, skipped: 0, failed: 0 },
    files: 0,
    bytes: 0,
    anyReadable: true,
  };
}

/**
 * The analysis of `inventory` for `profile` (memoized).
 *
 * @example
 * const { workloads } = analyzeInventory(context.inventory, context.profile);
 */
export function analyzeInventory(inventory: Inventory, profile: Profile): InventoryAnalysis {
  const settings = settingsOf(profile);
  const key = `${settings.pssLevel}/${settings.pssVersion}/${profile.namespaces.system.join(',')}`;
  let byKey = cache.get(inventory);
  if (!byKey) cache.set(inventory, (byKey = new Map()));
  const cached = byKey.get(key);
  if (cached) return cached;
  const rbac = buildRbacModel(inventory, { defaults: loadDefaultRoles() });
  const result: InventoryAnalysis = {
    workloads: listWorkloads(inventory, rbac),
    rbac,
    findings: assembleScan(asLoadResult(inventory.resources), CHECKS, { settings }).findings,
    settings,
  };
  byKey.set(key, result);
  return result;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function listWorkloads(inventory: Inventory, rbac: RbacModel): WorkloadInfo[] {
  const found: Array<Omit<WorkloadInfo, 'serviceAccount'>> = [];
  for (const resource of inventory.resources) {
    if (!isBuiltInWorkload(resource) || resource.kind === 'PodTemplate' || isControlled(resource)) continue;
    const template = podTemplates(resource)[0];
    if (!template) continue;
    const namespace = effectiveNamespace(resource) ?? 'default';
    const sa = template.spec['serviceAccountName'] ?? template.spec['serviceAccount'];
    const currentServiceAccount = typeof sa === 'string' && sa !== '' ? sa : 'default';
    found.push({
      resource,
      namespace,
      name: resource.name,
      kind: resource.kind,
      id: `${namespace}/${resource.name}[${resource.kind}]`,
      template,
      specPointer: `${template.pointer}/spec`,
      currentServiceAccount,
      bindings: rbac.bindings.filter(
        (b) => !b.builtIn && b.subjects.some((s) => s.kind === 'ServiceAccount' && s.name === currentServiceAccount && (s.namespace ?? b.namespace) === namespace),
      ),
    });
  }
  found.sort((a, b) => compare(a.id, b.id));
  // A workload on the default ServiceAccount gets its own, named after it; names taken by another
  // ServiceAccount or workload of the namespace get the kind as a suffix.
  const taken = new Map<string, Set<string>>();
  const names = (ns: string): Set<string> => {
    let set = taken.get(ns);
    if (!set) taken.set(ns, (set = new Set(inventory.inNamespace(ns).filter((r) => r.kind === 'ServiceAccount').map((r) => r.name))));
    return set;
  };
  for (const w of found) if (w.currentServiceAccount !== 'default') names(w.namespace).add(w.currentServiceAccount);
  return found.map((w) => {
    if (w.currentServiceAccount !== 'default') return { ...w, serviceAccount: w.currentServiceAccount };
    const used = names(w.namespace);
    let name = w.name;
    if (used.has(name)) name = `${w.name}-${w.kind.toLowerCase()}`;
    for (let i = 2; used.has(name); i++) name = `${w.name}-${w.kind.toLowerCase()}-${i}`;
    used.add(name);
    return { ...w, serviceAccount: name };
  });
}

/**
 * Key for maps by resource identity.
 *
 * @example
 * resourceKey({ kind: 'Deployment', namespace: 'shop', name: 'web' }); // 'Deployment/shop/web'
 */
export function resourceKey(resource: Pick<Resource, 'kind' | 'name'> & { namespace: string | undefined }): string {
  return `${resource.kind}/${resource.namespace ?? ''}/${resource.name}`;
}

/**
 * `{apiVersion, kind, metadata: {name, namespace}}` of a resource: enough for `kubectl patch` and `kubectl delete -f`.
 *
 * @example
 * identityManifest(role); // { apiVersion, kind, metadata: { name, namespace } }
 */
export function identityManifest(resource: Resource): JsonObject {
  const metadata: JsonObject = { name: resource.name };
  const ns = effectiveNamespace(resource);
  if (ns !== undefined) metadata['namespace'] = ns;
  return { apiVersion: resource.apiVersion, kind: resource.kind, metadata };
}
