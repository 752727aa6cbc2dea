/**
 * Deliverable 4, pod security: Pod Security Admission labels on every namespace (enforce, audit
 * and warn, each pinned to the profile's Kubernetes version): the posture (restricted by
 * default) for production, baseline enforced and restricted warned for development, privileged
 * only for system namespaces. A LimitRange and a ResourceQuota per namespace (labelled with the
 * tenant when the profile has tenants), and the workload patches: the autofixer's safe fixes and
 * containment patches for what it cannot fix safely.
 */
import type { Control } from '../../../engine/types.js';
import type { Inventory } from '../../../model/inventory.js';
import type { JsonObject, Resource } from '../../../model/types.js';
import { namespaceLevel, tenantOf } from '../../profile.js';
import { DEFAULT_RESOURCES, podSecurityPatches, type WorkloadPatch } from '../../patches.js';
import type { Deliverable, DeliverableGenerator, Profile } from '../../types.js';
import { parseQuantity } from '../../../fix/quantity.js';
import { listContainers } from '../../../model/visit.js';
import { analyzeInventory, type WorkloadInfo } from '../../workloads.js';

const PSA = 'pod-security.kubernetes.io/';
const TENANT_LABEL = 'rampart.dev/tenant';

/**
 * Namespaces the bundle labels: the inventory's and the profile's.
 *
 * @example
 * bundleNamespaces(inventory, profile); // ['data', 'kube-system', …]
 */
export function bundleNamespaces(inventory: Inventory, profile: Profile): string[] {
  return [...new Set([...inventory.namespaces(), ...profile.namespaces.production, ...profile.namespaces.development, ...profile.namespaces.system])].sort();
}

/**
 * The Namespace object for one namespace: its existing labels (other than Pod Security ones) plus
 * the three modes with version pins.
 *
 * @example
 * namespaceManifest('payments', profile, inventory).metadata.labels['pod-security.kubernetes.io/enforce']; // 'restricted'
 */
export function namespaceManifest(name: string, profile: Profile, inventory: Inventory): JsonObject {
  const existing: Resource | undefined = inventory.get('Namespace', undefined, name);
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(existing?.labels ?? {})) if (!k.startsWith(PSA)) labels[k] = v;
  const level = namespaceLevel(profile, name);
  const version = `v${profile.kubernetesVersion}`;
  const audit = level === 'privileged' ? 'baseline' : 'restricted';
  Object.assign(labels, {
    [`${PSA}enforce`]: level,
    [`${PSA}enforce-version`]: version,
    [`${PSA}audit`]: audit,
    [`${PSA}audit-version`]: version,
    [`${PSA}warn`]: audit,
    [`${PSA}warn-version`]: version,
  });
  const tenant = tenantOf(profile, name);
  if (tenant !== undefined) labels[TENANT_LABEL] = tenant;
  const metadata: JsonObject = { name, labels };
  if (existing && Object.keys(existing.annotations).length > 0) {
    const annotations = Object.fromEntries(Object.entries(existing.annotations).filter(([k]) => k !== 'kubectl.kubernetes.io/last-applied-configuration'));
    if (Object.keys(annotations).length > 0) metadata['annotations'] = annotations;
  }
  return { apiVersion: 'v1', kind: 'Namespace', metadata };
}

function limitRange(namespace: string): JsonObject {
  return {
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: { name: 'rampart-defaults', namespace, labels: { 'app.kubernetes.io/managed-by': 'rampart' } },
    spec: {
      limits: [
        {
          type: 'Container',
          defaultRequest: { cpu: DEFAULT_RESOURCES.cpuRequest, memory: DEFAULT_RESOURCES.memoryRequest },
          default: { cpu: DEFAULT_RESOURCES.cpuLimit, memory: DEFAULT_RESOURCES.memoryLimit },
        },
      ],
    },
  };
}

function replicasOf(resource: Resource): number {
  const spec = resource.body['spec'] as JsonObject | undefined;
  const replicas = spec?.['replicas'];
  if (typeof replicas === 'number') return replicas;
  return resource.kind === 'DaemonSet' ? 3 : 1;
}

