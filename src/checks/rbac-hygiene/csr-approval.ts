/**
 * Control: no ClusterRole grants approval of CertificateSigningRequests (CIS 5.1.11): update or
 * patch on `certificatesigningrequests/approval`, or `approve` on `signers`.
 * Looks at: ClusterRoles only (both resources are cluster-scoped); wildcards and
 * resourceNames-limited rules included.
 */
import { permissionCheck } from './rbac-objects.js';

const CERTIFICATES = 'certificates.k8s.io';

export default permissionCheck({
  id: 'rbac.csr-approval',
  title: 'ClusterRole can approve certificate signing requests',
  // high: approving CSRs for the kube-apiserver-client signer issues credentials for any user or group.
  severity: 'high',
  clusterScoped: true,
  controls: [
    { framework: 'cis-k8s', id: '5.1.11' },
    { framework: 'nsa-cisa', id: 'authentication-and-authorization' },
    { framework: 'mitre-attack', id: 'T1649' },
    { framework: 'pci-dss', id: '7.2.1' },
    { framework: 'soc2', id: 'CC6.1' },
  ],
  permissions: [
    { verbs: ['update', 'patch'], apiGroup: CERTIFICATES, resource: 'certificatesigningrequests', subresource: 'approval' },
    { verbs: ['approve'], apiGroup: CERTIFICATES, resource: 'signers' },
  ],
  countNamedRules: true,
  remediation:
    'Remove update and patch on certificatesigningrequests/approval and approve on signers from the rule. Leave approval to the controller manager and to cluster administrators.',
  docs: [
    'Approving certificate signing requests issues client certificates for any user or group, including system:masters.',
    '',
    'A client certificate signed by the `kubernetes.io/kube-apiserver-client` signer authenticates',
    'as the user and groups named in it, including `system:masters`, and cannot be revoked through',
    'RBAC. Approving a request takes `update` on `certificatesigningrequests/approval` plus',
    '`approve` on the signer.',
    '',
    'The check reports each ClusterRole rule granting either part.',
  ].join('\n'),
});
