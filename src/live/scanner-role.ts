/**
 * The scanner's identity: the minimal read-only ClusterRole the live reader needs, a
 * ServiceAccount and the binding between them. Built from the same type table the reader
 * uses (`resource-types.ts`), so the role grants exactly what the reader asks for.
 *
 * Rules: only `get` and `list`; no wildcard anywhere; Secrets get `list` alone. The reader
 * asks for Secrets as metadata only, but RBAC cannot express "metadata only": `list` on
 * secrets lets any client holding this identity read Secret values with a plain request.
 * Guard the ServiceAccount's token accordingly (the CronJob mounts it into one pod only).
 */
import { BUILT_IN_TYPES, WELL_KNOWN_CUSTOM_TYPES, isSecretType, type WantedType } from './resource-types.js';

export const SCANNER_NAME = 'rampart-scanner';

export interface PolicyRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

export interface ScannerRoleOptions {
  /** Role name (default `rampart-scanner`). */
  name?: string;
  /** Custom resource types to grant in addition (found with pod templates in your cluster). */
  extraTypes?: ReadonlyArray<Pick<WantedType, 'group' | 'resource'>>;
  /** Leave out the well-known custom resources (policy engines, Argo Rollouts…). */
  withoutWellKnown?: boolean;
  /**
   * Grant `list` on Secrets (default true). The in-cluster deployment leaves it out: a
   * long-lived token in a pod should not be able to read Secret values, and the scan then
   * runs with `--no-secrets`.
   */
  secrets?: boolean;
}

const LABELS = { 'app.kubernetes.io/name': 'rampart', 'app.kubernetes.io/component': 'scanner', 'app.kubernetes.io/managed-by': 'rampart' };

/**
 * The rules of the scanner role: one rule per API group with `get` and `list`, and a rule of
 * its own for Secrets with `list` only. Sorted, so the output is stable.
 *
 * @example
 * scannerRules().find((r) => r.resources.includes('secrets')); // { apiGroups: [''], resources: ['secrets'], verbs: ['list'] }
 */
export function scannerRules(options: ScannerRoleOptions = {}): PolicyRule[] {
  const types = [...BUILT_IN_TYPES, ...(options.withoutWellKnown ? [] : WELL_KNOWN_CUSTOM_TYPES), ...(options.extraTypes ?? [])];
  for (const t of types) {
    if (t.group.includes('*') || t.resource.includes('*') || t.resource.includes('/') || t.resource === '') {
      throw new RangeError(`not a resource type: ${t.group}/${t.resource} (wildcards and subresources are not granted)`);
    }
  }
  const byGroup = new Map<string, Set<string>>();
  let secrets = false;
  for (const t of types) {
    if (isSecretType(t.group, t.resource)) {
      secrets = true;
      continue;
    }
    const set = byGroup.get(t.group) ?? new Set<string>();
    set.add(t.resource);
    byGroup.set(t.group, set);
  }
  const rules: PolicyRule[] = [...byGroup.keys()].sort().map((group) => ({ apiGroups: [group], resources: [...(byGroup.get(group) as Set<string>)].sort(), verbs: ['get', 'list'] }));
  if (secrets && options.secrets !== false) rules.push({ apiGroups: [''], resources: ['secrets'], verbs: ['list'] });
  return rules;
}

/**
 * The ClusterRole `rampart rbac scanner-role` prints.
 *
 * @example
 * stringify(scannerClusterRole({ extraTypes: [{ group: 'ml.example.com', resource: 'trainingjobs' }] }));
 */
export function scannerClusterRole(options: ScannerRoleOptions = {}): Record<string, unknown> {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: {
      name: options.name ?? SCANNER_NAME,
      labels: { ...LABELS },
      annotations: {
        'rampart.dev/description':
          'Read-only access for `rampart scan --cluster`: get and list, no wildcards. Secrets: list only, requested as metadata (PartialObjectMetadataList); note that list on secrets also authorizes reading their values by other clients, so protect this identity.',
      },
    },
    rules: scannerRules(options),
  };
}

/**
 * The ServiceAccount the in-cluster scanner runs as. Its token is not mounted by default; the
 * scanner pod asks for it explicitly.
 *
 * @example
 * scannerServiceAccount('rampart');
 */
export function scannerServiceAccount(namespace: string, name = SCANNER_NAME): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace, labels: { ...LABELS } }, automountServiceAccountToken: false };
}

/**
 * Binds the scanner ClusterRole to the ServiceAccount.
 *
 * @example
 * scannerClusterRoleBinding('rampart');
 */
export function scannerClusterRoleBinding(namespace: string, name = SCANNER_NAME, roleName = SCANNER_NAME): Record<string, unknown> {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name, labels: { ...LABELS } },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName },
    subjects: [{ kind: 'ServiceAccount', name, namespace }],
  };
}

/**
 * Whether `rules` allow `verb` on `group/resource` (exact names; the role has no wildcards).
 *
 * @example
 * rulesAllow(scannerRules(), 'list', '', 'secrets'); // true
 */
export function rulesAllow(rules: readonly PolicyRule[], verb: string, group: string, resource: string): boolean {
  return rules.some((r) => r.verbs.includes(verb) && r.apiGroups.includes(group) && r.resources.includes(resource));
}
