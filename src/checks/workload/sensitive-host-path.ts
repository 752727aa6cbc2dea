/**
 * The template of the sensitive host path checks: one registered check per entry of
 * {@link SENSITIVE_HOST_PATHS} (`workload.host-path-<slug>`). Field: `spec.volumes[*].hostPath.path`
 * of every pod template. Reported: a path attributed to the entry by {@link classifyHostPath}
 * (the entry itself, anything below it, or an ancestor containing it). Mounting these paths
 * hands the container a direct route to the node; `readOnly` does not help for sockets and
 * credentials, which only need to be read or connected to.
 */
import { defineCheck, type CheckDefinition } from '../../engine/types.js';
import { InternalError } from '../../errors.js';
import { HIPAA, NSA, attack, cis, pci, soc2 } from './controls.js';
import { hostPathVolumes } from './host-path-volumes.js';
import {
  SENSITIVE_HOST_PATHS,
  sensitiveHostPathProblems,
  type SensitiveHostPath,
  type SensitiveHostPathSlug,
} from './sensitive-host-paths.js';

export type SensitiveHostPathMessage = 'within' | 'contains';

function describeMatch(entry: SensitiveHostPath): string {
  return entry.match === 'socket'
    ? `any host path whose file name is \`${entry.name}\``
    : entry.name === '/'
      ? 'the host path `/` itself'
      : `\`${entry.name}\`, any path below it, and any ancestor that contains it`;
}

/** Builds the check for one sensitive host path. */
export function sensitiveHostPathCheck(entry: SensitiveHostPath): CheckDefinition<SensitiveHostPathMessage, Record<string, never>> {
  return defineCheck<SensitiveHostPathMessage>({
    id: `workload.host-path-${entry.slug}`,
    title: `Host path mount of ${entry.title}`,
    domain: 'workload',
    // critical entries hand over the node in one step (runtime API, kubelet credentials, host root); high ones expose node secrets or a known escape route.
    severity: entry.severity,
    scope: 'resource',
    match: 'pod-templates',
    controls: [
      cis('5.2.12'),
      NSA.podSecurity,
      attack('T1611'),
      ...entry.techniques.map(attack),
      pci('2.2.6'),
      pci('7.2.5'),
      soc2('CC6.1'),
      soc2('CC6.8'),
      HIPAA.accessControl,
    ],
    messages: {
      within: 'volume "{{volume}}" mounts host path "{{hostPath}}", exposing {{exposes}}',
      contains: 'volume "{{volume}}" mounts host path "{{hostPath}}", which contains {{sensitivePath}}: {{exposes}}',
    },
    remediation: `Remove the hostPath volume that mounts ${entry.title}. Give the workload what it needs through the Kubernetes API, a CSI driver, a projected volume or a dedicated, narrowly scoped node agent instead.`,
    docs: [
      `A \`hostPath\` volume of ${entry.title} exposes ${entry.exposes}. That is a direct route from`,
      'the container to the node (MITRE ATT&CK T1611, Escape to Host): whoever controls the',
      'container controls what the node lets that path do. A `readOnly` mount does not remove',
      'the risk — a socket only needs to be connected to, and credentials only need to be read.',
      '',
      `The check matches ${describeMatch(entry)}, after normalising the path (repeated slashes,`,
      '`.` and `..`). Each hostPath volume is reported by exactly one host-path check: runtime',
      'sockets first, then the most specific sensitive directory, then — for an ancestor such as',
      '`/var` — the most severe sensitive path it contains; other host paths fall to the generic',
      '`workload.host-path` check. Pod Security Standards baseline forbids every hostPath',
      'volume (`pss.hostPathVolumes`); this check says what a particular mount exposes.',
      '',
      'Node agents that genuinely need such access (log collectors, CSI node plugins, security',
      'sensors) belong in a dedicated namespace with a governed exception naming the owner.',
      '',
      '```yaml',
      '# instead of a hostPath volume, use an ephemeral or API-provided one',
      'volumes:',
      '  - name: scratch',
      '    emptyDir: {}',
      '```',
    ].join('\n'),
    evaluate(ctx) {
      for (const volume of hostPathVolumes(ctx.resource)) {
        const match = volume.sensitive;
        if (match?.entry !== entry) continue;
        ctx.report({
          messageId: match.relation,
          data: { volume: volume.volume, hostPath: volume.hostPath, exposes: entry.exposes, sensitivePath: entry.name },
          path: volume.pointer,
        });
      }
    },
  });
}

const problems = sensitiveHostPathProblems(SENSITIVE_HOST_PATHS);
if (problems.length > 0) throw new InternalError(`invalid sensitive host path table:\n  ${problems.join('\n  ')}`);

/** One check per sensitive host path, keyed by slug. */
export const SENSITIVE_HOST_PATH_CHECKS = Object.fromEntries(
  SENSITIVE_HOST_PATHS.map((entry) => [entry.slug, sensitiveHostPathCheck(entry)]),
) as Readonly<Record<SensitiveHostPathSlug, CheckDefinition<SensitiveHostPathMessage, Record<string, never>>>>;
