/**
 * Deliverable 3, network: the NetworkPolicy generator's verified least-privilege set for the
 * flows inferred from the inventory (Services, Ingress objects, Service DNS names in env values
 * and ConfigMaps), and, with a mesh, mutual TLS and authorization policies mirroring the same
 * flows:
 *
 * - Istio: a PeerAuthentication with mTLS STRICT per namespace, an allow-nothing
 *   AuthorizationPolicy per namespace and one ALLOW policy per destination workload naming the
 *   source ServiceAccounts (the identities the rbac deliverable gives them) and ports.
 * - Linkerd: the namespace annotation `config.linkerd.io/default-inbound-policy:
 *   all-authenticated`, and per destination port a Server with an AuthorizationPolicy that
 *   requires the MeshTLSAuthentication of the source identities.
 */
import { buildNetworkModel, generatePolicies, inferFlows, type Flow, type FlowSource } from '../../../analyzers/netpol/index.js';
import { INGRESS_CONTROLLER_NAMESPACE } from '../../../analyzers/netpol/model.js';
import type { Control } from '../../../engine/types.js';
import type { JsonObject } from '../../../model/types.js';
import type { Deliverable, DeliverableGenerator, GeneratedFile, Profile } from '../../types.js';
import { analyzeInventory, type WorkloadInfo } from '../../workloads.js';

const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'rampart' };

/** The ServiceAccount of the ingress controller, as the ingress-nginx chart names it. */
const INGRESS_CONTROLLER_SA = 'ingress-nginx';

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Ports of a flow as `["8080", "9090"]` (TCP only: mesh policies speak TCP), or undefined for all ports. */
function tcpPorts(flow: Flow): string[] | undefined {
  if (flow.ports.isAll()) return undefined;
  const out: string[] = [];
  for (const [from, to] of flow.ports.intervals('TCP')) for (let p = from; p <= to && out.length < 64; p++) out.push(String(p));
  return out;
}

/** The ServiceAccount a flow source runs as, after the rbac deliverable's patches. */
function sourceAccounts(source: FlowSource, accounts: ReadonlyMap<string, string>): { namespace: string; serviceAccount?: string } | undefined {
  if (source.kind === 'ingress-controller') return { namespace: INGRESS_CONTROLLER_NAMESPACE.name, serviceAccount: INGRESS_CONTROLLER_SA };
  if (source.kind === 'selector') return { namespace: source.namespace };
  const sa = accounts.get(source.workload.id);
  return sa === undefined ? { namespace: source.workload.namespace } : { namespace: source.workload.namespace, serviceAccount: sa };
}

function istioPrincipal(namespace: string, serviceAccount: string): string {
  return `cluster.local/ns/${namespace}/sa/${serviceAccount}`;
}

function istioPolicies(flows: readonly Flow[], namespaces: readonly string[], accounts: ReadonlyMap<string, string>): JsonObject[] {
  const out: JsonObject[] = [];
  for (const ns of namespaces) {
    out.push({ apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'default', namespace: ns, labels: { ...MANAGED_BY } }, spec: { mtls: { mode: 'STRICT' } } });
    out.push({ apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: { name: 'allow-nothing', namespace: ns, labels: { ...MANAGED_BY } }, spec: {} });
  }
  const managed = new Set(namespaces);
  const byDestination = new Map<string, Flow[]>();
  for (const f of flows) if (managed.has(f.to.namespace)) byDestination.set(f.to.id, [...(byDestination.get(f.to.id) ?? []), f]);
  for (const [, list] of [...byDestination].sort(([a], [b]) => compare(a, b))) {
    const dst = (list[0] as Flow).to;
    const rules = list.map((f): JsonObject => {
      const src = sourceAccounts(f.from, accounts);
      const from: JsonObject = src?.serviceAccount !== undefined ? { source: { principals: [istioPrincipal(src.namespace, src.serviceAccount)] } } : { source: { namespaces: [src?.namespace ?? dst.namespace] } };
      const ports = tcpPorts(f);
      return ports ? { from: [from], to: [{ operation: { ports } }] } : { from: [from] };
    });
    out.push({
      apiVersion: 'security.istio.io/v1',
      kind: 'AuthorizationPolicy',
      metadata: { name: `allow-${dst.name}`, namespace: dst.namespace, labels: { ...MANAGED_BY } },
      spec: { selector: { matchLabels: { ...dst.podLabels } }, action: 'ALLOW', rules },
    });
  }
  return out;
}

