/**
 * Test support for `rampart harden`: the demo inventory (all of examples/), a synthetic
 * inventory of any size, and the round trip — the bundle's namespaces, objects and workload
 * patches applied to the inventory, read back from the bundle's own files.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { CHECKS } from '../../src/checks/index.js';
import { assembleScan, type GovernedScanResult } from '../../src/engine/scan.js';
import type { Domain } from '../../src/engine/types.js';
import { applyPatch } from '../../src/fix/json-patch.js';
import type { PatchOp } from '../../src/fix/types.js';
import type { Bundle } from '../../src/generate/bundle.js';
import type { Profile } from '../../src/generate/types.js';
import { loadInputs, loadText } from '../../src/load/index.js';
import { Inventory } from '../../src/model/inventory.js';
import type { JsonObject, Resource } from '../../src/model/types.js';

export const PROJECT_ROOT = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const EXAMPLES = path.join(PROJECT_ROOT, 'examples');

/** The demo: every manifest under examples/ (the sample profile is not a manifest and is skipped by the loader). */
export async function demoInventory(): Promise<Inventory> {
  const loaded = await loadInputs([EXAMPLES]);
  if (loaded.errors.length > 0) throw new Error(`examples/ does not load: ${loaded.errors.map((e) => e.message).join('; ')}`);
  return new Inventory(loaded.resources);
}

/** The Kubernetes manifests of a bundle file. */
export function bundleManifests(bundle: Bundle, file: string): JsonObject[] {
  const text = bundle.files.get(file);
  if (text === undefined) return [];
  return parseAllDocuments(text)
    .map((d) => d.toJS() as JsonObject | null)
    .filter((d): d is JsonObject => d !== null);
}

interface PatchEntry {
  target: { kind: string; namespace: string; name: string };
  patch: PatchOp[];
}

