/**
 * capabilities_baseline (baseline, 1.0+): adding NET_RAW or capabilities beyond the container
 * runtime's default set is forbidden. Restricted evaluation runs capabilities_restricted instead
 * from 1.22.
 *
 * Restricted fields: spec.{initContainers,containers,ephemeralContainers}[*].securityContext.capabilities.add
 * Allowed values: undefined/empty, or a subset of AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER,
 *   FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT
 */
import { ATTACK_ESCAPE_TO_HOST, NSA_POD_SECURITY, cis, pssLevel } from './controls.js';
import { capabilities_restricted } from './capabilities_restricted.js';
import { ALLOWED, describeContainers, forbidden, joinQuote, listAt, objectAt, podContainers, sortedSet } from './helpers.js';
import { pssScanCheck } from './scan-check.js';
import type { PodCheckFn, PodSecurityCheck } from './types.js';

const ALLOWED_CAPABILITIES_V1_0: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

const capabilitiesBaselineV1Dot0: PodCheckFn = (_podMetadata, podSpec) => {
  const badContainers: string[] = [];
  const added: string[] = [];
  const paths: string[] = [];
  for (const c of podContainers(podSpec)) {
    const capabilities = objectAt(c.container, 'securityContext', 'capabilities');
    if (capabilities === undefined) continue;
    let bad = false;
    listAt(capabilities, 'add').forEach((capability, index) => {
      const name = typeof capability === 'string' ? capability : '';
      if (ALLOWED_CAPABILITIES_V1_0.has(name)) return;
      bad = true;
      added.push(name);
      paths.push(`${c.pointer}/securityContext/capabilities/add/${index}`);
    });
    if (bad) badContainers.push(c.name);
  }
  if (badContainers.length === 0) return ALLOWED;
  return forbidden(
    'non-default capabilities',
    `${describeContainers(badContainers)} must not include ${joinQuote(sortedSet(added))} in securityContext.capabilities.add`,
    paths,
  );
};

export const capabilities_baseline: PodSecurityCheck = {
  id: 'capabilities_baseline',
  level: 'baseline',
  versions: [{ minimumVersion: '1.0', check: capabilitiesBaselineV1Dot0 }],
};

export default pssScanCheck(capabilities_baseline, {
  title: 'Non-default capability added',
  severity: 'high',
  controls: [pssLevel('baseline'), cis('5.2.8'), cis('5.2.9'), NSA_POD_SECURITY, ATTACK_ESCAPE_TO_HOST],
  remediation:
    'Remove the capability from `securityContext.capabilities.add`. Keep only capabilities of the runtime default set, and prefer dropping ALL and adding back NET_BIND_SERVICE alone.',
  docs: [
    'Capabilities such as `SYS_ADMIN`, `SYS_PTRACE`, `SYS_MODULE` or `NET_ADMIN` give a',
    'container kernel powers close to root on the node, and `NET_RAW` enables packet spoofing.',
    'Pod Security Standards **baseline** allows adding only capabilities that the container',
    'runtime grants by default anyway.',
  ].join('\n'),
  overriddenBy: [capabilities_restricted],
});
