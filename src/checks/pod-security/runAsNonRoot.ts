/**
 * runAsNonRoot (restricted, 1.0+; skipped for user-namespace pods from 1.35): containers must be
 * required to run as non-root users.
 *
 * Restricted fields: spec.securityContext.runAsNonRoot,
 *   spec.{initContainers,containers,ephemeralContainers}[*].securityContext.runAsNonRoot
 * Allowed values: true; undefined/null on a container when the pod sets true
 */
import { NSA_NON_ROOT, cis, pssLevel } from './controls.js';
import {
  ALLOWED,
  containerFieldPath,
  describeContainers,
  forbidden,
  isUserNamespacePod,
  namesOf,
  podContainers,
  valueAt,
  type PodContainer,
} from './helpers.js';
import { pssScanCheck } from './scan-check.js';
import type { PodCheckFn, PodSecurityCheck } from './types.js';

const runAsNonRootV1Dot0: PodCheckFn = (_podMetadata, podSpec) => {
  const badSetters: string[] = [];
  const paths: string[] = [];
  const podValue = valueAt(podSpec, 'securityContext', 'runAsNonRoot');
  if (podValue === false) {
    badSetters.push('pod');
    paths.push('/spec/securityContext/runAsNonRoot');
  }
  const podRunAsNonRoot = podValue === true;

  const explicitlyBad: PodContainer[] = [];
  const implicitlyBad: PodContainer[] = [];
  for (const c of podContainers(podSpec)) {
    const value = valueAt(c.container, 'securityContext', 'runAsNonRoot');
    if (value === false) explicitlyBad.push(c);
    else if (value === undefined && !podRunAsNonRoot) implicitlyBad.push(c);
  }
  if (explicitlyBad.length > 0) {
    badSetters.push(describeContainers(namesOf(explicitlyBad)));
    paths.push(...explicitlyBad.map((c) => `${c.pointer}/securityContext/runAsNonRoot`));
  }
  // An explicit false is reported alone: upstream names only the setters in that case.
  if (badSetters.length > 0) {
    return forbidden('runAsNonRoot != true', `${badSetters.join(' and ')} must not set securityContext.runAsNonRoot=false`, paths);
  }
  if (implicitlyBad.length === 0) return ALLOWED;
  return forbidden(
    'runAsNonRoot != true',
    `pod or ${describeContainers(namesOf(implicitlyBad))} must set securityContext.runAsNonRoot=true`,
    implicitlyBad.map((c) => containerFieldPath(c, 'securityContext', 'runAsNonRoot')),
  );
};

/**
 * KEP-127: root inside a user namespace maps to an unprivileged host user. Upstream dropped the
 * feature-gated relaxation from the 1.0 policy and applies it unconditionally from 1.35.
 */
const runAsNonRootV1Dot35: PodCheckFn = (podMetadata, podSpec) =>
  isUserNamespacePod(podSpec) ? ALLOWED : runAsNonRootV1Dot0(podMetadata, podSpec);

export const runAsNonRoot: PodSecurityCheck = {
  id: 'runAsNonRoot',
  level: 'restricted',
  versions: [
    { minimumVersion: '1.0', check: runAsNonRootV1Dot0 },
    { minimumVersion: '1.35', check: runAsNonRootV1Dot35 },
  ],
};

export default pssScanCheck(runAsNonRoot, {
  title: 'Container may run as root',
  severity: 'medium',
  controls: [pssLevel('restricted'), cis('5.2.7'), NSA_NON_ROOT],
  remediation:
    'Set `securityContext.runAsNonRoot: true` on the pod (containers inherit it) and build the image with a non-root USER, or set `runAsUser` to a non-zero UID.',
  docs: [
    'A container running as root is one kernel or runtime bug away from root on the node, and',
    'can modify everything in its own file system. Pod Security Standards **restricted** requires',
    '`runAsNonRoot: true` on the pod or on every container; from policy version 1.35 the rule is',
    'skipped for pods in a user namespace (`spec.hostUsers: false`), where root is unprivileged.',
  ].join('\n'),
});
