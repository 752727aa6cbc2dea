/**
 * windowsHostProcess (baseline, 1.0+): Windows HostProcess containers run directly on the host
 * and are forbidden.
 *
 * Restricted fields: spec.securityContext.windowsOptions.hostProcess,
 *   spec.{initContainers,containers,ephemeralContainers}[*].securityContext.windowsOptions.hostProcess
 * Allowed values: false, undefined/null
 */
import { ATTACK_ESCAPE_TO_HOST, NSA_POD_SECURITY, cis, pssLevel } from './controls.js';
import { ALLOWED, describeContainers, forbidden, namesOf, podContainers, valueAt } from './helpers.js';
import { pssScanCheck } from './scan-check.js';
import type { PodCheckFn, PodSecurityCheck } from './types.js';

const FIELD = ['securityContext', 'windowsOptions', 'hostProcess'] as const;

const windowsHostProcessV1Dot0: PodCheckFn = (_podMetadata, podSpec) => {
  const badSetters: string[] = [];
  const paths: string[] = [];
  if (valueAt(podSpec, ...FIELD) === true) {
    badSetters.push('pod');
    paths.push(`/spec/${FIELD.join('/')}`);
  }
  const badContainers = podContainers(podSpec).filter((c) => valueAt(c.container, ...FIELD) === true);
  if (badContainers.length > 0) {
    badSetters.push(describeContainers(namesOf(badContainers)));
    paths.push(...badContainers.map((c) => `${c.pointer}/${FIELD.join('/')}`));
  }
  if (badSetters.length === 0) return ALLOWED;
  return forbidden(
    'hostProcess',
    `${badSetters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true`,
    paths,
  );
};

export const windowsHostProcess: PodSecurityCheck = {
  id: 'windowsHostProcess',
  level: 'baseline',
  versions: [{ minimumVersion: '1.0', check: windowsHostProcessV1Dot0 }],
};

export default pssScanCheck(windowsHostProcess, {
  title: 'Windows HostProcess container',
  severity: 'high',
  controls: [pssLevel('baseline'), cis('5.2.11'), NSA_POD_SECURITY, ATTACK_ESCAPE_TO_HOST],
  remediation:
    'Remove `windowsOptions.hostProcess: true` from the pod and container security contexts. Run node administration tasks outside application namespaces.',
  docs: [
    'A Windows HostProcess container runs as a process on the node, with access to the host',
    'network, file system and devices: the Windows equivalent of a privileged container. Pod',
    'Security Standards **baseline** forbids `windowsOptions.hostProcess: true`.',
  ].join('\n'),
});