/** What a namespace's workloads ask for today: pods, and CPU (cores) and memory (bytes) requests and limits, defaults filled in. */
interface Demand {
  pods: number;
  requestsCpu: number;
  requestsMemory: number;
  limitsCpu: number;
  limitsMemory: number;
}

const MI = 1024 * 1024;

function quantity(container: JsonObject, kind: 'requests' | 'limits', resource: 'cpu' | 'memory', fallback: string): number {
  const resources = container['resources'];
  const section = typeof resources === 'object' && resources !== null && !Array.isArray(resources) ? (resources as JsonObject)[kind] : undefined;
  const value = typeof section === 'object' && section !== null && !Array.isArray(section) ? (section as JsonObject)[resource] : undefined;
  return parseQuantity(value) ?? (parseQuantity(fallback) as number);
}

function demandOf(workloads: readonly WorkloadInfo[]): Map<string, Demand> {
  const out = new Map<string, Demand>();
  for (const w of workloads) {
    const d = out.get(w.namespace) ?? { pods: 0, requestsCpu: 0, requestsMemory: 0, limitsCpu: 0, limitsMemory: 0 };
    const replicas = replicasOf(w.resource);
    d.pods += replicas;
    for (const c of listContainers(w.template.spec, w.specPointer).filter((v) => v.kind === 'containers')) {
      d.requestsCpu += replicas * quantity(c.container, 'requests', 'cpu', DEFAULT_RESOURCES.cpuRequest);
      d.requestsMemory += replicas * quantity(c.container, 'requests', 'memory', DEFAULT_RESOURCES.memoryRequest);
      d.limitsCpu += replicas * quantity(c.container, 'limits', 'cpu', DEFAULT_RESOURCES.cpuLimit);
      d.limitsMemory += replicas * quantity(c.container, 'limits', 'memory', DEFAULT_RESOURCES.memoryLimit);
    }
    out.set(w.namespace, d);
  }
  return out;
}

function cores(value: number): string {
  return String(Math.ceil(value));
}

function mebibytes(bytes: number): string {
  return `${Math.ceil(bytes / MI)}Mi`;
}

/**
 * A quota sized from what the namespace's workloads ask for today, doubled so a rolling update
 * (old and new pods side by side) still fits, and never below room for ten default pods.
 */
function resourceQuota(namespace: string, demand: Demand | undefined, tenant: string | undefined, inventory: Inventory): JsonObject {
  // LoadBalancer and NodePort Services: as many as exist today, no new ones without a review.
  const services = inventory.inNamespace(namespace).filter((r) => r.kind === 'Service');
  const ofType = (type: string): number => services.filter((r) => (r.body['spec'] as JsonObject | undefined)?.['type'] === type).length;
  const d = demand ?? { pods: 0, requestsCpu: 0, requestsMemory: 0, limitsCpu: 0, limitsMemory: 0 };
  const floor = 10;
  const pods = Math.max(floor, d.pods * 2);
  const labels: Record<string, string> = { 'app.kubernetes.io/managed-by': 'rampart' };
  if (tenant !== undefined) labels[TENANT_LABEL] = tenant;
  const atLeast = (doubled: number, perPod: string): number => Math.max(doubled * 2, floor * (parseQuantity(perPod) as number));
  return {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: { name: 'rampart-quota', namespace, labels },
    spec: {
      hard: {
        pods: String(pods),
        'requests.cpu': cores(atLeast(d.requestsCpu, DEFAULT_RESOURCES.cpuRequest)),
        'requests.memory': mebibytes(atLeast(d.requestsMemory, DEFAULT_RESOURCES.memoryRequest)),
        'limits.cpu': cores(atLeast(d.limitsCpu, DEFAULT_RESOURCES.cpuLimit)),
        'limits.memory': mebibytes(atLeast(d.limitsMemory, DEFAULT_RESOURCES.memoryLimit)),
        services: String(Math.max(floor, pods)),
        'services.loadbalancers': String(ofType('LoadBalancer')),
        'services.nodeports': String(ofType('NodePort') + ofType('LoadBalancer')),
        persistentvolumeclaims: String(Math.max(5, d.pods * 2)),
      },
    },
  };
}

