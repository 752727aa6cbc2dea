/**
 * Default namespace: namespaced resources should not live in `default`. Reported: an explicit
 * `metadata.namespace: default`, and (option `reportMissingNamespace`, on by default) a
 * namespaced resource without `metadata.namespace`, which lands in `default` unless the tool
 * that applies it chooses another. Namespaces are the boundary that RBAC, NetworkPolicy, Pod
 * Security Admission, quotas and exceptions hang on; `default` usually has none of them.
 */
import { defineCheck } from '../../engine/types.js';
import { isClusterScoped } from '../../model/scope.js';
import { HIPAA, NSA, cis, pci, soc2 } from './controls.js';

export interface DefaultNamespaceOptions {
  /** Also report namespaced resources that omit metadata.namespace. */
  reportMissingNamespace: boolean;
}

/** Objects that Kubernetes itself keeps in `default`. */
const SYSTEM_OBJECTS_IN_DEFAULT: ReadonlySet<string> = new Set(['Service/kubernetes', 'Endpoints/kubernetes', 'EndpointSlice/kubernetes', 'ServiceAccount/default', 'ConfigMap/kube-root-ca.crt']);

export default defineCheck<'explicitDefault' | 'noNamespace', DefaultNamespaceOptions>({
  id: 'workload.default-namespace',
  title: 'Resource in the default namespace',
  domain: 'workload',
  // low: the namespace itself grants nothing; using default is hygiene that makes every namespace-scoped control harder to apply.
  severity: 'low',
  scope: 'resource',
  match: '*',
  controls: [cis('5.7.1'), cis('5.7.4'), NSA.namespaces, pci('1.2.1'), soc2('CC6.1'), HIPAA.informationAccess],
  defaultOptions: { reportMissingNamespace: true },
  messages: {
    explicitDefault: '{{kind}} "{{name}}" is placed in the default namespace',
    noNamespace: '{{kind}} "{{name}}" sets no metadata.namespace and lands in the default namespace unless applied with another',
  },
  remediation:
    'Create a namespace for the application and set `metadata.namespace` on its resources (or apply them with a namespace through Kustomize or Helm), then give that namespace its own RBAC, NetworkPolicies and Pod Security labels.',
  docs: [
    'Resources in the `default` namespace share a boundary that usually carries none of the',
    'isolation controls Kubernetes attaches to namespaces.',
    '',
    'Namespaces are where Kubernetes attaches its isolation controls: RoleBindings, default-deny',
    'NetworkPolicies, Pod Security Admission labels, ResourceQuotas and LimitRanges. The',
    '`default` namespace exists in every cluster, usually carries none of them, and tends to',
    'collect unrelated workloads, so anything placed there shares a boundary with whatever',
    'else lands there. CIS 5.7.1 and 5.7.4 ask for administrative boundaries and that',
    '`default` is not used.',
    '',
    'Reported are namespaced resources with `metadata.namespace: default` and, unless option',
    '`reportMissingNamespace` is false, namespaced resources without a namespace — useful to',
    'turn off for charts and bases that are always applied with `--namespace`. Objects that',
    'Kubernetes itself keeps in `default` (the `kubernetes` Service, the `default`',
    'ServiceAccount, `kube-root-ca.crt`) are not reported.',
    '',
    '```yaml',
    'metadata:',
    '  name: cart',
    '  namespace: shop',
    '```',
  ].join('\n'),
  evaluate(ctx) {
    const { resource } = ctx;
    // Runs on every resource: most name another namespace and can be dismissed first.
    if (resource.namespace !== undefined && resource.namespace !== 'default') return;
    if (isClusterScoped(resource.kind, resource.apiVersion) || resource.kind === 'List') return;
    if (SYSTEM_OBJECTS_IN_DEFAULT.has(`${resource.kind}/${resource.name}`)) return;
    const data = { kind: resource.kind, name: resource.name };
    if (resource.namespace === 'default') ctx.report({ messageId: 'explicitDefault', data, path: '/metadata/namespace' });
    // Unknown custom kinds named Cluster… are cluster-scoped by convention; do not guess a namespace for them.
    else if (resource.namespace === undefined && ctx.options.reportMissingNamespace && !/^Cluster[A-Z]/.test(resource.kind)) ctx.report({ messageId: 'noNamespace', data, path: '/metadata' });
  },
});
