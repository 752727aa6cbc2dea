/**
 * Risky permissions: a catalog (data) of permissions and techniques that let a subject read
 * credentials, run code, or grow its own power, each probed with the one rule matcher against
 * every subject's grants, cluster-wide and per namespace.
 */
import type { Severity } from '../../engine/types.js';
import { grantAllows, type RbacModel } from './model.js';
import { resourceRequest } from './requests.js';
import type { Grant, ResourceRequest } from './types.js';

/** One request a risk needs, written as it would reach the authorizer. */
export interface Probe {
  readonly verb: string;
  readonly apiGroup?: string;
  readonly resource: string;
  readonly subresource?: string;
  readonly name?: string;
  /** Only in this namespace (e.g. `kube-system` for aws-auth). */
  readonly namespace?: string;
}

export interface RiskDefinition {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  /** MITRE ATT&CK technique id. */
  readonly mitre: string;
  readonly explanation: string;
  /** All of these groups must hold; within a group, any one probe suffices. */
  readonly requires: ReadonlyArray<readonly Probe[]>;
  /** Cluster-scoped resources: only ClusterRoleBindings can grant them. */
  readonly clusterScoped?: boolean;
}

const RBAC = 'rbac.authorization.k8s.io';
const WRITE = ['create', 'update', 'patch'];
const READ_SECRETS = ['get', 'list', 'watch'].map((verb) => ({ verb, resource: 'secrets' }));
const writes = (resource: string, apiGroup = '', subresource?: string): Probe[] =>
  WRITE.map((verb) => (subresource === undefined ? { verb, apiGroup, resource } : { verb, apiGroup, resource, subresource }));
const WORKLOADS: Array<[string, string]> = [
  ['apps', 'deployments'], ['apps', 'daemonsets'], ['apps', 'statefulsets'], ['apps', 'replicasets'],
  ['batch', 'jobs'], ['batch', 'cronjobs'], ['', 'replicationcontrollers'],
];

