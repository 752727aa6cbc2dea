/**
 * Shared process namespace: `spec.shareProcessNamespace` must be unset or false. With it, every
 * container of the pod sees the processes of the others, can signal them and reads their
 * filesystems and environment through /proc/<pid>/root and /proc/<pid>/environ — a sidecar's
 * secrets become the application's, and the other way round.
 */
import { defineCheck } from '../../engine/types.js';
import { podTemplates } from '../../model/pod-templates.js';
import { joinPointer } from '../../model/types.js';
import { listContainers } from '../../model/visit.js';
import { HIPAA, NSA, attack, cis, pci, soc2 } from './controls.js';
import { valueAt } from './helpers.js';

export default defineCheck<'shared'>({
  id: 'workload.share-process-namespace',
  title: 'Containers share a process namespace',
  domain: 'workload',
  // medium: it removes the isolation between containers of one pod (credentials and files of sidecars become reachable), not between pod and node.
  severity: 'medium',
  scope: 'resource',
  match: 'pod-templates',
  controls: [cis('5.7.3'), NSA.podSecurity, attack('T1552.001'), attack('T1055'), pci('2.2.6'), soc2('CC6.1'), HIPAA.accessControl],
  messages: {
    shared: 'pod sets shareProcessNamespace=true: its {{count}} containers see and can signal each other\'s processes',
  },
  remediation:
    'Remove `shareProcessNamespace: true` from the pod spec. For debugging, attach an ephemeral container with `kubectl debug --target` instead.',
  docs: [
    'With a shared process namespace every container of a pod can see and signal the others\'',
    'processes and read their files and environment.',
    '',
    'With `shareProcessNamespace: true` all containers of a pod run in one PID namespace. Each',
    'sees the others\' processes and, running as the same user, can send them signals and read',
    'their filesystems and environment through `/proc/<pid>/root` and `/proc/<pid>/environ`.',
    'A compromised application container then reaches the credentials of its sidecars (service',
    'mesh keys, log shipper tokens), and the reverse. The pause container also stops being PID',
    '1 of each container, which changes signal handling.',
    '',
    'The usual reason to enable it is debugging; `kubectl debug -it POD --target=CONTAINER`',
    'targets one container\'s namespace with an ephemeral container and leaves the pod alone.',
    '',
    '```yaml',
    'spec:',
    '  shareProcessNamespace: false   # or omit the field',
    '```',
  ].join('\n'),
  evaluate(ctx) {
    for (const template of podTemplates(ctx.resource)) {
      if (valueAt(template.spec, 'shareProcessNamespace') !== true) continue;
      const specPointer = `${template.pointer}/spec`;
      const count = listContainers(template.spec, specPointer).length;
      ctx.report({ messageId: 'shared', data: { count }, path: joinPointer(specPointer, 'shareProcessNamespace') });
    }
  },
});
