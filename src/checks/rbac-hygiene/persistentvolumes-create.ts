/**
 * Control: access to create PersistentVolumes is kept to administrators (CIS 5.1.9).
 * Looks at: ClusterRoles only (PersistentVolumes are cluster-scoped), wildcards included.
 */
import { permissionCheck } from './rbac-objects.js';

export default permissionCheck({
  id: 'rbac.persistentvolumes-create',
  title: 'ClusterRole can create PersistentVolumes',
  // medium: a hostPath PersistentVolume reaches the node filesystem, but a pod must still claim it.
  severity: 'medium',
  clusterScoped: true,
  controls: [
    { framework: 'cis-k8s', id: '5.1.9' },
    { framework: 'nsa-cisa', id: 'authentication-and-authorization' },
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'pci-dss', id: '7.2.2' },
    { framework: 'soc2', id: 'CC6.3' },
  ],
  permissions: [{ verbs: ['create'], apiGroup: '', resource: 'persistentvolumes' }],
  countNamedRules: true,
  remediation:
    'Remove create on persistentvolumes from the rule. Provision volumes through StorageClasses and dynamic provisioning so that users only create PersistentVolumeClaims.',
  docs: [
    'Creating PersistentVolumes can expose any hostPath of a node to a pod that claims the volume.',
    '',
    'A PersistentVolume can point at any `hostPath` on the node. A pod that claims it reads and',
    'writes the node filesystem even where Pod Security forbids hostPath volumes in pods, because',
    'admission sees only the claim.',
    '',
    'The check reports each ClusterRole rule that grants `create` on `persistentvolumes`.',
  ].join('\n'),
});
