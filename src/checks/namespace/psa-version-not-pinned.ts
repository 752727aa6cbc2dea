/**
 * Control: the enforced Pod Security level is pinned to a Kubernetes version.
 * Restricted field: metadata.labels["pod-security.kubernetes.io/enforce-version"] of a Namespace
 * that sets an enforce level. Allowed: `v1.N`. Reported: absent, `latest`, or malformed.
 */
import { defineCheck } from '../../engine/types.js';
import { ENFORCE_LABEL, ENFORCE_VERSION_LABEL, isCheckedNamespace, labelPointer, SYSTEM_NAMESPACES, type ExemptNamespacesOption } from './psa-labels.js';

const PINNED_VERSION = /^v1\.(0|[1-9][0-9]*)$/;

export default defineCheck<'unpinned' | 'latest' | 'malformed', ExemptNamespacesOption>({
  id: 'namespace.psa-version-not-pinned',
  title: 'Pod Security enforce version not pinned',
  // low: hygiene; an upgrade may change what is admitted without review (a malformed value is rejected outright).
  severity: 'low',
  scope: 'resource',
  match: ['Namespace'],
  domain: 'namespace',
  defaultOptions: { exemptNamespaces: [...SYSTEM_NAMESPACES] },
  controls: [
    { framework: 'pss', id: 'baseline' },
    { framework: 'nsa-cisa', id: 'pod-security-enhancements' },
    { framework: 'pci-dss', id: '6.5.1' },
    { framework: 'soc2', id: 'CC8.1' },
  ],
  messages: {
    unpinned: 'Namespace {{name}} enforces Pod Security level {{level}} without pod-security.kubernetes.io/enforce-version: the policy follows every upgrade',
    latest: 'Namespace {{name}} pins Pod Security enforce-version to "latest": the policy follows every upgrade',
    malformed: 'Namespace {{name}} sets pod-security.kubernetes.io/enforce-version to "{{version}}", which is not a version such as v1.30',
  },
  remediation:
    'Set pod-security.kubernetes.io/enforce-version to the Kubernetes minor version the namespace was last reviewed against (for example v1.30), and raise it deliberately after checking workloads with a warn label at the newer version.',
  docs: [
    'An unpinned Pod Security version lets a control-plane upgrade change what a namespace admits without review.',
    '',
    'Each Pod Security level is defined per Kubernetes version, and its checks change over releases.',
    'Without `pod-security.kubernetes.io/enforce-version` (or with `latest`), a control-plane upgrade',
    'silently changes which pods the namespace admits: a rollout that passed yesterday may be',
    'rejected after the upgrade. Pinning makes the change a reviewed step: raise the pin after',
    'checking with `warn-version` at the new version.',
    '',
    'The check reports a Namespace that sets `pod-security.kubernetes.io/enforce` without a pinned',
    '`enforce-version` of the form `v1.N`.',
  ].join('\n'),
  evaluate: ({ resource, options, report }) => {
    if (!isCheckedNamespace(resource, options.exemptNamespaces)) return;
    const level = resource.labels[ENFORCE_LABEL];
    if (level === undefined) return;
    const version = resource.labels[ENFORCE_VERSION_LABEL];
    const path = labelPointer(resource, ENFORCE_VERSION_LABEL);
    if (version === undefined) report({ messageId: 'unpinned', data: { name: resource.name, level }, path });
    else if (version === 'latest') report({ messageId: 'latest', data: { name: resource.name }, path });
    else if (!PINNED_VERSION.test(version)) report({ messageId: 'malformed', data: { name: resource.name, version }, path });
  },
});
