/**
 * hostPathVolumes (baseline, 1.0+): hostPath volumes are forbidden. Restricted evaluation runs
 * restrictedVolumes instead, which forbids hostPath among other volume types.
 *
 * Restricted fields: spec.volumes[*].hostPath
 * Allowed values: undefined/null
 */
import { ATTACK_ESCAPE_TO_HOST, NSA_POD_SECURITY, cis, pssLevel } from './controls.js';
import { ALLOWED, forbidden, joinQuote, listAt, pluralize, stringAt, valueAt } from './helpers.js';
import { restrictedVolumes } from './restrictedVolumes.js';
import { pssScanCheck } from './scan-check.js';
import type { PodCheckFn, PodSecurityCheck } from './types.js';

const hostPathVolumesV1Dot0: PodCheckFn = (_podMetadata, podSpec) => {
  const names: string[] = [];
  const paths: string[] = [];
  listAt(podSpec, 'volumes').forEach((volume, index) => {
    if (valueAt(volume, 'hostPath') === undefined) return;
    names.push(stringAt(volume, 'name'));
    paths.push(`/spec/volumes/${index}/hostPath`);
  });
  if (names.length === 0) return ALLOWED;
  return forbidden('hostPath volumes', `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)}`, paths);
};

export const hostPathVolumes: PodSecurityCheck = {
  id: 'hostPathVolumes',
  level: 'baseline',
  versions: [{ minimumVersion: '1.0', check: hostPathVolumesV1Dot0 }],
};

export default pssScanCheck(hostPathVolumes, {
  title: 'hostPath volume',
  severity: 'high',
  controls: [pssLevel('baseline'), cis('5.2.12'), NSA_POD_SECURITY, ATTACK_ESCAPE_TO_HOST],
  remediation:
    'Replace the hostPath volume with a PersistentVolumeClaim, a ConfigMap, a Secret or an emptyDir volume. If the workload is a node agent that truly needs host files, run it in a dedicated namespace with a privileged Pod Security level.',
  docs: [
    'A hostPath volume mounts a directory of the node into the pod. Writable host paths such as',
    '`/`, `/etc`, `/var/run/docker.sock` or the kubelet directory are a direct route to node',
    'takeover. Pod Security Standards **baseline** forbids `spec.volumes[*].hostPath`.',
  ].join('\n'),
  overriddenBy: [restrictedVolumes],
});