/** The risk catalog, sorted by id. */
export const RISKS: readonly RiskDefinition[] = ([
  { id: 'admission-policy-write', title: 'Can change ValidatingAdmissionPolicies', severity: 'high', mitre: 'T1562.001', clusterScoped: true,
    explanation: 'Writing admission policies or their bindings can switch off the policies that block privileged workloads.',
    requires: [[...writes('validatingadmissionpolicies', 'admissionregistration.k8s.io'), ...writes('validatingadmissionpolicybindings', 'admissionregistration.k8s.io')]] },
  { id: 'apiservice-write', title: 'Can register APIServices', severity: 'high', mitre: 'T1557', clusterScoped: true,
    explanation: 'An APIService routes an API group to any Service: the API server then forwards requests, with the caller\'s identity, to a backend the subject controls.',
    requires: [writes('apiservices', 'apiregistration.k8s.io')] },
  { id: 'aws-auth-write', title: 'Can edit the aws-auth identity mapping', severity: 'critical', mitre: 'T1098',
    explanation: 'On EKS the kube-system/aws-auth ConfigMap maps IAM identities to Kubernetes users and groups; whoever edits it can map themselves to system:masters.',
    requires: [['update', 'patch'].map((verb) => ({ verb, resource: 'configmaps', name: 'aws-auth', namespace: 'kube-system' }))] },
  { id: 'bind', title: 'Can bind roles it does not hold', severity: 'critical', mitre: 'T1098.006',
    explanation: 'The bind verb on roles or clusterroles lets the subject create bindings to roles with more permissions than it holds, bypassing RBAC escalation prevention.',
    requires: [[{ verb: 'bind', apiGroup: RBAC, resource: 'clusterroles' }, { verb: 'bind', apiGroup: RBAC, resource: 'roles' }]] },
  { id: 'cluster-admin', title: 'Holds every permission (cluster-admin equivalent)', severity: 'critical', mitre: 'T1078',
    explanation: 'A rule with verbs, apiGroups and resources all "*" allows everything in its scope; bound cluster-wide it is cluster-admin.',
    requires: [[{ verb: '*', apiGroup: '*', resource: '*' }]] },
  { id: 'clusterrolebindings-write', title: 'Can write ClusterRoleBindings', severity: 'critical', mitre: 'T1098.006', clusterScoped: true,
    explanation: 'Creating or changing ClusterRoleBindings grants roles cluster-wide; with bind or escalate it yields cluster-admin.',
    requires: [writes('clusterrolebindings', RBAC)] },
  { id: 'configmaps-kube-system-write', title: 'Can change ConfigMaps in kube-system', severity: 'high', mitre: 'T1098',
    explanation: 'kube-system ConfigMaps hold control-plane and add-on configuration (kube-proxy, CoreDNS, identity mappings such as aws-auth).',
    requires: [writes('configmaps').map((p) => ({ ...p, namespace: 'kube-system' }))] },
  { id: 'csr-approve', title: 'Can approve CertificateSigningRequests', severity: 'high', mitre: 'T1649', clusterScoped: true,
    explanation: 'Approving CSRs (certificatesigningrequests/approval plus approve on a signer) lets the subject issue client certificates for any user or group.',
    requires: [[{ verb: 'update', apiGroup: 'certificates.k8s.io', resource: 'certificatesigningrequests', subresource: 'approval' }, { verb: 'patch', apiGroup: 'certificates.k8s.io', resource: 'certificatesigningrequests', subresource: 'approval' }],
      [{ verb: 'approve', apiGroup: 'certificates.k8s.io', resource: 'signers', name: 'kubernetes.io/kube-apiserver-client' }]] },
  { id: 'csr-create-approve', title: 'Can create and approve its own client certificates', severity: 'critical', mitre: 'T1649', clusterScoped: true,
    explanation: 'Creating a CSR with organisation system:masters and approving it with the kube-apiserver-client signer yields a cluster-admin certificate that RBAC cannot revoke.',
    requires: [[{ verb: 'create', apiGroup: 'certificates.k8s.io', resource: 'certificatesigningrequests' }],
      [{ verb: 'update', apiGroup: 'certificates.k8s.io', resource: 'certificatesigningrequests', subresource: 'approval' }, { verb: 'patch', apiGroup: 'certificates.k8s.io', resource: 'certificatesigningrequests', subresource: 'approval' }],
      [{ verb: 'approve', apiGroup: 'certificates.k8s.io', resource: 'signers', name: 'kubernetes.io/kube-apiserver-client' }]] },
  { id: 'crd-write', title: 'Can change CustomResourceDefinitions', severity: 'medium', mitre: 'T1562.001', clusterScoped: true,
    explanation: 'Changing or deleting CRDs can remove the policy resources (Kyverno, Gatekeeper) that admission control relies on.',
    requires: [[...writes('customresourcedefinitions', 'apiextensions.k8s.io'), { verb: 'delete', apiGroup: 'apiextensions.k8s.io', resource: 'customresourcedefinitions' }]] },
  { id: 'ephemeral-containers', title: 'Can add ephemeral containers to running pods', severity: 'high', mitre: 'T1609',
    explanation: 'Patching pods/ephemeralcontainers runs a new container, with any image and securityContext admission allows, inside an existing pod and its ServiceAccount.',
    requires: [[{ verb: 'update', resource: 'pods', subresource: 'ephemeralcontainers' }, { verb: 'patch', resource: 'pods', subresource: 'ephemeralcontainers' }]] },
  { id: 'escalate', title: 'Can escalate roles beyond its own permissions', severity: 'critical', mitre: 'T1098.006',
    explanation: 'The escalate verb on roles or clusterroles lets the subject add permissions it does not hold to roles, including roles bound to itself.',
    requires: [[{ verb: 'escalate', apiGroup: RBAC, resource: 'clusterroles' }, { verb: 'escalate', apiGroup: RBAC, resource: 'roles' }]] },
  { id: 'events-delete', title: 'Can delete events', severity: 'low', mitre: 'T1070',
    explanation: 'Deleting events removes evidence that responders rely on.',
    requires: [[{ verb: 'delete', resource: 'events' }, { verb: 'deletecollection', resource: 'events' }, { verb: 'delete', apiGroup: 'events.k8s.io', resource: 'events' }]] },
  { id: 'impersonate-groups', title: 'Can impersonate groups (including system:masters)', severity: 'critical', mitre: 'T1078',
    explanation: 'Impersonating the group system:masters (together with any user the subject may impersonate, which the API server requires) bypasses RBAC entirely: that group holds every permission.',
    requires: [[{ verb: 'impersonate', resource: 'groups', name: 'system:masters' }]], clusterScoped: true },
  { id: 'impersonate-serviceaccounts', title: 'Can impersonate ServiceAccounts', severity: 'high', mitre: 'T1078',
    explanation: 'Impersonating a ServiceAccount gives all of its permissions (the default edit and admin roles include this for their namespace).',
    requires: [[{ verb: 'impersonate', resource: 'serviceaccounts' }]] },
  { id: 'impersonate-users', title: 'Can impersonate users', severity: 'critical', mitre: 'T1078', clusterScoped: true,
    explanation: 'Impersonating users (or user extras and UIDs) lets the subject act as any administrator.',
    requires: [[{ verb: 'impersonate', resource: 'users' }, { verb: 'impersonate', apiGroup: 'authentication.k8s.io', resource: 'userextras', subresource: 'scopes' }, { verb: 'impersonate', apiGroup: 'authentication.k8s.io', resource: 'uids' }]] },
  { id: 'namespaces-delete', title: 'Can delete namespaces', severity: 'medium', mitre: 'T1485', clusterScoped: true,
    explanation: 'Deleting a namespace deletes every object in it, including the workloads and their data.',
    requires: [[{ verb: 'delete', resource: 'namespaces' }]] },
  { id: 'network-policy-write', title: 'Can change NetworkPolicies', severity: 'medium', mitre: 'T1562.001',
    explanation: 'Changing or deleting NetworkPolicies removes network isolation between workloads.',
    requires: [[...writes('networkpolicies', 'networking.k8s.io'), { verb: 'delete', apiGroup: 'networking.k8s.io', resource: 'networkpolicies' }]] },
  { id: 'nodes-proxy', title: 'Can reach the kubelet API through nodes/proxy', severity: 'critical', mitre: 'T1609', clusterScoped: true,
    explanation: 'nodes/proxy reaches the kubelet API of every node, which runs commands in any pod and is not audited by the API server.',
    requires: [[{ verb: 'get', resource: 'nodes', subresource: 'proxy' }, { verb: 'create', resource: 'nodes', subresource: 'proxy' }]] },
  { id: 'nodes-status-patch', title: 'Can change node status', severity: 'medium', mitre: 'T1565',
    explanation: 'Patching nodes/status can fake capacity and conditions to attract or repel pods; combined with node label writes it steers sensitive workloads.', clusterScoped: true,
    requires: [[{ verb: 'patch', resource: 'nodes', subresource: 'status' }, { verb: 'update', resource: 'nodes', subresource: 'status' }]] },
  { id: 'nodes-write', title: 'Can change or delete nodes', severity: 'medium', mitre: 'T1610', clusterScoped: true,
    explanation: 'Changing node labels and taints (or deleting nodes) moves workloads onto nodes the subject controls.',
    requires: [[{ verb: 'update', resource: 'nodes' }, { verb: 'patch', resource: 'nodes' }, { verb: 'delete', resource: 'nodes' }]] },
  { id: 'persistentvolumes-create', title: 'Can create PersistentVolumes (hostPath)', severity: 'high', mitre: 'T1611', clusterScoped: true,
    explanation: 'A PersistentVolume can point at any hostPath; a pod that claims it reads and writes the node filesystem even where Pod Security forbids hostPath volumes.',
    requires: [[{ verb: 'create', resource: 'persistentvolumes' }]] },
  { id: 'pods-attach', title: 'Can attach to running containers', severity: 'high', mitre: 'T1609',
    explanation: 'pods/attach connects to the main process of a container, with its ServiceAccount token.',
    requires: [[{ verb: 'create', resource: 'pods', subresource: 'attach' }, { verb: 'get', resource: 'pods', subresource: 'attach' }]] },
  { id: 'pods-create', title: 'Can create pods', severity: 'high', mitre: 'T1610',
    explanation: 'Creating a pod mounts any ServiceAccount of the namespace (and so gains its permissions), and, where admission allows, runs privileged or hostPath pods that take over the node.',
    requires: [[{ verb: 'create', resource: 'pods' }]] },
  { id: 'pods-exec', title: 'Can execute commands in containers', severity: 'high', mitre: 'T1609',
    explanation: 'pods/exec runs commands inside running containers and reads their ServiceAccount tokens and secrets.',
    requires: [[{ verb: 'create', resource: 'pods', subresource: 'exec' }, { verb: 'get', resource: 'pods', subresource: 'exec' }]] },
  { id: 'pods-portforward', title: 'Can port-forward into pods', severity: 'medium', mitre: 'T1572',
    explanation: 'pods/portforward tunnels into pod ports, bypassing NetworkPolicies and Services.',
    requires: [[{ verb: 'create', resource: 'pods', subresource: 'portforward' }, { verb: 'get', resource: 'pods', subresource: 'portforward' }]] },
  { id: 'roles-write', title: 'Can write Roles or ClusterRoles', severity: 'high', mitre: 'T1098.006',
    explanation: 'Writing roles changes what every subject bound to them may do; with escalate this has no limit.',
    requires: [[...writes('roles', RBAC), ...writes('clusterroles', RBAC)]] },
  { id: 'rolebindings-write', title: 'Can write RoleBindings', severity: 'high', mitre: 'T1098.006',
    explanation: 'Creating RoleBindings grants any role the subject holds (or, with bind, any role) to anyone, including the admin ClusterRole in the namespace.',
    requires: [writes('rolebindings', RBAC)] },
  { id: 'secrets-read', title: 'Can read secrets', severity: 'high', mitre: 'T1552.007',
    explanation: 'Reading secrets exposes credentials, including ServiceAccount token secrets that carry other identities; list and watch return every secret value.',
    requires: [READ_SECRETS] },
  { id: 'serviceaccount-token-create', title: 'Can mint ServiceAccount tokens', severity: 'high', mitre: 'T1528',
    explanation: 'Creating serviceaccounts/token issues a token for any ServiceAccount of the scope, with all of its permissions.',
    requires: [[{ verb: 'create', resource: 'serviceaccounts', subresource: 'token' }]] },
  { id: 'services-proxy', title: 'Can proxy to services and pods through the API server', severity: 'medium', mitre: 'T1572',
    explanation: 'services/proxy and pods/proxy reach cluster-internal endpoints from outside, bypassing NetworkPolicies.',
    requires: [[{ verb: 'get', resource: 'services', subresource: 'proxy' }, { verb: 'create', resource: 'services', subresource: 'proxy' }, { verb: 'get', resource: 'pods', subresource: 'proxy' }]] },
  { id: 'webhook-config-write', title: 'Can change admission webhook configurations', severity: 'critical', mitre: 'T1562.001', clusterScoped: true,
    explanation: 'A mutating webhook sees and rewrites every object sent to the API server (secrets included) and can inject privileged containers; removing validating webhooks disables policy.',
    requires: [[...writes('mutatingwebhookconfigurations', 'admissionregistration.k8s.io'), ...writes('validatingwebhookconfigurations', 'admissionregistration.k8s.io'),
      { verb: 'delete', apiGroup: 'admissionregistration.k8s.io', resource: 'validatingwebhookconfigurations' }]] },
  { id: 'workload-controllers-write', title: 'Can create or change workload controllers', severity: 'high', mitre: 'T1610',
    explanation: 'Deployments, DaemonSets, StatefulSets, ReplicaSets, Jobs, CronJobs and ReplicationControllers create pods on the subject\'s behalf, with any ServiceAccount of the namespace.',
    requires: [WORKLOADS.flatMap(([group, resource]) => writes(resource, group))] },
] satisfies RiskDefinition[]).sort((a, b) => (a.id < b.id ? -1 : 1));

