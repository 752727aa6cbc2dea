/**
 * The shared shape of the two deprecation checks: look up the resource's apiVersion and kind in
 * the table and compare the entry with the target Kubernetes version.
 */
import { compareVersions } from '../../engine/registry.js';
import { ConfigError } from '../../errors.js';
import type { Resource } from '../../model/types.js';
import { deprecationOf, normalizeKubernetesVersion, type DeprecatedApi } from './api-versions.js';

export interface KubernetesVersionOptions {
  /** Target Kubernetes version, `1.N` (a leading `v` and a patch number are accepted). */
  kubernetesVersion: string;
}

export const DEFAULT_KUBERNETES_VERSION = '1.30';

export type Lifecycle = 'served' | 'deprecated' | 'removed';

/** Where the resource's API version stands at the target version, with its table entry. */
export function lifecycleAt(checkId: string, resource: Resource, options: KubernetesVersionOptions): { state: Lifecycle; api?: DeprecatedApi; version: string } {
  const version = normalizedVersion(options.kubernetesVersion);
  if (version === undefined) {
    throw new ConfigError(`invalid options for check ${checkId}`, [
      { path: `${checkId}.kubernetesVersion`, message: `"${options.kubernetesVersion}" is not a Kubernetes version such as 1.30` },
    ]);
  }
  const api = deprecationOf(resource.apiVersion, resource.kind);
  if (!api || compareVersions(version, api.deprecatedIn) < 0) return { state: 'served', version };
  return { state: compareVersions(version, api.removedIn) >= 0 ? 'removed' : 'deprecated', api, version };
}

/** The option is the same for every resource of a run: parse each distinct value once. */
const normalizedVersions = new Map<string, string | undefined>();

function normalizedVersion(value: string): string | undefined {
  if (!normalizedVersions.has(value)) normalizedVersions.set(value, normalizeKubernetesVersion(value));
  return normalizedVersions.get(value);
}
