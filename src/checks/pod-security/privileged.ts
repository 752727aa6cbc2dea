/**
 * privileged (baseline, 1.0+): privileged pods disable most security mechanisms.
 *
 * Restricted fields: spec.{initContainers,containers,ephemeralContainers}[*].securityContext.privileged
 * Allowed values: false, undefined/null
 */
import { ATTACK_ESCAPE_TO_HOST, NSA_POD_SECURITY, cis, pssLevel } from './controls.js';
import { ALLOWED, describeContainers, forbidden, namesOf, podContainers, valueAt } from './helpers.js';
import { pssScanCheck } from './scan-check.js';
import type { PodCheckFn, PodSecurityCheck } from './types.js';

const privilegedV1Dot0: PodCheckFn = (_podMetadata, podSpec) => {
  const bad = podContainers(podSpec).filter((c) => valueAt(c.container, 'securityContext', 'privileged') === true);
  if (bad.length === 0) return ALLOWED;
  return forbidden(
    'privileged',
    `${describeContainers(namesOf(bad))} must not set securityContext.privileged=true`,
    bad.map((c) => `${c.pointer}/securityContext/privileged`),
  );
};

export const privileged: PodSecurityCheck = {
  id: 'privileged',
  level: 'baseline',
  versions: [{ minimumVersion: '1.0', check: privilegedV1Dot0 }],
};

export default pssScanCheck(privileged, {
  title: 'Privileged container',
  severity: 'high',
  controls: [pssLevel('baseline'), cis('5.2.2'), NSA_POD_SECURITY, ATTACK_ESCAPE_TO_HOST],
  remediation:
    'Remove `securityContext.privileged: true` from the container, or set it to false. Grant only the specific capabilities or device access the workload needs instead.',
  docs: [
    'A privileged container runs with every Linux capability, sees all host devices and is not',
    'confined by seccomp, AppArmor or SELinux: a compromise of the container is a compromise of',
    'the node. Pod Security Standards **baseline** forbids `securityContext.privileged: true` on',
    'every container, init container and ephemeral container.',
  ].join('\n'),
});