function linkerdIdentity(namespace: string, serviceAccount: string): string {
  return `${serviceAccount}.${namespace}.serviceaccount.identity.linkerd.cluster.local`;
}

function linkerdPolicies(flows: readonly Flow[], namespaces: readonly string[], accounts: ReadonlyMap<string, string>): JsonObject[] {
  const out: JsonObject[] = [];
  const managed = new Set(namespaces);
  const byDestination = new Map<string, Flow[]>();
  for (const f of flows) if (managed.has(f.to.namespace)) byDestination.set(f.to.id, [...(byDestination.get(f.to.id) ?? []), f]);
  for (const [, list] of [...byDestination].sort(([a], [b]) => compare(a, b))) {
    const dst = (list[0] as Flow).to;
    const ports = new Set<string>();
    for (const f of list) for (const p of tcpPorts(f) ?? dst.ports.filter((cp) => cp.protocol === 'TCP').map((cp) => String(cp.port))) ports.add(p);
    const identities = new Set<string>();
    const meshNamespaces = new Set<string>();
    for (const f of list) {
      const src = sourceAccounts(f.from, accounts);
      if (src?.serviceAccount !== undefined) identities.add(linkerdIdentity(src.namespace, src.serviceAccount));
      else if (src) meshNamespaces.add(src.namespace);
    }
    const authName = `${dst.name}-clients`;
    out.push({
      apiVersion: 'policy.linkerd.io/v1alpha1',
      kind: 'MeshTLSAuthentication',
      metadata: { name: authName, namespace: dst.namespace, labels: { ...MANAGED_BY } },
      spec: identities.size > 0 || meshNamespaces.size === 0 ? { identities: [...identities].sort() } : { identityRefs: [...meshNamespaces].sort().map((name) => ({ kind: 'Namespace', name })) },
    });
    for (const port of [...ports].sort((a, b) => Number(a) - Number(b))) {
      const server = `${dst.name}-${port}`;
      out.push({
        apiVersion: 'policy.linkerd.io/v1beta3',
        kind: 'Server',
        metadata: { name: server, namespace: dst.namespace, labels: { ...MANAGED_BY } },
        spec: { podSelector: { matchLabels: { ...dst.podLabels } }, port: Number(port), proxyProtocol: 'unknown' },
      });
      out.push({
        apiVersion: 'policy.linkerd.io/v1alpha1',
        kind: 'AuthorizationPolicy',
        metadata: { name: `${server}-allow`, namespace: dst.namespace, labels: { ...MANAGED_BY } },
        spec: {
          targetRef: { group: 'policy.linkerd.io', kind: 'Server', name: server },
          requiredAuthenticationRefs: [{ group: 'policy.linkerd.io', kind: 'MeshTLSAuthentication', name: authName }],
        },
      });
    }
  }
  return out;
}

function describeFlow(f: Flow): string {
  const src = f.from.kind === 'workload' ? f.from.workload.id : f.from.kind === 'ingress-controller' ? '{ingress-controller}' : `${f.from.namespace} selector`;
  return `${src} => ${f.to.id} : ${f.ports.toString()} (${f.origin})`;
}

const CONTROLS: Control[] = [
  { framework: 'cis-k8s', id: '5.3.2' },
  { framework: 'nsa-cisa', id: 'network-policies' },
  { framework: 'nsa-cisa', id: 'network-separation-and-hardening' },
  { framework: 'pci-dss', id: '1.2.1' },
  { framework: 'pci-dss', id: '1.2.5' },
  { framework: 'pci-dss', id: '1.3.1' },
  { framework: 'pci-dss', id: '1.3.2' },
  { framework: 'pci-dss', id: '1.4.1' },
  { framework: 'hipaa', id: '164.312(e)(1)' },
  { framework: 'soc2', id: 'CC6.6' },
  { framework: 'mitre-attack', id: 'T1210' },
];

