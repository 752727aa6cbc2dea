/**
 * procMount_restricted (restricted, 1.35+): keeps the unconditional procMount rule for
 * restricted evaluation after baseline relaxed it for user-namespace pods; overrides procMount.
 *
 * Restricted fields: spec.{initContainers,containers,ephemeralContainers}[*].securityContext.procMount
 * Allowed values: undefined/null, "Default"
 */
import { NSA_POD_SECURITY, cis, pssLevel } from './controls.js';
import { forbidNonDefaultProcMount } from './proc-mount-rule.js';
import { pssScanCheck } from './scan-check.js';
import type { PodSecurityCheck } from './types.js';

export const procMount_restricted: PodSecurityCheck = {
  id: 'procMount_restricted',
  level: 'restricted',
  versions: [{ minimumVersion: '1.35', check: forbidNonDefaultProcMount, overrides: ['procMount'] }],
};

export default pssScanCheck(procMount_restricted, {
  title: 'Unmasked /proc mount (restricted)',
  severity: 'medium',
  controls: [pssLevel('restricted'), cis('5.7.3'), NSA_POD_SECURITY],
  remediation: 'Remove `securityContext.procMount` or set it to `Default`, including for pods that run with `hostUsers: false`.',
  docs: [
    'From policy version 1.35, baseline allows an unmasked `/proc` for pods in a user namespace.',
    'Pod Security Standards **restricted** does not: it requires the default proc mount for every',
    'container, whatever `spec.hostUsers` says.',
  ].join('\n'),
});
