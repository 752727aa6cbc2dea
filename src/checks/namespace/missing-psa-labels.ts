/**
 * Control: every namespace opts into Pod Security Admission (CIS 5.2.1).
 * Restricted field: metadata.labels of a Namespace. Required: pod-security.kubernetes.io/enforce.
 * Reported: no PSA label at all, or audit/warn labels without enforce. System namespaces are
 * exempt by default (option `exemptNamespaces`).
 */
import { defineCheck } from '../../engine/types.js';
import { ENFORCE_LABEL, isCheckedNamespace, labelPointer, PSA_PREFIX, SYSTEM_NAMESPACES, type ExemptNamespacesOption } from './psa-labels.js';

export default defineCheck<'noLabels' | 'noEnforce', ExemptNamespacesOption>({
  id: 'namespace.missing-psa-labels',
  title: 'Namespace without Pod Security Admission enforcement',
  // medium: without an enforce label the namespace takes the cluster default, usually privileged, so nothing stops a privileged pod.
  severity: 'medium',
  scope: 'resource',
  match: ['Namespace'],
  domain: 'namespace',
  defaultOptions: { exemptNamespaces: [...SYSTEM_NAMESPACES] },
  controls: [
    { framework: 'cis-k8s', id: '5.2.1' },
    { framework: 'pss', id: 'baseline' },
    { framework: 'nsa-cisa', id: 'pod-security-enhancements' },
    { framework: 'mitre-attack', id: 'T1610' },
    { framework: 'pci-dss', id: '2.2.1' },
    { framework: 'soc2', id: 'CC6.8' },
  ],
  messages: {
    noLabels: 'Namespace {{name}} has no Pod Security Admission labels: pods are admitted at the cluster default level',
    noEnforce: 'Namespace {{name}} sets Pod Security {{modes}} but not enforce: violations are only reported, never blocked',
  },
  remediation:
    'Label the namespace with pod-security.kubernetes.io/enforce set to restricted (or baseline where workloads need it), and set audit and warn to the same or a stricter level.',
  docs: [
    'A namespace without a Pod Security enforce label admits pods at the cluster default, usually privileged.',
    '',
    'Pod Security Admission applies the Pod Security Standards per namespace, read from the labels',
    '`pod-security.kubernetes.io/enforce`, `audit` and `warn`. A namespace without an `enforce`',
    'label falls back to the cluster\'s AdmissionConfiguration default, which is `privileged`',
    'unless the control plane was configured otherwise: privileged, hostPath and host-namespace',
    'pods are admitted.',
    '',
    'The check reports Namespaces with no PSA label, and Namespaces with only `audit` or `warn`.',
    '`kube-system`, `kube-public` and `kube-node-lease` are exempt by default (option',
    '`exemptNamespaces`).',
  ].join('\n'),
  evaluate: ({ resource, options, report }) => {
    if (!isCheckedNamespace(resource, options.exemptNamespaces)) return;
    if (resource.labels[ENFORCE_LABEL] !== undefined) return;
    const modes = ['audit', 'warn'].filter((mode) => resource.labels[`${PSA_PREFIX}${mode}`] !== undefined);
    report({
      messageId: modes.length === 0 ? 'noLabels' : 'noEnforce',
      data: { name: resource.name, modes: modes.join(' and ') },
      path: labelPointer(resource, ENFORCE_LABEL),
    });
  },
});