const MESH_CONTROLS: Control[] = [
  { framework: 'nsa-cisa', id: 'service-mesh' },
  { framework: 'nsa-cisa', id: 'encryption' },
  { framework: 'pci-dss', id: '4.2.1' },
  { framework: 'hipaa', id: '164.312(e)(2)(ii)' },
  { framework: 'soc2', id: 'CC6.7' },
  { framework: 'mitre-attack', id: 'T1557' },
];

function meshText(profile: Profile): { apply: string; verify: string; why: string } {
  if (profile.mesh === 'istio')
    return {
      why: 'Istio: every namespace accepts only mutual-TLS traffic (PeerAuthentication STRICT); an allow-nothing AuthorizationPolicy denies what no ALLOW policy names; each destination admits exactly the ServiceAccounts of its intended clients on the intended ports.',
      apply: 'Once every workload runs with a sidecar (or in ambient mode): `kubectl apply -f istio-security.yaml`.',
      verify: '`istioctl x authz check POD -n NS` lists the generated policies; a request from a pod without a sidecar is refused.',
    };
  if (profile.mesh === 'linkerd')
    return {
      why: 'Linkerd: namespaces default to `all-authenticated` inbound (only meshed, mTLS clients), and each destination port has a Server whose AuthorizationPolicy requires the mesh identities of its intended clients.',
      apply: 'Annotate the namespaces (`kubectl annotate ns NS config.linkerd.io/default-inbound-policy=all-authenticated`, listed in linkerd-namespaces.txt), restart their pods, then `kubectl apply -f linkerd-policy.yaml`.',
      verify: '`linkerd viz authz -n NS deploy/NAME` shows the generated AuthorizationPolicies with traffic, and no unauthorized requests.',
    };
  return { why: 'No service mesh is selected (profile mesh: none): traffic between pods is not encrypted by the bundle; NetworkPolicies restrict who may connect.', apply: '', verify: '' };
}

/**
 * The network deliverable.
 *
 * @example
 * const deliverable = generateNetwork({ profile, inventory, randomBytes });
 */
