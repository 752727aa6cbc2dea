/**
 * Control: no ClusterRole can create, change or delete admission webhook configurations
 * (CIS 5.1.12).
 * Looks at: ClusterRoles only (webhook configurations are cluster-scoped); wildcards and
 * resourceNames-limited rules included.
 */
import { permissionCheck } from './rbac-objects.js';

const ADMISSION = 'admissionregistration.k8s.io';
const WRITE = ['create', 'update', 'patch', 'delete', 'deletecollection'];

export default permissionCheck({
  id: 'rbac.webhook-config-write',
  title: 'ClusterRole can change admission webhook configurations',
  // high: a mutating webhook sees every object (Secrets included) and can inject containers; deleting validating webhooks disables policy.
  severity: 'high',
  clusterScoped: true,
  controls: [
    { framework: 'cis-k8s', id: '5.1.12' },
    { framework: 'nsa-cisa', id: 'authentication-and-authorization' },
    { framework: 'mitre-attack', id: 'T1562.001' },
    { framework: 'pci-dss', id: '7.2.1' },
    { framework: 'soc2', id: 'CC8.1' },
  ],
  permissions: [
    { verbs: WRITE, apiGroup: ADMISSION, resource: 'mutatingwebhookconfigurations' },
    { verbs: WRITE, apiGroup: ADMISSION, resource: 'validatingwebhookconfigurations' },
  ],
  countNamedRules: true,
  remediation:
    'Remove write verbs on mutatingwebhookconfigurations and validatingwebhookconfigurations from the rule. Only cluster administrators and the policy engine\'s own controller should manage them.',
  docs: [
    'Whoever writes admission webhook configurations can read every object admitted, inject containers, or switch policy off.',
    '',
    'Admission webhooks receive every object the API server admits. A mutating webhook under an',
    'attacker\'s control can read Secrets as they are written and inject privileged containers into',
    'new pods; deleting or weakening validating webhooks switches off policy enforcement.',
    '',
    'The check reports each ClusterRole rule that grants create, update, patch, delete or',
    'deletecollection on either kind of webhook configuration.',
  ].join('\n'),
});
