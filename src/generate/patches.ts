/**
 * Workload patches, as RFC 6902 JSON-Patch operations per workload:
 *
 * - `autofix`: the autofixer's safe fixes (src/fix) for every finding that has one, run in the
 *   autofixer's order on the body earlier fixes left;
 * - `containment`: for critical and high findings the autofixer has no safe fix for (privileged,
 *   host namespaces, hostPath volumes, added capabilities…), an operation that takes the
 *   privilege away. These can break the workload, so they are a separate file with its own
 *   review step in PLAN.md;
 * - `service-account`: the rbac deliverable's `serviceAccountName` per workload.
 *
 * Pure: the inventory in, patches out. System namespaces are never patched.
 */
import { CHECKS } from '../checks/index.js';
import { assembleScan } from '../engine/scan.js';
import { severityRank, type Domain, type Finding } from '../engine/types.js';
import { FIXES } from '../fix/fixes/index.js';
import { applyPatch, isDeepEqual, valueAtPointer } from '../fix/json-patch.js';
import type { FixOptions, PatchOp } from '../fix/types.js';
import type { Inventory } from '../model/inventory.js';
import { isJsonObject, joinPointer, splitPointer, type JsonObject, type Resource } from '../model/types.js';
import { needsApi } from './minimal-rules.js';
import type { Profile } from './types.js';
import { analyzeInventory, asLoadResult, resourceKey, settingsOf, type WorkloadInfo } from './workloads.js';

export type PatchKind = 'autofix' | 'containment' | 'service-account';

export interface WorkloadPatch {
  target: { apiVersion: string; kind: string; namespace: string; name: string };
  kind: PatchKind;
  ops: PatchOp[];
  /** One line per operation group: which finding it answers. */
  reasons: string[];
}

/** Container resources the autofixer adds where a container sets none (the LimitRange defaults match). */
export const DEFAULT_RESOURCES: Required<NonNullable<FixOptions['defaultResources']>> = {
  cpuRequest: '100m',
  memoryRequest: '128Mi',
  cpuLimit: '500m',
  memoryLimit: '512Mi',
};

/** The domains whose critical and high findings containment answers. */
const CONTAINED_DOMAINS: ReadonlySet<Domain> = new Set(['pod-security', 'workload']);

/** Passes of scan-then-contain; each pass can only remove privileges, so a few suffice. */
const MAX_CONTAINMENT_PASSES = 3;

function target(w: WorkloadInfo): WorkloadPatch['target'] {
  return { apiVersion: w.resource.apiVersion, kind: w.kind, namespace: w.namespace, name: w.name };
}

