/**
 * The shape of a Pod Security Standards check, mirroring the upstream pod-security-admission
 * library (`policy/checks.go`): a check has an id, a level and a list of versioned
 * implementations; an implementation looks at pod metadata and a PodSpec and says whether the
 * pod is allowed, with upstream's exact ForbiddenReason and ForbiddenDetail strings.
 */
import type { JsonObject } from '../../model/types.js';
import type { PssLevel } from '../../engine/types.js';

export type { PssLevel };

/** The upstream check ids, exactly as `policy/check_*.go` spells them. */
export type PssCheckId =
  | 'allowPrivilegeEscalation'
  | 'appArmorProfile'
  | 'capabilities_baseline'
  | 'capabilities_restricted'
  | 'hostNamespaces'
  | 'hostPathVolumes'
  | 'hostPorts'
  | 'hostProbesAndHostLifecycle'
  | 'privileged'
  | 'procMount'
  | 'procMount_restricted'
  | 'restrictedVolumes'
  | 'runAsNonRoot'
  | 'runAsUser'
  | 'seLinuxOptions'
  | 'seccompProfile_baseline'
  | 'seccompProfile_restricted'
  | 'sysctls'
  | 'windowsHostProcess';

/** A policy version as "1.N" (the registry only knows major version 1, as upstream). */
export type PssVersion = `1.${number}`;

/** Outcome of one check on one pod. */
export interface PodCheckResult {
  allowed: boolean;
  /** Upstream ForbiddenReason, e.g. "privileged", "host namespaces". Set when not allowed. */
  reason?: string;
  /** Upstream ForbiddenDetail, e.g. `container "x" must not set securityContext.privileged=true`. */
  detail?: string;
  /**
   * JSON Pointers relative to the pod template object (the object holding `metadata` and
   * `spec`): the offending field, or the nearest existing parent when the violation is a field
   * that is missing.
   */
  paths?: string[];
}

/** One implementation of a check, as upstream's `CheckPodFn`. Never mutates its arguments. */
export type PodCheckFn = (podMetadata: JsonObject, podSpec: JsonObject) => PodCheckResult;

/** Upstream `VersionedCheck`. */
export interface VersionedPodCheck {
  /** First policy version this implementation applies to. */
  minimumVersion: PssVersion;
  check: PodCheckFn;
  /**
   * Baseline check ids that this restricted implementation replaces while it is active
   * (upstream `OverrideCheckIDs`): restricted evaluation then skips those baseline checks.
   */
  overrides?: readonly PssCheckId[];
}

/** Upstream `Check`: versions are strictly increasing and old entries are never edited. */
export interface PodSecurityCheck {
  id: PssCheckId;
  level: PssLevel;
  versions: readonly VersionedPodCheck[];
}