function patchScript(patches: readonly WorkloadPatch[]): string {
  const lines = ['#!/usr/bin/env bash', 'set -euo pipefail', ''];
  for (const p of patches) {
    lines.push(`# ${p.target.kind} ${p.target.namespace}/${p.target.name}: ${p.reasons.join('; ').replace(/\n/g, ' ')}`);
    if (p.target.kind === 'Pod') {
      lines.push('# (a Pod\'s spec is immutable: apply the patch to its manifest and recreate it)');
      continue;
    }
    lines.push(`kubectl patch ${p.target.kind.toLowerCase()} ${p.target.name} -n ${p.target.namespace} --type json -p '${JSON.stringify(p.ops).replace(/'/g, "'\\''")}'`);
  }
  return lines.join('\n') + '\n';
}

const CONTROLS: Control[] = [
  { framework: 'cis-k8s', id: '5.2.1' },
  { framework: 'cis-k8s', id: '5.7.1' },
  { framework: 'cis-k8s', id: '5.7.2' },
  { framework: 'cis-k8s', id: '5.7.3' },
  { framework: 'pss', id: 'baseline' },
  { framework: 'pss', id: 'restricted' },
  { framework: 'nsa-cisa', id: 'kubernetes-pod-security' },
  { framework: 'nsa-cisa', id: 'pod-security-enhancements' },
  { framework: 'nsa-cisa', id: 'non-root-containers' },
  { framework: 'nsa-cisa', id: 'immutable-container-file-systems' },
  { framework: 'nsa-cisa', id: 'resource-policies' },
  { framework: 'nsa-cisa', id: 'namespaces' },
  { framework: 'pci-dss', id: '2.2.1' },
  { framework: 'pci-dss', id: '2.2.6' },
  { framework: 'hipaa', id: '164.312(c)(1)' },
  { framework: 'soc2', id: 'CC6.8' },
  { framework: 'soc2', id: 'A1.1' },
  { framework: 'mitre-attack', id: 'T1611' },
  { framework: 'mitre-attack', id: 'T1610' },
  { framework: 'mitre-attack', id: 'T1496' },
];

/**
 * The pod-security deliverable.
 *
 * @example
 * const deliverable = generatePodSecurity({ profile, inventory, randomBytes });
 */
