/**
 * procMount (baseline, 1.0+; relaxed for user-namespace pods from 1.35): the default /proc masks
 * must stay in place. Restricted evaluation runs procMount_restricted instead from 1.35.
 *
 * Restricted fields: spec.{initContainers,containers,ephemeralContainers}[*].securityContext.procMount
 * Allowed values: undefined/null, "Default"; from 1.35 any value when spec.hostUsers is false
 */
import { NSA_POD_SECURITY, cis, pssLevel } from './controls.js';
import { ALLOWED, isUserNamespacePod } from './helpers.js';
import { forbidNonDefaultProcMount } from './proc-mount-rule.js';
import { procMount_restricted } from './procMount_restricted.js';
import { pssScanCheck } from './scan-check.js';
import type { PodCheckFn, PodSecurityCheck } from './types.js';

/**
 * A pod in its own user namespace cannot reach the host's /proc through an unmasked mount, so
 * upstream relaxes baseline for it (the API server additionally requires hostUsers: false for
 * Unmasked). Restricted keeps the unconditional rule through procMount_restricted.
 */
const procMountV1Dot35: PodCheckFn = (podMetadata, podSpec) =>
  isUserNamespacePod(podSpec) ? ALLOWED : forbidNonDefaultProcMount(podMetadata, podSpec);

export const procMount: PodSecurityCheck = {
  id: 'procMount',
  level: 'baseline',
  versions: [
    { minimumVersion: '1.0', check: forbidNonDefaultProcMount },
    { minimumVersion: '1.35', check: procMountV1Dot35 },
  ],
};

export default pssScanCheck(procMount, {
  title: 'Unmasked /proc mount',
  severity: 'medium',
  controls: [pssLevel('baseline'), cis('5.7.3'), NSA_POD_SECURITY],
  remediation:
    'Remove `securityContext.procMount` or set it to `Default`. If the workload (for example a nested container runtime) needs an unmasked /proc, run it with `hostUsers: false`.',
  docs: [
    'The container runtime masks and read-only-mounts sensitive parts of `/proc` (such as',
    '`/proc/kcore` and `/proc/sys`). `procMount: Unmasked` removes those masks. Pod Security',
    'Standards **baseline** requires the default; from policy version 1.35 baseline allows other',
    'values for pods that run in a user namespace (`spec.hostUsers: false`).',
  ].join('\n'),
  overriddenBy: [procMount_restricted],
});
