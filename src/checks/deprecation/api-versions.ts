/**
 * The deprecated and removed Kubernetes API versions, as typed data, after the upstream
 * Deprecated API Migration Guide (kubernetes.io/docs/reference/using-api/deprecation-guide/) and
 * the release notes for alpha APIs (which may be removed without a deprecation period: for them
 * `deprecatedIn` equals `removedIn`).
 */

export interface DeprecatedApi {
  /** API group; `''` for the core group. */
  readonly group: string;
  readonly version: string;
  /** Kinds served by this group/version that are affected. */
  readonly kinds: readonly string[];
  /** First release ("1.N") in which the version is deprecated. */
  readonly deprecatedIn: string;
  /** First release ("1.N") that no longer serves it. */
  readonly removedIn: string;
  /** The apiVersion to migrate to, or what replaces the API when nothing does directly. */
  readonly replacement: string;
}

const WORKLOADS_TO_APPS_V1 = 'apps/v1';

export const DEPRECATED_APIS: readonly DeprecatedApi[] = [
  // Removed in 1.16
  { group: 'extensions', version: 'v1beta1', kinds: ['Deployment', 'DaemonSet', 'ReplicaSet'], deprecatedIn: '1.9', removedIn: '1.16', replacement: WORKLOADS_TO_APPS_V1 },
  { group: 'extensions', version: 'v1beta1', kinds: ['NetworkPolicy'], deprecatedIn: '1.9', removedIn: '1.16', replacement: 'networking.k8s.io/v1' },
  { group: 'extensions', version: 'v1beta1', kinds: ['PodSecurityPolicy'], deprecatedIn: '1.10', removedIn: '1.16', replacement: 'policy/v1beta1 (itself removed in 1.25: use Pod Security Admission)' },
  { group: 'apps', version: 'v1beta1', kinds: ['Deployment', 'StatefulSet', 'ControllerRevision'], deprecatedIn: '1.9', removedIn: '1.16', replacement: WORKLOADS_TO_APPS_V1 },
  { group: 'apps', version: 'v1beta2', kinds: ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ControllerRevision'], deprecatedIn: '1.9', removedIn: '1.16', replacement: WORKLOADS_TO_APPS_V1 },
  // Removed in 1.22
  { group: 'extensions', version: 'v1beta1', kinds: ['Ingress'], deprecatedIn: '1.14', removedIn: '1.22', replacement: 'networking.k8s.io/v1' },
  { group: 'networking.k8s.io', version: 'v1beta1', kinds: ['Ingress', 'IngressClass'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'networking.k8s.io/v1' },
  { group: 'admissionregistration.k8s.io', version: 'v1beta1', kinds: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], deprecatedIn: '1.16', removedIn: '1.22', replacement: 'admissionregistration.k8s.io/v1' },
  { group: 'apiextensions.k8s.io', version: 'v1beta1', kinds: ['CustomResourceDefinition'], deprecatedIn: '1.16', removedIn: '1.22', replacement: 'apiextensions.k8s.io/v1' },
  { group: 'apiregistration.k8s.io', version: 'v1beta1', kinds: ['APIService'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'apiregistration.k8s.io/v1' },
  { group: 'authentication.k8s.io', version: 'v1beta1', kinds: ['TokenReview'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'authentication.k8s.io/v1' },
  { group: 'authorization.k8s.io', version: 'v1beta1', kinds: ['SubjectAccessReview', 'LocalSubjectAccessReview', 'SelfSubjectAccessReview'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'authorization.k8s.io/v1' },
  { group: 'certificates.k8s.io', version: 'v1beta1', kinds: ['CertificateSigningRequest'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'certificates.k8s.io/v1' },
  { group: 'coordination.k8s.io', version: 'v1beta1', kinds: ['Lease'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'coordination.k8s.io/v1' },
  { group: 'rbac.authorization.k8s.io', version: 'v1beta1', kinds: ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'], deprecatedIn: '1.17', removedIn: '1.22', replacement: 'rbac.authorization.k8s.io/v1' },
  { group: 'rbac.authorization.k8s.io', version: 'v1alpha1', kinds: ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'], deprecatedIn: '1.17', removedIn: '1.22', replacement: 'rbac.authorization.k8s.io/v1' },
  { group: 'scheduling.k8s.io', version: 'v1beta1', kinds: ['PriorityClass'], deprecatedIn: '1.14', removedIn: '1.22', replacement: 'scheduling.k8s.io/v1' },
  { group: 'storage.k8s.io', version: 'v1beta1', kinds: ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'], deprecatedIn: '1.19', removedIn: '1.22', replacement: 'storage.k8s.io/v1' },
  // Removed in 1.25
  { group: 'batch', version: 'v1beta1', kinds: ['CronJob'], deprecatedIn: '1.21', removedIn: '1.25', replacement: 'batch/v1' },
  { group: 'discovery.k8s.io', version: 'v1beta1', kinds: ['EndpointSlice'], deprecatedIn: '1.21', removedIn: '1.25', replacement: 'discovery.k8s.io/v1' },
  { group: 'events.k8s.io', version: 'v1beta1', kinds: ['Event'], deprecatedIn: '1.19', removedIn: '1.25', replacement: 'events.k8s.io/v1' },
  { group: 'autoscaling', version: 'v2beta1', kinds: ['HorizontalPodAutoscaler'], deprecatedIn: '1.22', removedIn: '1.25', replacement: 'autoscaling/v2' },
  { group: 'policy', version: 'v1beta1', kinds: ['PodDisruptionBudget'], deprecatedIn: '1.21', removedIn: '1.25', replacement: 'policy/v1' },
  { group: 'policy', version: 'v1beta1', kinds: ['PodSecurityPolicy'], deprecatedIn: '1.21', removedIn: '1.25', replacement: 'no direct replacement: Pod Security Admission namespace labels or a policy engine' },
  { group: 'node.k8s.io', version: 'v1beta1', kinds: ['RuntimeClass'], deprecatedIn: '1.20', removedIn: '1.25', replacement: 'node.k8s.io/v1' },
  // Removed in 1.26
  { group: 'flowcontrol.apiserver.k8s.io', version: 'v1beta1', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], deprecatedIn: '1.23', removedIn: '1.26', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
  { group: 'autoscaling', version: 'v2beta2', kinds: ['HorizontalPodAutoscaler'], deprecatedIn: '1.23', removedIn: '1.26', replacement: 'autoscaling/v2' },
  // Removed in 1.27
  { group: 'storage.k8s.io', version: 'v1beta1', kinds: ['CSIStorageCapacity'], deprecatedIn: '1.24', removedIn: '1.27', replacement: 'storage.k8s.io/v1' },
  { group: 'resource.k8s.io', version: 'v1alpha1', kinds: ['ResourceClass', 'ResourceClaim', 'ResourceClaimTemplate', 'PodScheduling'], deprecatedIn: '1.27', removedIn: '1.27', replacement: 'resource.k8s.io/v1alpha2' },
  // Removed in 1.29
  { group: 'flowcontrol.apiserver.k8s.io', version: 'v1beta2', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], deprecatedIn: '1.26', removedIn: '1.29', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
  { group: 'networking.k8s.io', version: 'v1alpha1', kinds: ['ClusterCIDR'], deprecatedIn: '1.29', removedIn: '1.29', replacement: 'no replacement: the MultiCIDRRangeAllocator feature was withdrawn' },
  // Removed in 1.31
  {
    group: 'resource.k8s.io',
    version: 'v1alpha2',
    kinds: ['ResourceClass', 'ResourceClaim', 'ResourceClaimTemplate', 'PodSchedulingContext', 'ResourceClaimParameters', 'ResourceClassParameters', 'ResourceSlice'],
    deprecatedIn: '1.31',
    removedIn: '1.31',
    replacement: 'resource.k8s.io/v1alpha3 (structured parameters; DeviceClass replaces ResourceClass)',
  },
  // Removed in 1.32
  { group: 'flowcontrol.apiserver.k8s.io', version: 'v1beta3', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], deprecatedIn: '1.29', removedIn: '1.32', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
];

/** `group/version`, or `version` for the core group, as written in `apiVersion`. */
export function apiVersionOf(api: Pick<DeprecatedApi, 'group' | 'version'>): string {
  return api.group === '' ? api.version : `${api.group}/${api.version}`;
}

/** apiVersion → kind → entry: every resource of a scan is looked up, and two map reads build no key string. */
const BY_API_VERSION_AND_KIND: ReadonlyMap<string, ReadonlyMap<string, DeprecatedApi>> = (() => {
  const index = new Map<string, Map<string, DeprecatedApi>>();
  for (const api of DEPRECATED_APIS) {
    const apiVersion = apiVersionOf(api);
    let byKind = index.get(apiVersion);
    if (!byKind) index.set(apiVersion, (byKind = new Map()));
    for (const kind of api.kinds) byKind.set(kind, api);
  }
  return index;
})();

/**
 * The deprecation entry for an `apiVersion` and `kind`, if that pair is deprecated or removed.
 *
 * @example
 * deprecationOf('extensions/v1beta1', 'Ingress')?.removedIn; // '1.22'
 */
export function deprecationOf(apiVersion: string, kind: string): DeprecatedApi | undefined {
  return BY_API_VERSION_AND_KIND.get(apiVersion)?.get(kind);
}

/** Accepts `1.30`, `v1.30` and `1.30.2`; returns `1.30`, or undefined for anything else. */
export function normalizeKubernetesVersion(value: string): string | undefined {
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(value.trim());
  return match ? `${match[1]}.${match[2]}` : undefined;
}
