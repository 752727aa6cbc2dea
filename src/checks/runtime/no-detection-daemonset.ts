/**
 * Control: when the posture requires runtime threat detection, a detection agent runs as a
 * DaemonSet (Falco, Tetragon, Tracee, Sysdig, KubeArmor, NeuVector… — see detectors.ts).
 * Looks at: the DaemonSets of the inventory, when the `requireRuntimeDetection` option is true;
 * the finding is reported on the first Namespace by name (else the first resource).
 */
import { defineCheck } from '../../engine/types.js';
import { clusterAnchor } from '../admission/anchor.js';
import { detectorOf, RUNTIME_DETECTORS } from './detectors.js';

export interface RuntimeDetectionOptions {
  /** The posture requires runtime threat detection (regulated or multi-tenant clusters). */
  requireRuntimeDetection: boolean;
}

export default defineCheck<'noDetector', RuntimeDetectionOptions>({
  id: 'runtime.no-detection-daemonset',
  title: 'No runtime threat-detection DaemonSet',
  // medium: nothing would notice a compromise in progress (shells in containers, unexpected binaries, escapes); it does not itself open a path.
  severity: 'medium',
  scope: 'inventory',
  match: ['DaemonSet'],
  domain: 'runtime',
  defaultOptions: { requireRuntimeDetection: false },
  controls: [
    { framework: 'nsa-cisa', id: 'audit-logging-and-threat-detection' },
    { framework: 'mitre-attack', id: 'T1609' },
    { framework: 'pci-dss', id: '11.5.1' },
    { framework: 'pci-dss', id: '10.2.1' },
    { framework: 'hipaa', id: '164.312(b)' },
    { framework: 'hipaa', id: '164.308(a)(1)(ii)(D)' },
    { framework: 'soc2', id: 'CC7.2' },
  ],
  messages: { noDetector: 'the posture requires runtime threat detection, but no detection agent DaemonSet ({{products}}) is in the inventory' },
  remediation:
    'Deploy a runtime detection agent as a DaemonSet on every node (Falco, Tetragon or an equivalent), route its alerts to the team on call, and tune its rules for the cluster\'s workloads. Run `rampart harden` for a Falco starting point.',
  docs: [
    'Without runtime detection nothing notices a compromise in progress, such as a shell in a container or an escape attempt.',
    '',
    'Admission control decides what may start; runtime detection notices what a running container',
    'does: a shell spawned in a web server, a write below /etc, a read of a ServiceAccount token, a',
    'kernel module load. Regulated environments (PCI-DSS 11.5.1, HIPAA audit controls) expect such',
    'monitoring, and NSA/CISA recommends it.',
    '',
    'The check runs when the posture requires runtime detection (option',
    '`requireRuntimeDetection: true`) and looks for a DaemonSet running a known detection agent,',
    'recognised by its image: Falco, Tetragon, Tracee, Sysdig, KubeArmor, NeuVector, Aqua, Prisma',
    'Cloud Defender, CrowdStrike Falcon, Datadog Workload Protection, Microsoft Defender for',
    'Containers or the Kubescape node agent. The finding is reported on the first Namespace by name.',
  ].join('\n'),
  evaluate: ({ inventory, options, report }) => {
    if (!options.requireRuntimeDetection) return;
    if (inventory.ofKind('DaemonSet').some((ds) => detectorOf(ds) !== undefined)) return;
    const anchor = clusterAnchor(inventory);
    if (!anchor) return;
    report({ resource: anchor, messageId: 'noDetector', data: { products: RUNTIME_DETECTORS.map((d) => d.product).join(', ') }, path: '' });
  },
});
