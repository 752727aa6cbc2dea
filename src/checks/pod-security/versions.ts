/**
 * Policy-version arithmetic shared by the evaluator and the scan checks: which implementation of
 * a check applies at a version, and whether a check runs at a level and version.
 */
import type { PodSecurityCheck, PssCheckId, PssLevel, PssVersion, VersionedPodCheck } from './types.js';

/** The minor number of a "1.N" version. */
export function minorOf(version: string): number {
  return Number(version.slice(version.indexOf('.') + 1));
}

/**
 * The implementation with the greatest `minimumVersion` ≤ `version`, or undefined when the check
 * does not exist yet at that version. A version beyond every `minimumVersion` selects the newest
 * implementation, which is what upstream's clamp to the registry's maximum version amounts to.
 */
export function implementationAt(check: PodSecurityCheck, version: string): VersionedPodCheck | undefined {
  const minor = minorOf(version);
  let selected: VersionedPodCheck | undefined;
  for (const entry of check.versions) {
    if (minorOf(entry.minimumVersion) <= minor) selected = entry;
  }
  return selected;
}

/** Baseline checks are part of both levels; restricted checks only of restricted. */
export function levelIncludes(level: PssLevel, checkLevel: PssLevel): boolean {
  return level === 'restricted' || checkLevel === 'baseline';
}

/** Baseline check ids replaced at `version` by the active implementation of `restrictedChecks`. */
export function overriddenAt(restrictedChecks: readonly PodSecurityCheck[], version: string): Set<PssCheckId> {
  const ids = new Set<PssCheckId>();
  for (const check of restrictedChecks) {
    for (const id of implementationAt(check, version)?.overrides ?? []) ids.add(id);
  }
  return ids;
}

/**
 * Whether upstream's registry runs `check` for `level` at `version`: the level includes it, an
 * implementation exists at that version, and (for restricted evaluation) no active restricted
 * implementation among `possibleOverriders` overrides it.
 */
export function runsAt(
  check: PodSecurityCheck,
  level: PssLevel,
  version: string,
  possibleOverriders: readonly PodSecurityCheck[],
): boolean {
  if (!levelIncludes(level, check.level)) return false;
  if (implementationAt(check, version) === undefined) return false;
  if (level === 'baseline' || check.level === 'restricted') return true;
  return !overriddenAt(possibleOverriders, version).has(check.id);
}

/** "1.N" from a minor number. */
export function versionOf(minor: number): PssVersion {
  return `1.${minor}`;
}