/**
 * A probe as a request in a scope (`""` for cluster-wide).
 *
 * @example
 * probeRequest({ verb: 'create', resource: 'pods' }, 'shop').namespace; // 'shop'
 */
export function probeRequest(probe: Probe, scope: string): ResourceRequest {
  return resourceRequest({
    verb: probe.verb,
    apiGroup: probe.apiGroup ?? '',
    resource: probe.resource,
    subresource: probe.subresource ?? '',
    name: probe.name ?? '',
    namespace: probe.namespace ?? scope,
  });
}

/** What matching needs of a probe, prepared once per probe object (the catalogs are constants). */
interface PreparedProbe {
  /** The rule `resources` entries that can match the probe: its resource (with subresource), `*`, and `* /SUB`. */
  readonly ruleResources: readonly string[];
  /** The probe's request per scope. */
  readonly requests: Map<string, ResourceRequest>;
}

const preparedProbes = new WeakMap<Probe, PreparedProbe>();

function prepare(probe: Probe): PreparedProbe {
  let prepared = preparedProbes.get(probe);
  if (!prepared) {
    const subresource = probe.subresource ?? '';
    const ruleResources = subresource === '' ? [probe.resource, '*'] : [`${probe.resource}/${subresource}`, '*', `*/${subresource}`];
    prepared = { ruleResources, requests: new Map() };
    preparedProbes.set(probe, prepared);
  }
  return prepared;
}

