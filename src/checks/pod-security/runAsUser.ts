/**
 * runAsUser (restricted, 1.23+; skipped for user-namespace pods from 1.35): containers must not
 * set runAsUser to 0.
 *
 * Restricted fields: spec.securityContext.runAsUser,
 *   spec.{initContainers,containers,ephemeralContainers}[*].securityContext.runAsUser
 * Allowed values: non-zero values, undefined/null
 */
import { NSA_NON_ROOT, cis, pssLevel } from './controls.js';
import { ALLOWED, describeContainers, forbidden, isUserNamespacePod, namesOf, podContainers, valueAt } from './helpers.js';
import { pssScanCheck } from './scan-check.js';
import type { PodCheckFn, PodSecurityCheck } from './types.js';

const runAsUserV1Dot23: PodCheckFn = (_podMetadata, podSpec) => {
  const badSetters: string[] = [];
  const paths: string[] = [];
  if (valueAt(podSpec, 'securityContext', 'runAsUser') === 0) {
    badSetters.push('pod');
    paths.push('/spec/securityContext/runAsUser');
  }
  const badContainers = podContainers(podSpec).filter((c) => valueAt(c.container, 'securityContext', 'runAsUser') === 0);
  if (badContainers.length > 0) {
    badSetters.push(describeContainers(namesOf(badContainers)));
    paths.push(...badContainers.map((c) => `${c.pointer}/securityContext/runAsUser`));
  }
  if (badSetters.length === 0) return ALLOWED;
  return forbidden('runAsUser=0', `${badSetters.join(' and ')} must not set runAsUser=0`, paths);
};

/** UID 0 inside a user namespace is an unprivileged host user (KEP-127); unconditional from 1.35. */
const runAsUserV1Dot35: PodCheckFn = (podMetadata, podSpec) =>
  isUserNamespacePod(podSpec) ? ALLOWED : runAsUserV1Dot23(podMetadata, podSpec);

export const runAsUser: PodSecurityCheck = {
  id: 'runAsUser',
  level: 'restricted',
  versions: [
    { minimumVersion: '1.23', check: runAsUserV1Dot23 },
    { minimumVersion: '1.35', check: runAsUserV1Dot35 },
  ],
};

export default pssScanCheck(runAsUser, {
  title: 'Container runs as UID 0',
  severity: 'medium',
  controls: [pssLevel('restricted'), cis('5.2.7'), NSA_NON_ROOT],
  remediation: 'Set `securityContext.runAsUser` to a non-zero UID, or remove it and set `runAsNonRoot: true` with an image that has a non-root USER.',
  docs: [
    'An explicit `runAsUser: 0` runs the container as root regardless of the image. Pod Security',
    'Standards **restricted** forbids it from policy version 1.23, on the pod and on every',
    'container; from 1.35 pods in a user namespace (`spec.hostUsers: false`) are exempt.',
  ].join('\n'),
});
