/**
 * High GID: the effective `securityContext.runAsGroup` of every container (container value, else
 * pod value) must be set and at least `minimumGid` (10000 by default). When it is unset the
 * process runs with the image's primary group, which is GID 0 (root) unless the image says
 * otherwise, and group 0 owns many files on the node and in images.
 */
import { defineCheck } from '../../engine/types.js';
import { HIPAA, NSA, attack, cis, pci, soc2 } from './controls.js';
import { HIGH_ID_MESSAGES, evaluateHighId, type HighIdMessage } from './high-id.js';

export interface RunAsHighGidOptions {
  /** The lowest GID a container may run as. */
  minimumGid: number;
}

export default defineCheck<HighIdMessage, RunAsHighGidOptions>({
  id: 'workload.run-as-high-gid',
  title: 'Container GID below the minimum',
  domain: 'workload',
  // medium: the root or a system group grants file access after an escape or through shared volumes, but is not a compromise by itself.
  severity: 'medium',
  scope: 'resource',
  match: 'pod-templates',
  controls: [cis('5.2.7'), NSA.nonRoot, attack('T1611'), pci('2.2.6'), soc2('CC6.1'), HIPAA.accessControl],
  defaultOptions: { minimumGid: 10000 },
  messages: HIGH_ID_MESSAGES,
  remediation:
    'Set `securityContext.runAsGroup` to a GID of 10000 or more at the pod level (or on each container), together with `runAsUser`.',
  docs: [
    'A container without a high `runAsGroup` usually runs with GID 0 (root), a group that',
    'owns many files on the node and in images.',
    '',
    'Without `runAsGroup` a container runs with the primary group of the image user, which is',
    'GID 0 (root) in most images even when `runAsUser` is non-zero. Group 0 and the other low',
    'system groups (disk, adm, docker…) own files on the node and inside images; a process that',
    'escapes, or that shares a volume, reads and writes with that group. A GID of 10000 or more',
    'matches no node group.',
    '',
    'The container value overrides the pod value. A low pod-level value is reported once, at the',
    'pod field. Option `minimumGid` (default 10000) sets the bound. Windows pods are skipped.',
    '',
    '```yaml',
    'spec:',
    '  securityContext:',
    '    runAsUser: 10001',
    '    runAsGroup: 10001',
    '```',
  ].join('\n'),
  evaluate(ctx) {
    evaluateHighId(ctx, 'runAsGroup', ctx.options.minimumGid);
  },
});
