/**
 * Admission policy engines, as data: the policy kinds and the controller images or Deployment
 * names by which an inventory shows that an engine is installed.
 */
import { podTemplates } from '../../model/pod-templates.js';
import type { Inventory } from '../../model/inventory.js';
import { isJsonObject, type Resource } from '../../model/types.js';

export interface PolicyEngine {
  readonly name: string;
  /** Policy kinds by API group: any one present shows the engine is in use. */
  readonly policyKinds: ReadonlyArray<{ group: string; kinds: readonly string[] }>;
  /** Image repositories of the engine's controller (matched as a substring of the image). */
  readonly images: readonly string[];
  /** Name prefixes of the engine's Deployments. */
  readonly deployments: readonly string[];
}

export const POLICY_ENGINES: readonly PolicyEngine[] = [
  { name: 'Kyverno', policyKinds: [{ group: 'kyverno.io', kinds: ['ClusterPolicy', 'Policy', 'ValidatingPolicy', 'ImageValidatingPolicy'] }], images: ['kyverno/kyverno'], deployments: ['kyverno-admission-controller', 'kyverno'] },
  { name: 'Gatekeeper', policyKinds: [{ group: 'templates.gatekeeper.sh', kinds: ['ConstraintTemplate'] }], images: ['openpolicyagent/gatekeeper'], deployments: ['gatekeeper-controller-manager'] },
  { name: 'Kubewarden', policyKinds: [{ group: 'policies.kubewarden.io', kinds: ['ClusterAdmissionPolicy', 'AdmissionPolicy'] }], images: ['kubewarden/kubewarden-controller', 'kubewarden/policy-server'], deployments: ['kubewarden-controller'] },
  { name: 'jsPolicy', policyKinds: [{ group: 'policy.jspolicy.com', kinds: ['JsPolicy'] }], images: ['loftsh/jspolicy'], deployments: ['jspolicy'] },
];

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

function imagesOf(resource: Resource): string[] {
  return podTemplates(resource).flatMap((t) => {
    const containers = t.spec['containers'];
    return Array.isArray(containers) ? containers.flatMap((c) => (isJsonObject(c) && typeof c['image'] === 'string' ? [c['image']] : [])) : [];
  });
}

/** True when ValidatingAdmissionPolicies are in use: a policy and a binding to it. */
function hasBoundAdmissionPolicy(inventory: Inventory): boolean {
  const policies = new Set(inventory.ofKind('ValidatingAdmissionPolicy').filter((r) => groupOf(r.apiVersion) === 'admissionregistration.k8s.io').map((r) => r.name));
  return inventory.ofKind('ValidatingAdmissionPolicyBinding').some((binding) => {
    const spec = binding.body['spec'];
    return isJsonObject(spec) && typeof spec['policyName'] === 'string' && policies.has(spec['policyName']);
  });
}

/**
 * The admission policy mechanisms found in the inventory, by name (empty when none).
 *
 * @example
 * detectPolicyEngines(inventory); // ['Kyverno']
 */
export function detectPolicyEngines(inventory: Inventory): string[] {
  const found: string[] = [];
  for (const engine of POLICY_ENGINES) {
    const hasPolicies = engine.policyKinds.some(({ group, kinds }) => kinds.some((kind) => inventory.ofKind(kind).some((r) => groupOf(r.apiVersion) === group)));
    const hasController = inventory.ofKind('Deployment').some(
      (d) => engine.deployments.some((prefix) => d.name.startsWith(prefix)) || imagesOf(d).some((image) => engine.images.some((repo) => image.includes(repo))),
    );
    if (hasPolicies || hasController) found.push(engine.name);
  }
  if (hasBoundAdmissionPolicy(inventory)) found.push('ValidatingAdmissionPolicy');
  return found;
}
