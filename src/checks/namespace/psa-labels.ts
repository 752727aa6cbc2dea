/**
 * Pod Security Admission namespace labels: names, levels, and where a finding about one points.
 */
import type { PssLevel } from '../../engine/types.js';
import { isJsonObject, joinPointer, type Resource } from '../../model/types.js';

export const PSA_PREFIX = 'pod-security.kubernetes.io/';
export const ENFORCE_LABEL = `${PSA_PREFIX}enforce`;
export const ENFORCE_VERSION_LABEL = `${PSA_PREFIX}enforce-version`;
export const PSA_MODES = ['enforce', 'audit', 'warn'] as const;

/** Pod Security levels from weakest to strongest. */
export const PSA_LEVELS = ['privileged', 'baseline', 'restricted'] as const;
export type PsaLevel = (typeof PSA_LEVELS)[number];

/** Namespaces that run control-plane components and are exempt by default. */
export const SYSTEM_NAMESPACES: readonly string[] = ['kube-system', 'kube-public', 'kube-node-lease'];

export interface ExemptNamespacesOption {
  /** Namespaces the check does not look at. */
  exemptNamespaces: string[];
}

/** Strength of a level (higher is stricter); undefined for a value that is not a level. */
export function levelRank(value: string): number | undefined {
  const rank = PSA_LEVELS.indexOf(value as PsaLevel);
  return rank < 0 ? undefined : rank;
}

/** The target posture: the option when set, else the run's Pod Security level. */
export function targetLevel(option: PssLevel | undefined, runLevel: PssLevel): PssLevel {
  return option ?? runLevel;
}

/** Pointer of a label, or of the nearest existing parent (`/metadata/labels`, `/metadata`, ``). */
export function labelPointer(resource: Resource, label: string): string {
  const metadata = resource.body['metadata'];
  if (!isJsonObject(metadata)) return '';
  const labels = metadata['labels'];
  if (!isJsonObject(labels)) return '/metadata';
  return label in labels ? joinPointer('/metadata/labels', label) : '/metadata/labels';
}

/** True for a core Namespace that the check should look at. */
export function isCheckedNamespace(resource: Resource, exempt: readonly string[]): boolean {
  return resource.apiVersion === 'v1' && !exempt.includes(resource.name);
}