/** The rule resources that can match some probe of a group (catalog groups are constants). */
const groupResources = new WeakMap<readonly Probe[], ReadonlySet<string>>();

function ruleResourcesOfGroup(probes: readonly Probe[]): ReadonlySet<string> {
  let resources = groupResources.get(probes);
  if (!resources) {
    resources = new Set(probes.flatMap((probe) => prepare(probe).ruleResources));
    groupResources.set(probes, resources);
  }
  return resources;
}

function preparedRequest(prepared: PreparedProbe, probe: Probe, scope: string): ResourceRequest {
  let request = prepared.requests.get(scope);
  if (!request) prepared.requests.set(scope, (request = probeRequest(probe, scope)));
  return request;
}

/**
 * A list of grants prepared for probing. A scan probes every subject's few grants with hundreds
 * of requests, and most requests name a resource that none of the subject's rules lists; the
 * union of the rules' `resources` rejects those with a set lookup instead of a rule match (a rule
 * can only allow a request whose resource it lists exactly, as `*`, or as `* /SUB`).
 *
 * @example
 * new ProbeableGrants(model.grantsOfKey('user:alice')).forAny([{ verb: 'get', resource: 'secrets' }], 'shop');
 */
export class ProbeableGrants {
  private readonly ruleResources = new Set<string>();

