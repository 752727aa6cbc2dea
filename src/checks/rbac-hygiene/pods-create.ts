/**
 * Control: access to create pods is kept to the identities that need it (CIS 5.1.4).
 * Looks at: every rule of a Role or ClusterRole granting create on pods, wildcards included.
 */
import { permissionCheck } from './rbac-objects.js';

export default permissionCheck({
  id: 'rbac.pods-create',
  title: 'Role can create pods',
  // medium: pod creation can mount any ServiceAccount of the namespace, but admission control limits what the pod may do.
  severity: 'medium',
  controls: [
    { framework: 'cis-k8s', id: '5.1.4' },
    { framework: 'nsa-cisa', id: 'authentication-and-authorization' },
    { framework: 'mitre-attack', id: 'T1610' },
    { framework: 'pci-dss', id: '7.2.2' },
    { framework: 'soc2', id: 'CC6.3' },
  ],
  permissions: [{ verbs: ['create'], apiGroup: '', resource: 'pods' }],
  countNamedRules: true,
  remediation:
    'Remove create on pods from the rule unless the subject is a controller or deployment pipeline that must create pods. Deploy through workload controllers and reviewed pipelines instead of direct pod creation.',
  docs: [
    'Creating pods lets its holder run code as any ServiceAccount of the namespace, within what admission allows.',
    '',
    'Whoever creates a pod chooses its ServiceAccount (gaining that account\'s permissions), its',
    'image and, as far as admission allows, its securityContext and host access. CIS 5.1.4 asks',
    'that this access is kept to the identities that need it.',
    '',
    'The check reports each rule that grants `create` on `pods`, including through wildcards.',
  ].join('\n'),
});
