/**
 * The Inventory: every loaded resource, indexed by kind, namespace, name and label, so that
 * whole-cluster checks and analyzers never scan the full list for a lookup.
 */
import { isClusterScoped } from './scope.js';
import type { Resource } from './types.js';

export class Inventory {
  readonly resources: readonly Resource[];
  private readonly byKind = new Map<string, Resource[]>();
  private readonly byNamespace = new Map<string, Resource[]>();
  private readonly byKey = new Map<string, Resource>();
  /** Built on the first label query: most runs never ask one, and it is the largest index. */
  private byLabel: Map<string, Resource[]> | undefined;

  constructor(resources: readonly Resource[]) {
    this.resources = resources;
    for (const r of resources) {
      push(this.byKind, r.kind, r);
      const ns = effectiveNamespace(r);
      if (ns !== undefined) push(this.byNamespace, ns, r);
      this.byKey.set(key(r.kind, ns, r.name), r);
    }
  }

  /** Resources of one kind (e.g. "Deployment"). */
  ofKind(kind: string): readonly Resource[] {
    return this.byKind.get(kind) ?? [];
  }

  /** Namespaced resources in one namespace (resources without a namespace count as `default`). */
  inNamespace(namespace: string): readonly Resource[] {
    return this.byNamespace.get(namespace) ?? [];
  }

  /** One resource by kind, namespace (undefined for cluster-scoped) and name. */
  get(kind: string, namespace: string | undefined, name: string): Resource | undefined {
    return this.byKey.get(key(kind, isClusterScoped(kind) ? undefined : (namespace ?? 'default'), name));
  }

  /** Resources carrying the label `name=value`. */
  withLabel(name: string, value: string): readonly Resource[] {
    if (!this.byLabel) {
      const byLabel = new Map<string, Resource[]>();
      for (const r of this.resources) for (const [k, v] of Object.entries(r.labels)) push(byLabel, `${k}=${v}`, r);
      this.byLabel = byLabel;
    }
    return this.byLabel.get(`${name}=${value}`) ?? [];
  }

  /** Every namespace name that is declared or that some resource lives in. */
  namespaces(): string[] {
    const names = new Set<string>(this.byNamespace.keys());
    for (const ns of this.ofKind('Namespace')) names.add(ns.name);
    return [...names].sort();
  }
}

/** The namespace a namespaced resource lands in (`default` when omitted); undefined for cluster-scoped kinds. */
export function effectiveNamespace(resource: Pick<Resource, 'kind' | 'apiVersion' | 'namespace'>): string | undefined {
  if (isClusterScoped(resource.kind, resource.apiVersion)) return undefined;
  return resource.namespace ?? 'default';
}

function key(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}\u0000${namespace ?? ''}\u0000${name}`;
}

function push<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}
