/**
 * seccompProfile_restricted (restricted, 1.19+; Windows pods exempt from 1.25): a seccomp
 * profile must be set, to the runtime default or a profile on the node; overrides
 * seccompProfile_baseline.
 *
 * Restricted fields: spec.securityContext.seccompProfile.type,
 *   spec.{initContainers,containers,ephemeralContainers}[*].securityContext.seccompProfile.type
 * Allowed values: RuntimeDefault, Localhost; a container may leave it unset when the pod sets it
 */
import { NSA_POD_SECURITY, cis, pssLevel } from './controls.js';
import { ALLOWED, containerFieldPath, describeContainers, forbidden, isWindowsPod, namesOf } from './helpers.js';
import { explicitSeccompDetail, explicitSeccompViolations } from './seccomp.js';
import { pssScanCheck } from './scan-check.js';
import type { PodCheckFn, PodSecurityCheck } from './types.js';

const seccompProfileRestrictedV1Dot19: PodCheckFn = (_podMetadata, podSpec) => {
  const violations = explicitSeccompViolations(podSpec);
  if (violations.badSetters.length > 0) {
    return forbidden('seccompProfile', explicitSeccompDetail(violations), violations.paths);
  }
  const implicit = violations.podProfileValid ? [] : violations.unsetContainers;
  if (implicit.length === 0) return ALLOWED;
  return forbidden(
    'seccompProfile',
    `pod or ${describeContainers(namesOf(implicit))} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
    implicit.map((c) => containerFieldPath(c, 'securityContext', 'seccompProfile', 'type')),
  );
};

/** Pod validation rejects seccomp settings on Windows pods, so there is nothing to require. */
const seccompProfileRestrictedV1Dot25: PodCheckFn = (podMetadata, podSpec) =>
  isWindowsPod(podSpec) ? ALLOWED : seccompProfileRestrictedV1Dot19(podMetadata, podSpec);

export const seccompProfile_restricted: PodSecurityCheck = {
  id: 'seccompProfile_restricted',
  level: 'restricted',
  versions: [
    { minimumVersion: '1.19', check: seccompProfileRestrictedV1Dot19, overrides: ['seccompProfile_baseline'] },
    { minimumVersion: '1.25', check: seccompProfileRestrictedV1Dot25, overrides: ['seccompProfile_baseline'] },
  ],
};

export default pssScanCheck(seccompProfile_restricted, {
  title: 'Seccomp profile not set',
  severity: 'medium',
  controls: [pssLevel('restricted'), cis('5.7.2'), NSA_POD_SECURITY],
  remediation:
    'Set `securityContext.seccompProfile.type: RuntimeDefault` at the pod level (or `Localhost` with a profile present on the nodes), so that every container inherits it.',
  docs: [
    'Without a profile, most container runtimes run containers with seccomp disabled unless the',
    'kubelet enables `SeccompDefault`. Pod Security Standards **restricted** requires every',
    'container to run under `RuntimeDefault` or a `Localhost` profile, set on the pod or on the',
    'container. Windows pods (`spec.os.name: windows`) are exempt from policy version 1.25.',
  ].join('\n'),
});