export const generateNetwork: DeliverableGenerator = (context) => {
  const { inventory, profile } = context;
  const model = buildNetworkModel(inventory);
  const flows = inferFlows(inventory, model);
  const result = generatePolicies(inventory, model, flows);
  const accounts = new Map<string, string>(analyzeInventory(inventory, profile).workloads.map((w: WorkloadInfo) => [w.id, w.serviceAccount]));
  const meshNamespaces = result.namespaces.filter((ns) => !profile.namespaces.system.includes(ns));
  const files: GeneratedFile[] = [];
  const v = result.verification;
  if (v.ok) {
    files.push({ path: 'networkpolicies.yaml', manifests: result.policies, description: `${result.policies.length} NetworkPolicies, verified: exactly the intended flows plus DNS` });
  } else {
    files.push({
      path: 'networkpolicies.unverified.yaml',
      manifests: result.policies,
      description: 'NetworkPolicies that did NOT pass verification: do not apply before the problems in verification.txt are fixed',
    });
  }
  files.push({
    path: 'flows.txt',
    text: flows.length > 0 ? flows.map(describeFlow).sort().join('\n') + '\n' : '# no flows inferred: every managed namespace gets default deny with DNS only\n',
    description: 'the intended flows the policies allow, with where each was inferred from',
  });
  files.push({
    path: 'verification.txt',
    text: v.ok
      ? `verified: ${flows.length} intended flow(s) plus DNS, nothing else, in ${result.namespaces.length} namespace(s)\n`
      : [...v.unexpected.map((p) => `unintended: ${p.src} => ${p.dst} : ${p.conn}`), ...v.missing.map((p) => `missing: ${p.src} => ${p.dst} : ${p.conn}`)].join('\n') + '\n',
    description: 'the analyzer\'s verification of the policy set',
  });
  const controls = [...CONTROLS];
  if (profile.mesh === 'istio') {
    files.push({ path: 'istio-security.yaml', manifests: istioPolicies(flows, meshNamespaces, accounts), description: 'PeerAuthentication STRICT and AuthorizationPolicies per namespace' });
    controls.push(...MESH_CONTROLS);
  } else if (profile.mesh === 'linkerd') {
    files.push({ path: 'linkerd-policy.yaml', manifests: linkerdPolicies(flows, meshNamespaces, accounts), description: 'Server, MeshTLSAuthentication and AuthorizationPolicy per destination port' });
    files.push({ path: 'linkerd-namespaces.txt', text: meshNamespaces.map((ns) => `${ns} config.linkerd.io/default-inbound-policy=all-authenticated`).join('\n') + '\n', description: 'namespace annotations' });
    controls.push(...MESH_CONTROLS);
  }
  const mesh = meshText(profile);
  const hostNetwork = model.hostNetworkWorkloads.map((w) => w.id);
  return {
    id: 'network',
    title: 'Network',
    files,
    readme: {
      what: `Default-deny ingress and egress in ${result.namespaces.length} namespace(s), DNS to kube-dns allowed, and one allow policy per intended flow (${flows.length} inferred from the inventory).${profile.mesh !== 'none' ? ` Plus ${profile.mesh} mutual TLS and authorization policies mirroring the same flows.` : ''}`,
      why: [
        'Without NetworkPolicies every pod can reach every other pod and the internet: one compromised pod can scan and attack the whole cluster and exfiltrate data. The policy set is checked by Rampart\'s reachability analyzer before it is written: it allows exactly the intended flows plus DNS.',
        '',
        v.ok ? 'Verification passed.' : `Verification FAILED (${v.unexpected.length} unintended, ${v.missing.length} missing connection(s)): workloads whose pod labels do not tell them apart cannot be separated by NetworkPolicy; give each a distinguishing label and regenerate.`,
        '',
        mesh.why,
        hostNetwork.length > 0 ? `\nhostNetwork workloads are outside NetworkPolicy's reach: ${hostNetwork.join(', ')}.` : '',
      ].join('\n'),
      apply: [
        `1. Check flows.txt: a flow the inventory does not show (a call to an external API, a job that reaches a database) must be added with \`rampart netpol generate --flows\` before applying.`,
        `2. \`kubectl apply -f ${v.ok ? 'networkpolicies.yaml' : 'networkpolicies.unverified.yaml'}\` namespace by namespace, starting with development namespaces.`,
        mesh.apply ? `3. ${mesh.apply}` : '',
      ]
        .filter((l) => l !== '')
        .join('\n'),
      verify: ['`rampart netpol list -f k8s/ -f network/networkpolicies.yaml` prints exactly the flows of flows.txt plus DNS; `kubectl exec` into a pod and connect to a workload it has no flow to: the connection times out.', mesh.verify].filter((l) => l !== '').join('\n\n'),
      rollback: '`kubectl delete -f networkpolicies.yaml` (NetworkPolicies are additive: removing them restores the previous reachability at once).' + (profile.mesh !== 'none' ? ` Mesh: \`kubectl delete -f ${profile.mesh === 'istio' ? 'istio-security.yaml' : 'linkerd-policy.yaml'}\`.` : ''),
    },
    controls,
    phase: 3,
    risks: [
      'Traffic the inventory does not show is blocked: calls to external services, databases outside the cluster, monitoring scrapes from another namespace, webhooks called by the API server.',
      'Egress to the internet is denied for every managed namespace; workloads that download at start-up or call SaaS APIs fail.',
      ...(profile.mesh === 'istio' ? ['STRICT mTLS refuses plain-text clients: workloads without a sidecar cannot reach meshed ones.'] : []),
      ...(profile.mesh === 'linkerd' ? ['all-authenticated refuses unmeshed clients, including kubelet probes on non-probe ports and Prometheus without a proxy.'] : []),
    ],
  } satisfies Deliverable;
};

