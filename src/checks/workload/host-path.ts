/**
 * Generic hostPath mounts: any `spec.volumes[*].hostPath` of a pod template that none of the
 * sensitive host path checks (`workload.host-path-<slug>`, high or critical) claims. Allowed:
 * no hostPath volumes. A hostPath ties the pod to one node and shares node files across pods and
 * tenants; even a harmless-looking directory can hold symlinks or files other workloads trust.
 */
import { defineCheck } from '../../engine/types.js';
import { HIPAA, NSA, attack, cis, pci, soc2 } from './controls.js';
import { hostPathVolumes } from './host-path-volumes.js';

export default defineCheck<'hostPath'>({
  id: 'workload.host-path',
  title: 'Host path mount',
  domain: 'workload',
  // medium: a node directory that is not known to be sensitive still crosses the pod/node boundary and shares state between tenants, but is not by itself a path to compromise.
  severity: 'medium',
  scope: 'resource',
  match: 'pod-templates',
  controls: [cis('5.2.12'), NSA.podSecurity, attack('T1611'), pci('2.2.6'), soc2('CC6.1'), HIPAA.accessControl],
  messages: {
    hostPath: 'volume "{{volume}}" mounts host path "{{hostPath}}" from the node',
  },
  remediation:
    'Replace the hostPath volume with an emptyDir, a PersistentVolumeClaim, a ConfigMap or Secret volume, or a CSI volume, so the pod does not depend on node files.',
  docs: [
    'A `hostPath` volume crosses the boundary between pod and node: what is written there',
    'outlives the pod and is shared with every pod that mounts the same path.',
    '',
    'A `hostPath` volume mounts a file or directory of the node into the pod. It crosses the',
    'boundary between pod and node: files written there outlive the pod, are visible to every',
    'other pod that mounts the same path (other tenants included), and symlinks or device',
    'files planted there can be followed by node software. It also pins the pod\'s data to one',
    'node.',
    '',
    'This check reports host paths that no sensitive host path check claims; mounts of runtime',
    'sockets, `/`, `/etc`, `/proc`, `/var/run`, `/var/lib/kubelet` and the like are reported by',
    'their own, higher-rated `workload.host-path-*` checks instead, so each volume yields one',
    'finding.',
    '',
    '```yaml',
    'volumes:',
    '  - name: cache',
    '    emptyDir: { sizeLimit: 1Gi }',
    '```',
  ].join('\n'),
  evaluate(ctx) {
    for (const volume of hostPathVolumes(ctx.resource)) {
      if (volume.sensitive) continue;
      ctx.report({ messageId: 'hostPath', data: { volume: volume.volume, hostPath: volume.hostPath }, path: volume.pointer });
    }
  },
});
