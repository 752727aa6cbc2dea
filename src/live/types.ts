/**
 * The vocabulary of the live reader: API resource types as discovery names them, and the
 * coverage gaps a scan reports for what it could not read.
 */

/** One listable API resource type, as discovery and the scanner role name it. */
export interface ApiResourceType {
  /** API group; "" for the core group. */
  group: string;
  version: string;
  /** Plural resource name used in URLs and RBAC rules (`deployments`). */
  resource: string;
  /** Kind of the objects (`Deployment`). */
  kind: string;
  namespaced: boolean;
}

/** Why a type (or one namespace of it) was not read completely. */
export type GapReason = 'forbidden' | 'unauthorized' | 'not-found' | 'timeout' | 'server-error' | 'connection' | 'bad-response' | 'gone';

/**
 * Something the live scan could not read: a type the scanner may not list, a list that timed
 * out, a server error. A gap never fails the scan; it is reported in every output format.
 */
export interface CoverageGap {
  group: string;
  version: string;
  resource: string;
  /** Set when only one namespace of a namespaced type is affected. */
  namespace?: string;
  reason: GapReason;
  /** One line for people: the HTTP status or transport error, and what to do. */
  message: string;
  /** Objects of this type that were read before the failure and are still scanned. */
  itemsRead: number;
}

/**
 * `group/version` as in `apiVersion` (`v1` for the core group).
 *
 * @example
 * apiVersionOf({ group: 'apps', version: 'v1' }); // 'apps/v1'
 */
export function apiVersionOf(type: Pick<ApiResourceType, 'group' | 'version'>): string {
  return type.group === '' ? type.version : `${type.group}/${type.version}`;
}

/**
 * `resource.group` (`deployments.apps`, `pods`), as kubectl names a type.
 *
 * @example
 * qualifiedResource({ group: '', resource: 'pods' }); // 'pods'
 */
export function qualifiedResource(type: Pick<ApiResourceType, 'group' | 'resource'>): string {
  return type.group === '' ? type.resource : `${type.resource}.${type.group}`;
}

/**
 * Code-unit order: never depends on the machine's locale.
 *
 * @example
 * ['b', 'B', 'a'].sort(compareText); // ['B', 'a', 'b']
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