function key(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

/** The domains the bundle's round trip covers. */
export const ROUND_TRIP_DOMAINS: readonly Domain[] = ['pod-security', 'workload', 'network', 'rbac', 'namespace'];

/**
 * The inventory after the bundle: replaced RBAC objects and superseded NetworkPolicies removed,
 * workload patches applied, Namespaces relabelled, generated objects added. Read from the
 * bundle's files only, as an operator would apply them.
 */
export function applyBundle(inventory: Inventory, bundle: Bundle): Resource[] {
  const removed = new Set(bundleManifests(bundle, 'rbac/replaced-rbac.yaml').map((m) => {
    const md = m['metadata'] as JsonObject;
    return key(String(m['kind']), md['namespace'] as string | undefined, String(md['name']));
  }));
  const policies = bundleManifests(bundle, 'network/networkpolicies.yaml');
  const managed = new Set(policies.map((p) => String((p['metadata'] as JsonObject)['namespace'])));
  const patches: PatchEntry[] = ['pod-security/patches/safe.json', 'pod-security/patches/containment.json', 'rbac/serviceaccount-patches.json'].flatMap((f) => {
    const text = bundle.files.get(f);
    return text === undefined ? [] : (JSON.parse(text) as PatchEntry[]);
  });
  const opsByKey = new Map<string, PatchOp[]>();
  for (const p of patches) opsByKey.set(key(p.target.kind, p.target.namespace, p.target.name), [...(opsByKey.get(key(p.target.kind, p.target.namespace, p.target.name)) ?? []), ...p.patch]);
  const namespaces = bundleManifests(bundle, 'pod-security/namespaces.yaml');
  const relabelled = new Set(namespaces.map((n) => String((n['metadata'] as JsonObject)['name'])));
  const bodies: JsonObject[] = [];
  for (const r of inventory.resources) {
    const ns = r.namespace ?? (r.kind === 'Namespace' ? undefined : 'default');
    if (removed.has(key(r.kind, r.namespace, r.name))) continue;
    if (r.kind === 'NetworkPolicy' && managed.has(ns ?? '')) continue;
    if (r.kind === 'Namespace' && relabelled.has(r.name)) continue;
    const ops = opsByKey.get(key(r.kind, ns, r.name));
    bodies.push(ops ? applyPatch(r.body, ops) : r.body);
  }
  const added = [
    ...namespaces,
    ...policies,
    ...['rbac/serviceaccounts.yaml', 'rbac/roles.yaml', 'rbac/identity-bindings.yaml', 'pod-security/limitranges.yaml', 'pod-security/resourcequotas.yaml'].flatMap((f) => bundleManifests(bundle, f)),
  ];
  // Generated ServiceAccounts replace the inventory's of the same name (apply updates them).
  const addedKeys = new Set(added.map((m) => key(String(m['kind']), (m['metadata'] as JsonObject)['namespace'] as string | undefined, String((m['metadata'] as JsonObject)['name']))));
  const kept = bodies.filter((b) => !addedKeys.has(key(String(b['kind']), (b['metadata'] as JsonObject | undefined)?.['namespace'] as string | undefined, String((b['metadata'] as JsonObject | undefined)?.['name']))));
  const text = [...kept, ...added].map((b) => stringify(b, { lineWidth: 0 })).join('---\n');
  const loaded = loadText(text, 'after-bundle.yaml');
  if (loaded.errors.length > 0) throw new Error(`the patched inventory does not load: ${loaded.errors[0]?.message}`);
  return loaded.resources;
}

/** Scans resources at the profile's posture. */
export function scanAt(resources: readonly Resource[], profile: Profile): GovernedScanResult {
  const loaded = loadText(resources.map((r) => stringify(r.body, { lineWidth: 0 })).join('---\n'), 'scan.yaml');
  return assembleScan(loaded, CHECKS, { settings: { pssLevel: profile.posture, pssVersion: profile.kubernetesVersion } });
}

/** Critical and high findings in the round-trip domains, outside the profile's system namespaces, as readable lines. */
export function residualFindings(result: GovernedScanResult, profile: Profile): string[] {
  return result.findings
    .filter((f) => (f.severity === 'critical' || f.severity === 'high') && ROUND_TRIP_DOMAINS.includes(f.domain))
    .filter((f) => f.resource.namespace === undefined || !profile.namespaces.system.includes(f.resource.namespace))
    .map((f) => `${f.checkId} ${f.resource.kind} ${f.resource.namespace ?? ''}/${f.resource.name} ${f.path}: ${f.message}`);
}

const TEAMS = ['shop', 'billing', 'search', 'media', 'identity'];

/**
 * A synthetic inventory of `count` workloads across five namespaces, in the shapes real
 * clusters have: Deployments behind Services calling each other through env URLs, StatefulSets,
 * CronJobs, some running as root, some privileged, some with hostPath volumes or added
 * capabilities, some with a ServiceAccount bound to a role, every fifth without resources.
 *
 * @example
 * const yaml = syntheticInventory(500);
 */
export function syntheticInventory(count: number): string {
  const docs: JsonObject[] = [];
  for (const team of TEAMS) docs.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: team, labels: { environment: team === 'shop' || team === 'billing' ? 'production' : 'staging' } } });
  for (let i = 0; i < count; i++) {
    const team = TEAMS[i % TEAMS.length] as string;
    const name = `svc-${i}`;
    const labels = { app: name, team };
    const container: JsonObject = {
      name: 'app',
      image: `registry.example.com/${team}/${name}:1.${i % 7}.0`,
      ports: [{ name: 'http', containerPort: 8080 }],
      env: [{ name: 'NEXT_URL', value: `http://svc-${(i + 5) % count}.${TEAMS[((i + 5) % count) % TEAMS.length]}.svc.cluster.local:8080` }],
    };
    if (i % 5 !== 0) container['resources'] = { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '200m', memory: '256Mi' } };
    if (i % 11 === 0) container['securityContext'] = { privileged: true };
    if (i % 13 === 0) container['securityContext'] = { capabilities: { add: ['NET_ADMIN', 'SYS_PTRACE'] } };
    if (i % 7 === 0) container['securityContext'] = { runAsUser: 0 };
    const spec: JsonObject = { containers: [container] };
    if (i % 17 === 0) {
      spec['volumes'] = [{ name: 'host', hostPath: { path: '/var/log' } }];
      container['volumeMounts'] = [{ name: 'host', mountPath: '/host-logs' }];
    }
    if (i % 19 === 0) spec['hostNetwork'] = true;
    if (i % 23 === 0) {
      spec['serviceAccountName'] = `${name}-sa`;
      docs.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: `${name}-sa`, namespace: team } });
      docs.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: `${name}-role`, namespace: team }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] }, { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] }] });
      docs.push({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: `${name}-binding`, namespace: team },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: `${name}-role` },
        subjects: [{ kind: 'ServiceAccount', name: `${name}-sa`, namespace: team }],
      });
    }
    const template = { metadata: { labels }, spec };
    if (i % 10 === 9) {
      docs.push({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name, namespace: team }, spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: { metadata: { labels }, spec: { ...spec, restartPolicy: 'OnFailure' } } } } } });
      continue;
    }
    const kind = i % 10 === 4 ? 'StatefulSet' : 'Deployment';
    const workloadSpec: JsonObject = { replicas: 1 + (i % 3), selector: { matchLabels: labels }, template };
    if (kind === 'StatefulSet') workloadSpec['serviceName'] = name;
    docs.push({ apiVersion: 'apps/v1', kind, metadata: { name, namespace: team, labels }, spec: workloadSpec });
    docs.push({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: team }, spec: { selector: labels, ports: [{ name: 'http', port: 8080, targetPort: 'http' }] } });
  }
  return docs.map((d) => stringify(d, { lineWidth: 0 })).join('---\n');
}

/** Parses one YAML document (for files holding one). */
export function parseYaml(text: string): unknown {
  return parse(text);
}
