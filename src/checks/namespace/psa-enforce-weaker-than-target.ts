/**
 * Control: each namespace enforces at least the target Pod Security level.
 * Restricted field: metadata.labels["pod-security.kubernetes.io/enforce"] of a Namespace.
 * Allowed: a level at least as strict as the target (option `targetLevel`, default the run's
 * Pod Security level). A value that is not a level is reported too. System namespaces are exempt
 * by default.
 */
import { defineCheck, type PssLevel } from '../../engine/types.js';
import { ENFORCE_LABEL, isCheckedNamespace, labelPointer, levelRank, SYSTEM_NAMESPACES, targetLevel, type ExemptNamespacesOption } from './psa-labels.js';

export interface EnforceLevelOptions extends ExemptNamespacesOption {
  /** Target posture; defaults to the run's Pod Security level (`--level`). */
  targetLevel?: PssLevel;
}

export default defineCheck<'weaker' | 'invalidLevel', EnforceLevelOptions>({
  id: 'namespace.psa-enforce-weaker-than-target',
  title: 'Namespace enforces a weaker Pod Security level than the target',
  // medium: pods the target posture forbids (privileged, host access, root) are admitted in this namespace.
  severity: 'medium',
  scope: 'resource',
  match: ['Namespace'],
  domain: 'namespace',
  defaultOptions: { exemptNamespaces: [...SYSTEM_NAMESPACES] },
  controls: [
    { framework: 'cis-k8s', id: '5.2.1' },
    { framework: 'pss', id: 'restricted' },
    { framework: 'nsa-cisa', id: 'pod-security-enhancements' },
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'pci-dss', id: '2.2.1' },
    { framework: 'soc2', id: 'CC6.8' },
  ],
  messages: {
    weaker: 'Namespace {{name}} enforces Pod Security level {{level}}, weaker than the target {{target}}',
    invalidLevel: 'Namespace {{name}} sets pod-security.kubernetes.io/enforce to "{{level}}", which is not a Pod Security level (privileged, baseline, restricted)',
  },
  remediation:
    'Set pod-security.kubernetes.io/enforce to the target level (restricted for most application namespaces). Move workloads that genuinely need host access to a dedicated, separately reviewed namespace.',
  docs: [
    'A namespace that enforces a weaker Pod Security level than the target admits pods the posture forbids.',
    '',
    'The `pod-security.kubernetes.io/enforce` label decides which pods the namespace admits.',
    '`privileged` admits everything; `baseline` blocks known privilege escalations; `restricted`',
    'also requires non-root users, dropped capabilities and a seccomp profile.',
    '',
    'The check reports a Namespace whose enforce level is weaker than the target posture: the',
    '`targetLevel` option, or by default the Pod Security level of the run (`--level`). A value that',
    'is not one of the three levels is reported as well. System namespaces are exempt by default',
    '(option `exemptNamespaces`).',
  ].join('\n'),
  evaluate: ({ resource, options, settings, report }) => {
    if (!isCheckedNamespace(resource, options.exemptNamespaces)) return;
    const level = resource.labels[ENFORCE_LABEL];
    if (level === undefined) return;
    const target = targetLevel(options.targetLevel, settings.pssLevel);
    const path = labelPointer(resource, ENFORCE_LABEL);
    const rank = levelRank(level);
    if (rank === undefined) {
      report({ messageId: 'invalidLevel', data: { name: resource.name, level }, path });
      return;
    }
    if (rank < (levelRank(target) ?? 0)) report({ messageId: 'weaker', data: { name: resource.name, level, target }, path });
  },
});
