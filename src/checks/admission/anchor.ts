/**
 * Where a cluster-wide "something is missing" finding is reported: a finding needs a resource
 * (for its file, line and fingerprint), and a missing component has none. The first Namespace by
 * name is stable across runs and reorderings; the first loaded resource is the fallback.
 */
import type { Inventory } from '../../model/inventory.js';
import type { Resource } from '../../model/types.js';

/** The first Namespace by name, if the inventory declares any. */
export function firstNamespace(inventory: Inventory): Resource | undefined {
  return [...inventory.ofKind('Namespace')].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))[0];
}

/**
 * The resource that carries a cluster-wide finding: the first Namespace, else the first resource.
 *
 * @example
 * const anchor = clusterAnchor(inventory); if (anchor) report({ resource: anchor, path: '', … });
 */
export function clusterAnchor(inventory: Inventory): Resource | undefined {
  return firstNamespace(inventory) ?? inventory.resources[0];
}
