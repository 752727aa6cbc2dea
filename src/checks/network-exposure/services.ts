/**
 * Reading Services for the exposure checks: the effective type, and whether a LoadBalancer is
 * internal to the cloud network (cloud-specific annotations, as data).
 */
import { isJsonObject, type JsonObject, type Resource } from '../../model/types.js';

/** Annotations that make a LoadBalancer Service internal, with the value that does. */
export const INTERNAL_LOAD_BALANCER_ANNOTATIONS: ReadonlyArray<{ name: string; values: readonly string[]; cloud: string }> = [
  { cloud: 'AWS (in-tree)', name: 'service.beta.kubernetes.io/aws-load-balancer-internal', values: ['true', '0.0.0.0/0'] },
  { cloud: 'AWS Load Balancer Controller', name: 'service.beta.kubernetes.io/aws-load-balancer-scheme', values: ['internal'] },
  { cloud: 'Azure', name: 'service.beta.kubernetes.io/azure-load-balancer-internal', values: ['true'] },
  { cloud: 'GKE', name: 'networking.gke.io/load-balancer-type', values: ['Internal'] },
  { cloud: 'GKE (legacy)', name: 'cloud.google.com/load-balancer-type', values: ['Internal', 'internal'] },
  { cloud: 'Oracle Cloud', name: 'service.beta.kubernetes.io/oci-load-balancer-internal', values: ['true'] },
  { cloud: 'IBM Cloud', name: 'service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type', values: ['private'] },
  { cloud: 'OpenStack', name: 'service.beta.kubernetes.io/openstack-internal-load-balancer', values: ['true'] },
  { cloud: 'DigitalOcean', name: 'service.beta.kubernetes.io/do-loadbalancer-network', values: ['INTERNAL'] },
];

/** The Service spec, or an empty object. */
export function serviceSpec(resource: Resource): JsonObject {
  const spec = resource.body['spec'];
  return isJsonObject(spec) ? spec : {};
}

/** `spec.type`, defaulting to ClusterIP as the API server does. */
export function serviceType(resource: Resource): string {
  const type = serviceSpec(resource)['type'];
  return typeof type === 'string' ? type : 'ClusterIP';
}

/** True for a core/v1 Service (a custom kind called `Service`, e.g. Knative's, is not one). */
export function isCoreService(resource: Resource): boolean {
  return resource.kind === 'Service' && resource.apiVersion === 'v1';
}

/** The annotation that makes a LoadBalancer internal, if any. */
export function internalLoadBalancerAnnotation(resource: Resource): string | undefined {
  return INTERNAL_LOAD_BALANCER_ANNOTATIONS.find((a) => a.values.includes(resource.annotations[a.name] ?? ''))?.name;
}
