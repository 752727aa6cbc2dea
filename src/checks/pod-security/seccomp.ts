/**
 * The seccomp rules shared by seccompProfile_baseline and seccompProfile_restricted (upstream
 * keeps them in check_seccompProfile_baseline.go and calls them from the restricted check).
 */
import {
  containerFieldPath,
  describeContainers,
  joinQuote,
  objectAt,
  podContainers,
  sortedSet,
  specFieldPath,
  stringAt,
  type PodContainer,
} from './helpers.js';
import type { JsonObject } from '../../model/types.js';

export function validSeccompType(type: string): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

/** Pod and containers that explicitly set seccompProfile.type to a forbidden value. */
export interface ExplicitSeccompViolations {
  /** "pod" and/or `containers "a", "b"`, in upstream order. */
  badSetters: string[];
  badTypes: string[];
  paths: string[];
  /** Whether the pod sets a valid profile (containers without one then inherit it). */
  podProfileValid: boolean;
  /** Containers that set no profile of their own. */
  unsetContainers: PodContainer[];
}

export function explicitSeccompViolations(podSpec: JsonObject): ExplicitSeccompViolations {
  const badSetters: string[] = [];
  const badTypes: string[] = [];
  const paths: string[] = [];
  let podProfileValid = false;

  const podProfile = objectAt(podSpec, 'securityContext', 'seccompProfile');
  if (podProfile !== undefined) {
    const type = stringAt(podProfile, 'type');
    if (validSeccompType(type)) podProfileValid = true;
    else {
      badSetters.push('pod');
      badTypes.push(type);
      paths.push(specFieldPath(podSpec, 'securityContext', 'seccompProfile', 'type'));
    }
  }

  const badContainers: string[] = [];
  const unsetContainers: PodContainer[] = [];
  for (const c of podContainers(podSpec)) {
    const profile = objectAt(c.container, 'securityContext', 'seccompProfile');
    if (profile === undefined) {
      unsetContainers.push(c);
      continue;
    }
    const type = stringAt(profile, 'type');
    if (validSeccompType(type)) continue;
    badContainers.push(c.name);
    badTypes.push(type);
    paths.push(containerFieldPath(c, 'securityContext', 'seccompProfile', 'type'));
  }
  if (badContainers.length > 0) badSetters.push(describeContainers(badContainers));
  return { badSetters, badTypes, paths, podProfileValid, unsetContainers };
}

export function explicitSeccompDetail(violations: ExplicitSeccompViolations): string {
  return `${violations.badSetters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(violations.badTypes))}`;
}
