/**
 * Literal credentials on the command line: `command[*]` and `args[*]` of every container, init
 * container and ephemeral container. Reported: a known token format anywhere in an item, or a
 * credential-shaped value given to a credential-like flag or variable (`--password=…`,
 * `--api-key …`, `DB_PASSWORD=…` inside a shell script). Command lines are even more exposed
 * than environment variables: they show in `ps`, in /proc/<pid>/cmdline and in process
 * listings of node monitoring tools.
 */
import { defineCheck } from '../../engine/types.js';
import { podTemplates } from '../../model/pod-templates.js';
import { joinPointer } from '../../model/types.js';
import { visitContainers } from '../../model/visit.js';
import { HIPAA, NSA, attack, cis, pci, soc2 } from '../workload/controls.js';
import { arrayAt, containerNoun } from '../workload/helpers.js';
import { DEFAULT_DETECTOR_OPTIONS, detectInArguments, type DetectorOptions } from './detect.js';

export default defineCheck<'knownFormat' | 'credentialKey', DetectorOptions>({
  id: 'secrets.args-literal-credential',
  title: 'Literal credential in a command line',
  domain: 'secrets',
  // critical: the credential is readable in the manifest and in every process listing on the node — exposure with no further step.
  severity: 'critical',
  scope: 'resource',
  match: 'pod-templates',
  controls: [cis('5.4.1'), NSA.secrets, attack('T1552.001'), attack('T1057'), pci('8.6.2'), pci('8.3.2'), soc2('CC6.1'), HIPAA.accessControl, HIPAA.authentication],
  defaultOptions: DEFAULT_DETECTOR_OPTIONS,
  messages: {
    knownFormat: '{{containerKind}} "{{container}}" {{field}}[{{index}}] holds a literal {{what}} ({{masked}})',
    credentialKey: '{{containerKind}} "{{container}}" {{field}}[{{index}}] passes "{{key}}" a literal credential ({{masked}})',
  },
  remediation:
    'Pass the credential through a mounted Secret file (for example `--password-file=/var/run/secrets/db/password`) instead of the command line, and rotate it: it has been exposed wherever the manifest was stored.',
  docs: [
    'Command-line arguments are the most visible place for a credential: besides the manifest,',
    'the repository and the workload object, they appear in `ps` output, in',
    '`/proc/<pid>/cmdline` (readable by every process on the node that shares the PID',
    'namespace) and in the process listings that node monitoring and runtime security tools',
    'ship to their backends.',
    '',
    'Each `command` and `args` item is searched for the same known token formats as',
    '`secrets.env-literal-credential`, and split into words to find `--flag=value`,',
    '`--flag value`, `-flag value` and `NAME=value` where the flag or name announces a',
    'credential and the value looks like one (same placeholder, reference, length and entropy',
    'rules and options). The finding names the item and the flag, with a masked value.',
    '',
    '```yaml',
    'args:',
    '  - --password-file=/var/run/secrets/db/password',
    '```',
  ].join('\n'),
  evaluate(ctx) {
    for (const template of podTemplates(ctx.resource)) {
      visitContainers(template.spec, `${template.pointer}/spec`, (c) => {
        for (const field of ['command', 'args'] as const) {
          const items = arrayAt(c.container, field).map((item) => (typeof item === 'string' ? item : ''));
          for (const { index, detection } of detectInArguments(items, ctx.options)) {
            ctx.report({
              messageId: detection.reason,
              data: { container: c.name, containerKind: containerNoun(c.kind), field, index, key: detection.key ?? '', what: detection.what, masked: detection.masked },
              path: joinPointer(c.pointer, field, index),
            });
          }
        }
      });
    }
  },
});