function compareFindings(a: Finding, b: Finding): number {
  const ka = `${a.checkId}\u0000${a.path}`;
  const kb = `${b.checkId}\u0000${b.path}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function findingsByWorkload(findings: readonly Finding[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = resourceKey({ kind: f.resource.kind, namespace: f.resource.namespace ?? 'default', name: f.resource.name });
    const list = out.get(key) ?? [];
    list.push(f);
    out.set(key, list);
  }
  return out;
}

/**
 * The autofixer's and containment patches for every workload outside the system namespaces.
 *
 * @example
 * const patches = podSecurityPatches(context.inventory, context.profile);
 */
export function podSecurityPatches(inventory: Inventory, profile: Profile): WorkloadPatch[] {
  const analysis = analyzeInventory(inventory, profile);
  const system = new Set(profile.namespaces.system);
  const workloads = analysis.workloads.filter((w) => !system.has(w.namespace));
  const byWorkload = findingsByWorkload(analysis.findings);
  const bodies = new Map<string, JsonObject>();
  const out: WorkloadPatch[] = [];
  for (const w of workloads) {
    const key = resourceKey(w);
    let body = w.resource.body;
    const ops: PatchOp[] = [];
    const reasons: string[] = [];
    for (const finding of [...(byWorkload.get(key) ?? [])].sort(compareFindings)) {
      const fix = (FIXES as Readonly<Record<string, (typeof FIXES)[keyof typeof FIXES]>>)[finding.checkId];
      if (!fix) continue;
      // A workload that calls the API keeps its token; the rbac deliverable scopes what it may do.
      if (finding.checkId === 'workload.service-account-token-automount' && needsApi(w)) continue;
      try {
        const outcome = fix.fix({ resource: w.resource, body, finding: { checkId: finding.checkId, path: finding.path }, options: { defaultResources: DEFAULT_RESOURCES } });
        if (outcome.kind !== 'patch' || outcome.ops.length === 0) continue;
        body = applyPatch(body, outcome.ops);
        ops.push(...outcome.ops);
        reasons.push(`${finding.checkId}: ${fix.description}`);
      } catch {
        // A fix that does not apply to this body is left for review; the finding stays in the scan.
        continue;
      }
    }
    bodies.set(key, body);
    if (ops.length > 0) out.push({ target: target(w), kind: 'autofix', ops, reasons });
  }
  out.push(...containmentPatches(inventory, profile, workloads, bodies));
  return out;
}

/** Resources of the inventory with the given bodies substituted. */
function withBodies(inventory: Inventory, bodies: ReadonlyMap<string, JsonObject>): Resource[] {
  return inventory.resources.map((r) => {
    const body = bodies.get(resourceKey({ kind: r.kind, namespace: r.namespace ?? 'default', name: r.name }));
    return body && body !== r.body ? { ...r, body } : r;
  });
}

function containmentPatches(inventory: Inventory, profile: Profile, workloads: readonly WorkloadInfo[], bodies: Map<string, JsonObject>): WorkloadPatch[] {
  const byKey = new Map(workloads.map((w) => [resourceKey(w), w]));
  const collected = new Map<string, WorkloadPatch>();
  for (let pass = 0; pass < MAX_CONTAINMENT_PASSES; pass++) {
    const scan = assembleScan(asLoadResult(withBodies(inventory, bodies)), CHECKS.filter((c) => CONTAINED_DOMAINS.has(c.domain)), { settings: settingsOf(profile) });
    let progress = false;
    for (const [key, findings] of findingsByWorkload(scan.findings.filter((f) => severityRank(f.severity) >= severityRank('high')))) {
      const w = byKey.get(key);
      if (!w) continue;
      let body = bodies.get(key) ?? w.resource.body;
      for (const finding of [...findings].sort(compareFindings)) {
        const ops = containmentOps(body, finding.path);
        if (!ops) continue;
        let next: JsonObject;
        try {
          next = applyPatch(body, ops);
        } catch {
          continue;
        }
        const patch = collected.get(key) ?? { target: target(w), kind: 'containment' as const, ops: [], reasons: [] };
        const reason = `${finding.checkId}: ${finding.message}`;
        if (!patch.reasons.includes(reason)) patch.reasons.push(reason);
        collected.set(key, patch);
        // Two findings on one field (two capabilities in one list) need one operation.
        if (isDeepEqual(next, body)) continue;
        body = next;
        patch.ops.push(...ops);
        progress = true;
      }
      bodies.set(key, body);
    }
    if (!progress) break;
  }
  return [...collected.values()].sort((a, b) => (resourceKey(a.target) < resourceKey(b.target) ? -1 : 1));
}

/** Replacements that take one privilege away, chosen by what the finding points at. */
function containmentOps(body: JsonObject, path: string): PatchOp[] | undefined {
  const segments = splitPointer(path);
  // A hostPath volume (or anything inside one): replaced by an emptyDir of the same name.
  const volumes = segments.lastIndexOf('volumes');
  if (volumes >= 0 && /^\d+$/.test(segments[volumes + 1] ?? '')) {
    const volumePointer = joinPointer('', ...segments.slice(0, volumes + 2));
    const volume = valueAtPointer(body, volumePointer);
    if (isJsonObject(volume) && isJsonObject(volume['hostPath']) && typeof volume['name'] === 'string') {
      return [{ op: 'replace', path: volumePointer, value: { name: volume['name'], emptyDir: {} } }];
    }
  }
  // Added capabilities (the list or one entry): none added.
  const add = segments.lastIndexOf('add');
  if (add > 0 && segments[add - 1] === 'capabilities') {
    const pointer = joinPointer('', ...segments.slice(0, add + 1));
    if (Array.isArray(valueAtPointer(body, pointer))) return [{ op: 'replace', path: pointer, value: [] }];
  }
  const value = valueAtPointer(body, path);
  const last = segments[segments.length - 1];
  if (value === true) return [{ op: 'replace', path, value: false }];
  if (last === 'hostPort' && typeof value === 'number' && value !== 0) return [{ op: 'replace', path, value: 0 }];
  if ((last === 'runAsUser' || last === 'runAsGroup') && value === 0) return [{ op: 'replace', path, value: 65532 }];
  if (last === 'procMount' && value !== 'Default') return [{ op: 'replace', path, value: 'Default' }];
  if (last === 'sysctls' && Array.isArray(value)) return [{ op: 'replace', path, value: [] }];
  if (last === 'type' && (value === 'Unconfined' || value === 'Localhost')) return [{ op: 'replace', path, value: 'RuntimeDefault' }];
  return undefined;
}

/**
 * Applies patches to resources (for the round trip and for previews): each patched resource gets
 * the new body, every other resource is returned as is.
 *
 * @example
 * const after = applyWorkloadPatches(inventory.resources, patches);
 */
export function applyWorkloadPatches(resources: readonly Resource[], patches: readonly WorkloadPatch[]): Resource[] {
  const byKey = new Map<string, PatchOp[]>();
  for (const p of patches) byKey.set(resourceKey(p.target), [...(byKey.get(resourceKey(p.target)) ?? []), ...p.ops]);
  return resources.map((r) => {
    const ops = byKey.get(resourceKey({ kind: r.kind, namespace: r.namespace ?? 'default', name: r.name }));
    return ops ? { ...r, body: applyPatch(r.body, ops) as JsonObject } : r;
  });
}