  constructor(readonly grants: readonly Grant[]) {
    for (const grant of grants) for (const resource of grant.rule.resources) this.ruleResources.add(resource);
  }

  /** False when no grant's rule can match `probe`, whatever its verb, group, name and scope. */
  mayAllow(probe: Probe): boolean {
    return this.listsAny(prepare(probe));
  }

  /** False when no grant's rule can match any of `probes`, whatever the scope. */
  mayAllowAnyOf(probes: readonly Probe[]): boolean {
    return this.listsAnyOf(ruleResourcesOfGroup(probes));
  }

  private listsAnyOf(wanted: ReadonlySet<string>): boolean {
    for (const resource of this.ruleResources) if (wanted.has(resource)) return true;
    return false;
  }

  private listsAny(prepared: PreparedProbe): boolean {
    for (const resource of prepared.ruleResources) if (this.ruleResources.has(resource)) return true;
    return false;
  }

  /** Grants that allow one of the probes in `scope`, in probe then grant order; empty when none does. */
  forAny(probes: readonly Probe[], scope: string): Grant[] {
    const out: Grant[] = [];
    // Most subjects list a handful of resources that no probe of the group names: one pass over
    // those few rejects the whole group.
    if (!this.listsAnyOf(ruleResourcesOfGroup(probes))) return out;
    for (const probe of probes) {
      if (probe.namespace !== undefined && scope !== '' && probe.namespace !== scope) continue;
      const prepared = prepare(probe);
      if (!this.listsAny(prepared)) continue;
      const request = preparedRequest(prepared, probe, scope);
      for (const grant of this.grants) {
        // Grant lists are short: a linear membership test is cheaper than a Set.
        if (grantAllows(grant, request) && !out.includes(grant)) out.push(grant);
      }
    }
    return out;
  }
}

