/** Which kinds are cluster-scoped. Unknown kinds are treated as namespaced, as most custom resources are. */
const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'StorageClass',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'APIService',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding',
  'PriorityClass',
  'RuntimeClass',
  'IngressClass',
  'CertificateSigningRequest',
  'PodSecurityPolicy',
  'FlowSchema',
  'PriorityLevelConfiguration',
  'ComponentStatus',
  'ClusterPolicy',
  'ClusterPolicyReport',
  'ConstraintTemplate',
  'AdminNetworkPolicy',
  'BaselineAdminNetworkPolicy',
  'ClusterIssuer',
  'ClusterSecretStore',
  'ClusterExternalSecret',
]);

export function isClusterScoped(kind: string, apiVersion = ''): boolean {
  if (CLUSTER_SCOPED_KINDS.has(kind)) return true;
  // Gatekeeper constraints are cluster-scoped custom kinds.
  return apiVersion.startsWith('constraints.gatekeeper.sh/');
}