export const generatePodSecurity: DeliverableGenerator = (context) => {
  const { inventory, profile } = context;
  const namespaces = bundleNamespaces(inventory, profile);
  const system = new Set(profile.namespaces.system);
  const hardened = namespaces.filter((ns) => !system.has(ns));
  const workloads = analyzeInventory(inventory, profile).workloads;
  const demand = demandOf(workloads);
  const patches = podSecurityPatches(inventory, profile);
  const safe = patches.filter((p) => p.kind === 'autofix');
  const containment = patches.filter((p) => p.kind === 'containment');
  const json = (list: readonly WorkloadPatch[]): string => JSON.stringify(list.map((p) => ({ target: p.target, reasons: p.reasons, patch: p.ops })), null, 2) + '\n';
  const levels = namespaces.map((ns) => `${ns}: ${namespaceLevel(profile, ns)}`).join(', ');
  return {
    id: 'pod-security',
    title: 'Pod security',
    files: [
      { path: 'namespaces.yaml', manifests: namespaces.map((ns) => namespaceManifest(ns, profile, inventory)), description: 'Pod Security Admission labels (enforce, audit, warn with version pins) per namespace' },
      { path: 'limitranges.yaml', manifests: hardened.map(limitRange), description: 'default container requests and limits per namespace' },
      { path: 'resourcequotas.yaml', manifests: hardened.map((ns) => resourceQuota(ns, demand.get(ns), tenantOf(profile, ns), inventory)), description: 'a quota per namespace, twice what its workloads request today (room for rolling updates)' },
      { path: 'patches/safe.json', text: json(safe), description: 'the autofixer\'s JSON-Patch operations per workload (securityContext, resources, token automount)' },
      { path: 'patches/apply-safe.sh', text: patchScript(safe), description: 'the same as `kubectl patch --type json` commands' },
      { path: 'patches/containment.json', text: json(containment), description: 'operations that take away privileges the autofixer cannot remove safely (privileged, host namespaces, hostPath, added capabilities): review each' },
      { path: 'patches/apply-containment.sh', text: patchScript(containment), description: 'the same as `kubectl patch --type json` commands' },
    ],
    readme: {
      what: `Pod Security Admission labels on ${namespaces.length} namespace(s) (${levels}), a LimitRange and a ResourceQuota in each of the ${hardened.length} non-system namespace(s), and patches for ${safe.length} workload(s) from the autofixer plus ${containment.length} containment patch(es).`,
      why: [
        'Pod Security Admission is the built-in admission controller for the Pod Security Standards: `enforce` rejects pods that break the level, `audit` records them, `warn` tells the person applying them. Pinning the version keeps a cluster upgrade from changing what is enforced. Production namespaces enforce the profile\'s posture, development namespaces enforce baseline and warn at restricted, system namespaces alone stay privileged.',
        '',
        'LimitRanges give containers that set nothing a request and a limit; ResourceQuotas cap what one namespace (or tenant) can take from the others. The workload patches bring the running workloads up to the level before it is enforced, so that enforcement rejects nothing that is deployed today.',
        ...(containment.length > 0 ? ['', `Containment patches (review each: the workload asked for these privileges): ${containment.map((p) => `${p.target.kind} ${p.target.namespace}/${p.target.name}`).join(', ')}.`] : []),
      ].join('\n'),
      apply: [
        '1. Label in audit/warn mode first: apply namespaces.yaml with the enforce labels removed (`sed "/pod-security.kubernetes.io\\/enforce/d" namespaces.yaml | kubectl apply -f -`), then watch warnings and audit annotations for a few days.',
        '2. `kubectl apply -f limitranges.yaml -f resourcequotas.yaml`',
        '3. `bash patches/apply-safe.sh` (or apply patches/safe.json to the manifests in Git); then, after review with the workload owners, `bash patches/apply-containment.sh`.',
        '4. `kubectl apply -f namespaces.yaml` to enforce.',
      ].join('\n'),
      verify:
        '`kubectl label --dry-run=server --overwrite ns NS pod-security.kubernetes.io/enforce=restricted` prints no warnings for the patched namespaces; `rampart pss k8s/ --level restricted` passes for production workloads; `kubectl describe quota -A` shows usage below the limits.',
      rollback: 'Set `pod-security.kubernetes.io/enforce` back to its previous value (`kubectl label ns NS pod-security.kubernetes.io/enforce=privileged --overwrite`); `kubectl delete -f limitranges.yaml -f resourcequotas.yaml`; re-apply the workloads\' previous manifests to undo patches.',
    },
    controls: CONTROLS,
    phase: 4,
    risks: [
      'Pods restart when their template is patched.',
      'readOnlyRootFilesystem breaks applications that write outside mounted volumes (add an emptyDir for /tmp and caches).',
      'runAsNonRoot fails images whose user is root and that set no numeric USER; the kubelet refuses to start them.',
      'The ResourceQuota rejects new pods beyond its size and pods without requests (the LimitRange supplies defaults), and new LoadBalancer or NodePort Services beyond those that exist today.',
      ...(containment.length > 0 ? ['Containment patches remove privileges workloads asked for (privileged, host namespaces, hostPath mounts, capabilities): node agents and debugging tools stop working. Move genuine node agents to a system namespace instead.'] : []),
    ],
  } satisfies Deliverable;
};