/**
 * Grants among `grants` that allow one of the probes in `scope`; empty when none does.
 *
 * @example
 * grantsForAny(model.grantsOfKey('user:alice'), [{ verb: 'get', resource: 'secrets' }], 'shop');
 */
export function grantsForAny(grants: readonly Grant[], probes: readonly Probe[], scope: string): Grant[] {
  return new ProbeableGrants(grants).forAny(probes, scope);
}

/** One subject holding one risky permission in one scope. */
export interface RiskFinding {
  readonly risk: RiskDefinition;
  /** Subject key (`user:NAME`, `group:NAME`). */
  readonly subject: string;
  /** Namespace, or `""` for cluster-wide. */
  readonly scope: string;
  /** The grants that make the risk hold, one set per requirement. */
  readonly grants: readonly Grant[];
}

/** Grants (per requirement, flattened) when all of the risk's requirements hold; undefined otherwise. */
function riskHolds(risk: RiskDefinition, grants: ProbeableGrants, scope: string): Grant[] | undefined {
  let all: Grant[] | undefined;
  for (const requirement of risk.requires) {
    const found = grants.forAny(requirement, scope);
    if (found.length === 0) return undefined;
    if (!all) all = found;
    else for (const grant of found) if (!all.includes(grant)) all.push(grant);
  }
  return all ?? [];
}

/** One subject's grants as the risk search probes them. */
interface SubjectGrants {
  readonly subject: string;
  readonly all: ProbeableGrants;
  readonly cluster: ProbeableGrants;
  /** Namespaces where RoleBindings grant the subject something, sorted. */
  readonly namespaces: readonly string[];
}

/** Per model: each risk check searches the same subjects, so their grants are prepared once. */
const subjectGrantsCache = new WeakMap<RbacModel, readonly SubjectGrants[]>();

function subjectGrantsOf(model: RbacModel): readonly SubjectGrants[] {
  let cached = subjectGrantsCache.get(model);
  if (!cached) {
    cached = model.subjectKeys().map((subject) => {
      const grants = model.grantsOfKey(subject);
      return {
        subject,
        all: new ProbeableGrants(grants),
        cluster: new ProbeableGrants(grants.filter((g) => g.scope === '')),
        namespaces: [...new Set(grants.map((g) => g.scope).filter((s) => s !== ''))].sort(),
      };
    });
    subjectGrantsCache.set(model, cached);
  }
  return cached;
}

/**
 * Every risky permission of every subject named in a binding, cluster-wide (through
 * ClusterRoleBindings) and per namespace (where RoleBindings add to it). A risk reported
 * cluster-wide is not repeated per namespace.
 *
 * @example
 * for (const f of findRisks(model)) console.log(f.risk.id, f.subject, f.scope || 'cluster-wide');
 */
export function findRisks(model: RbacModel, catalog: readonly RiskDefinition[] = RISKS): RiskFinding[] {
  const findings: RiskFinding[] = [];
  for (const { subject, all, cluster, namespaces } of subjectGrantsOf(model)) {
    for (const risk of catalog) {
      // Cluster grants are among all grants: when no rule of the subject can match the first
      // requirement, the risk holds in no scope (the common case, decided without a request).
      const first = risk.requires[0];
      if (first && !all.mayAllowAnyOf(first)) continue;
      const clusterWide = riskHolds(risk, cluster, '');
      if (clusterWide) {
        findings.push({ risk, subject, scope: '', grants: clusterWide });
        continue;
      }
      if (risk.clusterScoped) continue;
      for (const ns of namespaces) {
        const held = riskHolds(risk, all, ns);
        if (held) findings.push({ risk, subject, scope: ns, grants: held });
      }
    }
  }
  return findings;
}
