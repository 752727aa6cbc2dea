/**
 * High UID: the effective `securityContext.runAsUser` of every container (container value, else
 * pod value) must be set and at least `minimumUid` (10000 by default). UIDs below 10000 are
 * those of root, system daemons and regular users on the node; a process that escapes the
 * container, or writes through a shared volume, does so as that user.
 */
import { defineCheck } from '../../engine/types.js';
import { HIPAA, NSA, attack, cis, pci, soc2 } from './controls.js';
import { HIGH_ID_MESSAGES, evaluateHighId, type HighIdMessage } from './high-id.js';

export interface RunAsHighUidOptions {
  /** The lowest UID a container may run as. */
  minimumUid: number;
}

export default defineCheck<HighIdMessage, RunAsHighUidOptions>({
  id: 'workload.run-as-high-uid',
  title: 'Container UID below the minimum',
  domain: 'workload',
  // medium: a low or unknown UID is no compromise by itself but turns a container escape or a shared mount into access as an existing host user.
  severity: 'medium',
  scope: 'resource',
  match: 'pod-templates',
  controls: [cis('5.2.7'), NSA.nonRoot, attack('T1611'), pci('2.2.6'), pci('7.2.5'), soc2('CC6.1'), HIPAA.accessControl],
  defaultOptions: { minimumUid: 10000 },
  messages: HIGH_ID_MESSAGES,
  remediation:
    'Set `securityContext.runAsUser` to a UID of 10000 or more at the pod level (or on each container), and build the image so the application runs as that user.',
  docs: [
    'A container whose UID is below 10000, or left to the image, shares its identity with',
    'root or an existing node account, which an escape or a shared volume turns into access.',
    '',
    'Kubernetes runs a container as the UID in `securityContext.runAsUser` (the container value',
    'overrides the pod value), or, when neither is set, as the image `USER` — often root. UIDs',
    'below 10000 are taken on the node by root, system daemons and login users: if the process',
    'escapes the container, or writes to a hostPath or a shared volume, it acts as that user.',
    'A UID of 10000 or more matches no node account.',
    '',
    'A low pod-level value is reported once, at the pod field, naming the containers that',
    'inherit it. An unset value is reported per container, because the image then decides.',
    'Option `minimumUid` (default 10000) sets the bound. Windows pods are skipped.',
    '',
    '```yaml',
    'spec:',
    '  securityContext:',
    '    runAsNonRoot: true',
    '    runAsUser: 10001',
    '    runAsGroup: 10001',
    '```',
  ].join('\n'),
  evaluate(ctx) {
    evaluateHighId(ctx, 'runAsUser', ctx.options.minimumUid);
  },
});
