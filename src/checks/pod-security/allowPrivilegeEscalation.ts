/**
 * allowPrivilegeEscalation (restricted, 1.8+; Windows pods exempt from 1.25): privilege
 * escalation, such as through set-user-ID binaries, must be disabled explicitly.
 *
 * Restricted fields: spec.{initContainers,containers,ephemeralContainers}[*].securityContext.allowPrivilegeEscalation
 * Allowed values: false
 */
import { NSA_POD_SECURITY, cis, pssLevel } from './controls.js';
import {
  ALLOWED,
  containerFieldPath,
  describeContainers,
  forbidden,
  isWindowsPod,
  namesOf,
  podContainers,
  valueAt,
} from './helpers.js';
import { pssScanCheck } from './scan-check.js';
import type { PodCheckFn, PodSecurityCheck } from './types.js';

/** The field appeared in Kubernetes 1.8, hence the minimum version. */
const allowPrivilegeEscalationV1Dot8: PodCheckFn = (_podMetadata, podSpec) => {
  const bad = podContainers(podSpec).filter(
    (c) => valueAt(c.container, 'securityContext', 'allowPrivilegeEscalation') !== false,
  );
  if (bad.length === 0) return ALLOWED;
  return forbidden(
    'allowPrivilegeEscalation != false',
    `${describeContainers(namesOf(bad))} must set securityContext.allowPrivilegeEscalation=false`,
    bad.map((c) => containerFieldPath(c, 'securityContext', 'allowPrivilegeEscalation')),
  );
};

/** Pod validation rejects the field on Windows pods, so there is nothing to require. */
const allowPrivilegeEscalationV1Dot25: PodCheckFn = (podMetadata, podSpec) =>
  isWindowsPod(podSpec) ? ALLOWED : allowPrivilegeEscalationV1Dot8(podMetadata, podSpec);

export const allowPrivilegeEscalation: PodSecurityCheck = {
  id: 'allowPrivilegeEscalation',
  level: 'restricted',
  versions: [
    { minimumVersion: '1.8', check: allowPrivilegeEscalationV1Dot8 },
    { minimumVersion: '1.25', check: allowPrivilegeEscalationV1Dot25 },
  ],
};

export default pssScanCheck(allowPrivilegeEscalation, {
  title: 'Privilege escalation allowed',
  severity: 'medium',
  controls: [pssLevel('restricted'), cis('5.2.6'), NSA_POD_SECURITY],
  remediation: 'Set `securityContext.allowPrivilegeEscalation: false` on every container, init container and ephemeral container.',
  docs: [
    'Unless `allowPrivilegeEscalation` is false, a process can gain more privileges than its',
    'parent (`no_new_privs` is not set), for example through set-user-ID binaries. Pod Security',
    'Standards **restricted** requires the explicit false on every container; Windows pods',
    '(`spec.os.name: windows`) are exempt from policy version 1.25.',
  ].join('\n'),
});
