/**
 * Which resource types the live reader lists. One table serves the reader and the scanner
 * ClusterRole, so the role grants exactly what the reader asks for and nothing else.
 *
 * Types are named by group and plural resource only: the version comes from discovery (the
 * group's preferred version), so the reader follows the cluster through API migrations.
 */

export interface WantedType {
  /** API group; "" for the core group. */
  group: string;
  /** Plural resource name, as in RBAC rules. */
  resource: string;
  /** Why Rampart reads it (shown by `rampart rbac scanner-role --explain` and in docs). */
  why: string;
}

/**
 * Built-in types: workloads and their pods, exposure, network policy, RBAC, namespaces and
 * quotas, admission configuration, and the CRDs (to find custom resources with pod templates).
 * Events, Endpoints, Leases and the like are left out: they carry no security posture and are
 * the bulk of a busy cluster.
 */
export const BUILT_IN_TYPES: readonly WantedType[] = [
  { group: '', resource: 'configmaps', why: 'credentials in ConfigMaps, mounted configuration' },
  { group: '', resource: 'limitranges', why: 'default requests and limits per namespace' },
  { group: '', resource: 'namespaces', why: 'Pod Security Admission labels, suppressions' },
  { group: '', resource: 'nodes', why: 'kubelet and runtime versions' },
  { group: '', resource: 'pods', why: 'running pods, including pods without a controller' },
  { group: '', resource: 'podtemplates', why: 'pod templates stored as objects' },
  { group: '', resource: 'replicationcontrollers', why: 'legacy workloads' },
  { group: '', resource: 'resourcequotas', why: 'namespace quotas' },
  { group: '', resource: 'secrets', why: 'names, types and annotations only (metadata; never values)' },
  { group: '', resource: 'serviceaccounts', why: 'token automounting, workload identities' },
  { group: '', resource: 'services', why: 'exposure (NodePort, LoadBalancer, externalIPs)' },
  { group: 'admissionregistration.k8s.io', resource: 'mutatingwebhookconfigurations', why: 'admission control coverage' },
  { group: 'admissionregistration.k8s.io', resource: 'validatingadmissionpolicies', why: 'admission control coverage' },
  { group: 'admissionregistration.k8s.io', resource: 'validatingadmissionpolicybindings', why: 'admission control coverage' },
  { group: 'admissionregistration.k8s.io', resource: 'validatingwebhookconfigurations', why: 'admission control coverage' },
  { group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions', why: 'finds custom resources that embed pod templates' },
  { group: 'apps', resource: 'daemonsets', why: 'workloads' },
  { group: 'apps', resource: 'deployments', why: 'workloads' },
  { group: 'apps', resource: 'replicasets', why: 'workloads' },
  { group: 'apps', resource: 'statefulsets', why: 'workloads' },
  { group: 'autoscaling', resource: 'horizontalpodautoscalers', why: 'reliability of workloads' },
  { group: 'batch', resource: 'cronjobs', why: 'workloads' },
  { group: 'batch', resource: 'jobs', why: 'workloads' },
  { group: 'networking.k8s.io', resource: 'ingressclasses', why: 'exposure' },
  { group: 'networking.k8s.io', resource: 'ingresses', why: 'exposure' },
  { group: 'networking.k8s.io', resource: 'networkpolicies', why: 'network isolation' },
  { group: 'policy', resource: 'poddisruptionbudgets', why: 'availability during node drains' },
  { group: 'rbac.authorization.k8s.io', resource: 'clusterrolebindings', why: 'RBAC analysis' },
  { group: 'rbac.authorization.k8s.io', resource: 'clusterroles', why: 'RBAC analysis' },
  { group: 'rbac.authorization.k8s.io', resource: 'rolebindings', why: 'RBAC analysis' },
  { group: 'rbac.authorization.k8s.io', resource: 'roles', why: 'RBAC analysis' },
];

/**
 * Custom resources Rampart reads when their CRDs are installed: policy engines and mesh
 * policy (admission and network coverage) and well-known kinds that embed pod templates.
 * Other custom resources with pod templates are found through their CRD schemas; the
 * scanner role grants them only when named (`rampart rbac scanner-role --resource`).
 */
export const WELL_KNOWN_CUSTOM_TYPES: readonly WantedType[] = [
  { group: 'argoproj.io', resource: 'rollouts', why: 'workloads (pod template)' },
  { group: 'cilium.io', resource: 'ciliumclusterwidenetworkpolicies', why: 'network isolation' },
  { group: 'cilium.io', resource: 'ciliumnetworkpolicies', why: 'network isolation' },
  { group: 'kyverno.io', resource: 'clusterpolicies', why: 'admission control coverage' },
  { group: 'kyverno.io', resource: 'policies', why: 'admission control coverage' },
  { group: 'kyverno.io', resource: 'policyexceptions', why: 'admission control exceptions' },
  { group: 'security.istio.io', resource: 'authorizationpolicies', why: 'mesh authorization' },
  { group: 'security.istio.io', resource: 'peerauthentications', why: 'mesh mTLS' },
  { group: 'serving.knative.dev', resource: 'services', why: 'workloads (pod template)' },
  { group: 'templates.gatekeeper.sh', resource: 'constrainttemplates', why: 'admission control coverage' },
];

/**
 * The one type whose objects are read as metadata only.
 *
 * @example
 * isSecretType('', 'secrets'); // true
 */
export function isSecretType(group: string, resource: string): boolean {
  return group === '' && resource === 'secrets';
}

/**
 * `group/resource` key for sets and maps.
 *
 * @example
 * typeKey('apps', 'deployments'); // 'apps/deployments'
 */
export function typeKey(group: string, resource: string): string {
  return `${group}/${resource}`;
}
