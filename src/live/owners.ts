/**
 * A live cluster holds every workload several times over: a Deployment, its ReplicaSets and
 * their Pods (a CronJob, its Jobs and their Pods) carry the same pod template, so one
 * privileged container is reported three times. `collapseOwnedFindings` keeps the finding on
 * the top-most controller and drops the copies below it — but only exact copies: a finding on a
 * Pod survives when its controller has no finding of the same check at the same place, which
 * is how a sidecar injected by a mutating webhook (present in the Pod, absent from the
 * template) stays visible.
 */
import type { Finding } from '../engine/types.js';
import { isJsonObject, type Resource, type ResourceRef } from '../model/types.js';

function refKey(ref: ResourceRef): string {
  return `${ref.apiVersion}\u0000${ref.kind}\u0000${ref.namespace ?? ''}\u0000${ref.name}`;
}

function controllerUid(resource: Resource): string | undefined {
  const metadata = resource.body['metadata'];
  if (!isJsonObject(metadata) || !Array.isArray(metadata['ownerReferences'])) return undefined;
  for (const owner of metadata['ownerReferences']) {
    if (isJsonObject(owner) && owner['controller'] === true && typeof owner['uid'] === 'string') return owner['uid'];
  }
  return undefined;
}

function uidOf(resource: Resource): string | undefined {
  const metadata = resource.body['metadata'];
  return isJsonObject(metadata) && typeof metadata['uid'] === 'string' ? metadata['uid'] : undefined;
}

/** Whether `path` is `ancestorPath` or its tail at a segment boundary (`/spec/containers/0` in `/spec/template/spec/containers/0`). */
function sameSpot(ancestorPath: string, path: string): boolean {
  if (path === '') return true;
  return ancestorPath === path || ancestorPath.endsWith(path);
}

/**
 * The findings without copies of a controller's findings on the objects it controls.
 * Needs the resources the findings were computed from (for owner references and uids).
 *
 * @example
 * const shown = collapseOwnedFindings(result.findings, loaded.resources);
 */
export function collapseOwnedFindings(findings: readonly Finding[], resources: readonly Resource[]): Finding[] {
  const byUid = new Map<string, Resource>();
  for (const r of resources) {
    const uid = uidOf(r);
    if (uid !== undefined) byUid.set(uid, r);
  }
  const byResource = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = refKey(f.resource);
    const list = byResource.get(key) ?? [];
    list.push(f);
    byResource.set(key, list);
  }
  const resourceByKey = new Map(resources.map((r) => [refKey({ apiVersion: r.apiVersion, kind: r.kind, namespace: r.namespace, name: r.name }), r]));
  return findings.filter((f) => {
    let current = resourceByKey.get(refKey(f.resource));
    // Walk up the controller chain (bounded: owner cycles are invalid but must not hang).
    for (let depth = 0; current && depth < 8; depth++) {
      const uid = controllerUid(current);
      const owner = uid !== undefined ? byUid.get(uid) : undefined;
      if (!owner) return true;
      const ownerFindings = byResource.get(refKey({ apiVersion: owner.apiVersion, kind: owner.kind, namespace: owner.namespace, name: owner.name })) ?? [];
      if (ownerFindings.some((o) => o.checkId === f.checkId && sameSpot(o.path, f.path))) return false;
      current = owner;
    }
    return true;
  });
}
