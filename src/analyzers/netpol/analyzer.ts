/**
 * The reachability engine. A connection from A to B is allowed when A's egress allows it and
 * B's ingress allows it; each direction is decided in three layers, as the network-policy-api
 * defines them:
 *
 * 1. AdminNetworkPolicies selecting the pod, lowest priority value first, rules in order: the
 *    first rule matching a connection decides it (Allow, Deny, or Pass to the next layer);
 * 2. NetworkPolicies: when any selects the pod for that direction, the pod is isolated and only
 *    the union of their matching rules is allowed;
 * 3. otherwise the BaselineAdminNetworkPolicy (first matching rule, Allow or Deny), and what is
 *    left is allowed.
 *
 * `ipBlock` peers describe addresses outside the cluster; pod IPs are not known from manifests,
 * so an ipBlock never matches a workload (the convention of NetworkPolicy analyzers).
 */
import { atomicRanges, formatRange, parseCidr, rangeContains, type AddressRange } from './addresses.js';
import { ConnectionSet } from './connections.js';
import { INGRESS_CONTROLLER_NAMESPACE, resolvePortOn, type NetworkModel, type Workload } from './model.js';
import { policyLabel, type Direction, type Peer, type Policy, type PodPeer, type PolicyRule } from './policies.js';
import { matchesLabelSelector, selectsEverything, type LabelSelector } from './selector.js';
import { compareStrings } from './order.js';

/** One side of a connection. */
export type Endpoint =
  | { kind: 'workload'; workload: Workload; index: number }
  | { kind: 'external'; range: AddressRange }
  | { kind: 'ingress-controller' };

/** The pseudo-peer standing for the cluster's ingress controller. */
export const INGRESS_CONTROLLER = '{ingress-controller}';

/**
 *The connlist name of an endpoint: `ns/name[Kind]`, `first-last[External]` or `{ingress-controller}`.
 *
 * @example
 * endpointName({ kind: 'ingress-controller' }); // "{ingress-controller}"
 */
export function endpointName(endpoint: Endpoint): string {
  if (endpoint.kind === 'workload') return endpoint.workload.id;
  if (endpoint.kind === 'external') return `${formatRange(endpoint.range)}[External]`;
  return INGRESS_CONTROLLER;
}

/** An allowed connection between two endpoints. */
export interface Connection {
  src: string;
  dst: string;
  conn: ConnectionSet;
}

/** How one policy rule (or the absence of policies) contributed to a verdict. */
export interface Decision {
  layer: 'AdminNetworkPolicy' | 'NetworkPolicy' | 'BaselineAdminNetworkPolicy' | 'default';
  /** `NetworkPolicy shop/allow-web`, or a sentence for the default. */
  policy: string;
  rule: string | undefined;
  effect: 'allow' | 'deny' | 'pass' | 'isolate';
  connections: ConnectionSet;
}

/** The verdict of one direction (egress of the source, ingress of the destination). */
export interface DirectionVerdict {
  direction: Direction;
  /** The workload whose policies decide this direction. */
  subject: string;
  allowed: ConnectionSet;
  /** True when some NetworkPolicy isolates the subject in this direction. */
  isolated: boolean;
  decisions: Decision[];
}

/** The full verdict for SRC → DST. */
export interface Explanation {
  src: string;
  dst: string;
  allowed: ConnectionSet;
  egress: DirectionVerdict | undefined;
  ingress: DirectionVerdict | undefined;
  notes: string[];
}

interface SubjectPolicies {
  admin: Policy[];
  network: Record<Direction, Policy[]>;
  baseline: Policy[];
}

/**
 * Evaluates reachability over one NetworkModel.
 *
 * @example
 * const analyzer = new NetworkAnalyzer(buildNetworkModel(inventory));
 * for (const c of analyzer.list()) console.log(`${c.src} => ${c.dst} : ${c.conn}`);
 */
export class NetworkAnalyzer {
  /** Atomic external address ranges, split at every ipBlock boundary. */
  readonly externalRanges: readonly AddressRange[];
  private readonly podPeerCache = new Map<PodPeer, { bitmap: Uint8Array; members: number[] }>();
  private readonly subjects: SubjectPolicies[];
  private readonly rangeVerdictCache = new Map<string, readonly ConnectionSet[]>();
  private readonly externals: ReadonlyArray<Endpoint & { kind: 'external' }>;

  constructor(readonly model: NetworkModel) {
    this.externalRanges = atomicRanges(this.allPolicies().flatMap((p) => addressBoundaries(p)));
    this.externals = this.externalRanges.map((range) => ({ kind: 'external', range }));
    this.subjects = model.workloads.map(() => ({ admin: [], network: { ingress: [], egress: [] }, baseline: [] }));
    this.indexSubjects();
  }

  private allPolicies(): Policy[] {
    return [...this.model.adminPolicies, ...this.model.networkPolicies, ...this.model.baselinePolicies];
  }

  private indexSubjects(): void {
    const add = (policy: Policy, push: (s: SubjectPolicies) => void): void => {
      for (const i of this.podPeerMembers(policy.subject)) push(this.subjects[i] as SubjectPolicies);
    };
    for (const p of this.model.adminPolicies) add(p, (s) => s.admin.push(p));
    for (const p of this.model.baselinePolicies) add(p, (s) => s.baseline.push(p));
    for (const p of this.model.networkPolicies)
      add(p, (s) => {
        for (const d of p.types) s.network[d].push(p);
      });
  }

  /** Which workloads a pod peer selects (a bitmap by workload index), computed once per peer. */
  private podPeerMatches(peer: PodPeer): Uint8Array {
    return this.podPeerSelection(peer).bitmap;
  }

  /** The indexes of the workloads a pod peer selects. */
  private podPeerMembers(peer: PodPeer): readonly number[] {
    return this.podPeerSelection(peer).members;
  }

  /** Only the namespaces the peer selects are visited. */
  private podPeerSelection(peer: PodPeer): { bitmap: Uint8Array; members: number[] } {
    const cached = this.podPeerCache.get(peer);
    if (cached) return cached;
    const bitmap = new Uint8Array(this.model.workloads.length);
    const members: number[] = [];
    const byNamespace = this.workloadsByNamespace();
    const namespaces = 'name' in peer.namespaces ? [peer.namespaces.name] : [...byNamespace.keys()].filter((ns) => this.namespaceMatches(peer, ns));
    const required = firstMatchLabel(peer.pods);
    for (const namespace of namespaces) {
      // A selector requiring a label can only match workloads carrying it: start from those.
      const candidates = required ? this.workloadsWithLabel(namespace, required[0], required[1]) : (byNamespace.get(namespace) ?? []);
      for (const i of candidates) {
        if (matchesLabelSelector(peer.pods, (this.model.workloads[i] as Workload).podLabels)) {
          bitmap[i] = 1;
          members.push(i);
        }
      }
    }
    const selection = { bitmap, members };
    this.podPeerCache.set(peer, selection);
    return selection;
  }

  private namespaceIndex: Map<string, number[]> | undefined;
  private labelIndex: Map<string, number[]> | undefined;

  /** Indexes (ascending) of the workloads in `namespace` whose pod labels include `key=value`. */
  private workloadsWithLabel(namespace: string, key: string, value: string): readonly number[] {
    if (!this.labelIndex) {
      const index = new Map<string, number[]>();
      this.model.workloads.forEach((w, i) => {
        for (const label in w.podLabels) {
          const indexKey = labelIndexKey(w.namespace, label, w.podLabels[label] as string);
          const list = index.get(indexKey);
          if (list) list.push(i);
          else index.set(indexKey, [i]);
        }
      });
      this.labelIndex = index;
    }
    return this.labelIndex.get(labelIndexKey(namespace, key, value)) ?? [];
  }

  /** Workload indexes grouped by namespace. */
  private workloadsByNamespace(): Map<string, number[]> {
    if (!this.namespaceIndex) {
      this.namespaceIndex = new Map();
      this.model.workloads.forEach((w, i) => {
        const list = this.namespaceIndex?.get(w.namespace);
        if (list) list.push(i);
        else this.namespaceIndex?.set(w.namespace, [i]);
      });
    }
    return this.namespaceIndex;
  }

  private namespaceMatches(peer: PodPeer, namespace: string): boolean {
    if ('name' in peer.namespaces) return peer.namespaces.name === namespace;
    const labels = this.model.namespaces.get(namespace)?.labels ?? { 'kubernetes.io/metadata.name': namespace };
    return matchesLabelSelector(peer.namespaces.selector, labels);
  }

  private peerMatches(peer: Peer, endpoint: Endpoint): boolean {
    if (peer.kind === 'unsupported') return false;
    if (peer.kind === 'addresses') {
      if (endpoint.kind !== 'external') return false;
      return peer.include.some((r) => rangeContains(r, endpoint.range)) && !peer.except.some((r) => rangeContains(r, endpoint.range));
    }
    if (endpoint.kind === 'workload') return this.podPeerMatches(peer)[endpoint.index] === 1;
    if (endpoint.kind === 'ingress-controller') {
      const labels = INGRESS_CONTROLLER_NAMESPACE.labels;
      const inNamespace = 'name' in peer.namespaces ? peer.namespaces.name === INGRESS_CONTROLLER_NAMESPACE.name : matchesLabelSelector(peer.namespaces.selector, labels);
      // The controller's pod labels are unknown: only "any pod" there matches it.
      return inNamespace && selectsEverything(peer.pods);
    }
    return false;
  }

  private ruleMatches(rule: PolicyRule, endpoint: Endpoint): boolean {
    return rule.peers === 'any' || rule.peers.some((p) => this.peerMatches(p, endpoint));
  }

  /** The ports a rule allows toward `destination`; named ports resolve against its container ports. */
  private rulePorts(rule: PolicyRule, destination: Endpoint): ConnectionSet {
    if (rule.namedPorts.length === 0) return rule.staticPorts;
    let out = rule.staticPorts;
    if (destination.kind === 'workload')
      for (const p of rule.namedPorts) out = out.union(resolvePortOn(p.named, p.protocol, destination.workload));
    return out;
  }

  /** Walks first-match rules (admin kinds) over what is still undecided. */
  private firstMatch(
    policies: readonly Policy[],
    direction: Direction,
    subject: Endpoint,
    peer: Endpoint,
    undecided: ConnectionSet,
    decisions: Decision[] | undefined,
  ): { allowed: ConnectionSet; denied: ConnectionSet; decided: ConnectionSet } {
    let allowed = ConnectionSet.none();
    let denied = ConnectionSet.none();
    let decided = ConnectionSet.none();
    const destination = direction === 'ingress' ? subject : peer;
    for (const policy of policies) {
      for (const rule of policy[direction]) {
        if (decided.covers(undecided)) return { allowed, denied, decided };
        if (!this.ruleMatches(rule, peer)) continue;
        const conns = this.rulePorts(rule, destination).intersect(undecided).subtract(decided);
        if (conns.isEmpty()) continue;
        decided = decided.union(conns);
        if (rule.action === 'Allow') allowed = allowed.union(conns);
        else if (rule.action === 'Deny') denied = denied.union(conns);
        decisions?.push({
          layer: policy.kind === 'AdminNetworkPolicy' ? 'AdminNetworkPolicy' : 'BaselineAdminNetworkPolicy',
          policy: policyLabel(policy),
          rule: rule.label,
          effect: rule.action === 'Allow' ? 'allow' : rule.action === 'Deny' ? 'deny' : 'pass',
          connections: conns,
        });
      }
    }
    return { allowed, denied, decided };
  }

  /** The union of NetworkPolicy rules that match the peer. */
  private networkPolicyAllows(policies: readonly Policy[], direction: Direction, subject: Endpoint, peer: Endpoint, decisions: Decision[] | undefined): ConnectionSet {
    let allowed = ConnectionSet.none();
    const destination = direction === 'ingress' ? subject : peer;
    for (const policy of policies) {
      let contributed = false;
      for (const rule of policy[direction]) {
        if (!this.ruleMatches(rule, peer)) continue;
        const conns = this.rulePorts(rule, destination);
        if (conns.isEmpty()) continue;
        allowed = allowed.union(conns);
        contributed = true;
        decisions?.push({ layer: 'NetworkPolicy', policy: policyLabel(policy), rule: rule.label, effect: 'allow', connections: conns });
      }
      if (!contributed) decisions?.push({ layer: 'NetworkPolicy', policy: policyLabel(policy), rule: undefined, effect: 'isolate', connections: ConnectionSet.none() });
    }
    return allowed;
  }

  /** Decides one direction for a workload (`subject`) talking to `peer`. */
  private decide(subject: Endpoint & { kind: 'workload' }, peer: Endpoint, direction: Direction, decisions?: Decision[]): ConnectionSet {
    const policies = this.subjects[subject.index] as SubjectPolicies;
    const admin = this.firstMatch(policies.admin, direction, subject, peer, ConnectionSet.all(), decisions);
    // Passed and unmatched connections fall through to NetworkPolicy.
    const undecided = admin.allowed.union(admin.denied).complement();
    const network = policies.network[direction];
    if (network.length > 0) return admin.allowed.union(undecided.intersect(this.networkPolicyAllows(network, direction, subject, peer, decisions)));
    const baseline = this.firstMatch(policies.baseline, direction, subject, peer, undecided, decisions);
    const rest = undecided.subtract(baseline.decided);
    if (!rest.isEmpty())
      decisions?.push({ layer: 'default', policy: 'no NetworkPolicy isolates the pod', rule: undefined, effect: 'allow', connections: rest });
    return admin.allowed.union(baseline.allowed).union(rest);
  }

  /**
   * Allowed connections from `src` to `dst`. For `{ingress-controller}` only the ports that
   * Ingress objects route to `dst` count.
   */
  connections(src: Endpoint, dst: Endpoint): ConnectionSet {
    const allowed = this.evaluate(src, dst, undefined).allowed;
    if (src.kind !== 'ingress-controller' || dst.kind !== 'workload') return allowed;
    return allowed.intersect(this.model.ingressExposure.get(dst.workload.id) ?? ConnectionSet.none());
  }

  /** What the policies allow from `src` to `dst`, regardless of Ingress routing. */
  policyConnections(src: Endpoint, dst: Endpoint): ConnectionSet {
    return this.evaluate(src, dst, undefined).allowed;
  }

  private evaluate(src: Endpoint, dst: Endpoint, trace: { egress: Decision[]; ingress: Decision[] } | undefined): { allowed: ConnectionSet } {
    let allowed = ConnectionSet.all();
    if (src.kind === 'workload') allowed = this.decide(src, dst, 'egress', trace?.egress);
    if (allowed.isEmpty() && !trace) return { allowed };
    if (dst.kind === 'workload') allowed = allowed.intersect(this.decide(dst, src, 'ingress', trace?.ingress));
    if (src.kind !== 'workload' && dst.kind !== 'workload') allowed = ConnectionSet.none();
    return { allowed };
  }

  /**
   * The verdict per direction with the policies and rules that decided it.
   *
   * @example
   * const why = analyzer.explain(analyzer.workload('shop/web'), analyzer.workload('shop/db'));
   */
  explain(src: Endpoint, dst: Endpoint): Explanation {
    const trace = { egress: [] as Decision[], ingress: [] as Decision[] };
    this.evaluate(src, dst, trace);
    const allowed = this.connections(src, dst);
    const notes: string[] = [];
    const verdict = (direction: Direction, subject: Endpoint, peer: Endpoint, decisions: Decision[]): DirectionVerdict | undefined => {
      if (subject.kind !== 'workload') return undefined;
      const isolated = (this.subjects[subject.index] as SubjectPolicies).network[direction].length > 0;
      return { direction, subject: subject.workload.id, allowed: this.decide(subject, peer, direction), isolated, decisions };
    };
    if (src.kind === 'ingress-controller' && dst.kind === 'workload') {
      const exposed = this.model.ingressExposure.get(dst.workload.id) ?? ConnectionSet.none();
      notes.push(exposed.isEmpty() ? `no Ingress routes to ${dst.workload.id}` : `Ingress objects route ${exposed} to ${dst.workload.id}`);
    }
    if (src.kind !== 'workload' && dst.kind !== 'workload') notes.push('neither endpoint is a workload in the inventory');
    return {
      src: endpointName(src),
      dst: endpointName(dst),
      allowed,
      egress: verdict('egress', src, dst, trace.egress),
      ingress: verdict('ingress', dst, src, trace.ingress),
      notes,
    };
  }

  /** True when some NetworkPolicy isolates the workload in `direction`. */
  isIsolated(workload: Endpoint & { kind: 'workload' }, direction: Direction): boolean {
    return (this.subjects[workload.index] as SubjectPolicies).network[direction].length > 0;
  }

  /** The NetworkPolicies that select a workload for a direction. */
  policiesSelecting(workload: Endpoint & { kind: 'workload' }, direction: Direction): readonly Policy[] {
    return (this.subjects[workload.index] as SubjectPolicies).network[direction];
  }

  /** Every workload as an endpoint, in id order. */
  workloadEndpoints(): Array<Endpoint & { kind: 'workload' }> {
    return this.model.workloads.map((workload, index) => ({ kind: 'workload', workload, index }));
  }

  /** Every atomic external range as an endpoint, in address order (the same objects on every call). */
  externalEndpoints(): ReadonlyArray<Endpoint & { kind: 'external' }> {
    return this.externals;
  }

  /** The workload endpoint with this exact id, if any. */
  workload(id: string): (Endpoint & { kind: 'workload' }) | undefined {
    const index = this.model.workloads.findIndex((w) => w.id === id);
    return index < 0 ? undefined : { kind: 'workload', workload: this.model.workloads[index] as Workload, index };
  }

  /**
   * Endpoints a user may mean by `text`: an id (`ns/name[Kind]`), `ns/name`, a bare name, an IP
   * address or CIDR (the atomic range holding it), or `{ingress-controller}`.
   */
  resolve(text: string): Endpoint[] {
    if (text === INGRESS_CONTROLLER || text === 'ingress-controller') return [{ kind: 'ingress-controller' }];
    if (/^[0-9a-fA-F.:]+(\/\d+)?$/.test(text) && /[.:]/.test(text)) {
      const address = parseCidr(text.includes('/') ? text : `${text}/${text.includes(':') ? 128 : 32}`);
      const range = address && this.externalRanges.find((r) => rangeContains(r, { ...address, last: address.first }));
      return range ? [{ kind: 'external', range }] : [];
    }
    return this.workloadEndpoints().filter(({ workload: w }) => {
      if (w.id === text) return true;
      if (text.includes('/')) return `${w.namespace}/${w.name}` === text;
      return w.name === text;
    });
  }

  /**
   * Every allowed connection: workload pairs, workloads against each external range (both ways),
   * and `{ingress-controller}` toward Ingress backends. No line from a workload to itself.
   * Endpoints are visited in name order, so the list comes out sorted as the connlist sorts.
   */
  list(): Connection[] {
    const workloads = this.workloadEndpoints().filter((w) => !w.workload.probe);
    const externals = this.externalEndpoints();
    const names = new Map<Endpoint, string>();
    const byName = (list: Endpoint[]): Endpoint[] => {
      for (const e of list) if (!names.has(e)) names.set(e, endpointName(e));
      return list.sort((a, b) => compareStrings(names.get(a) as string, names.get(b) as string));
    };
    const exposed = workloads.some((w) => this.model.ingressExposure.has(w.workload.id));
    const sources = byName([...workloads, ...externals, ...(exposed ? [{ kind: 'ingress-controller' } as const] : [])]);
    const workloadTargets = byName([...workloads]);
    const allTargets = sources.filter((e) => e.kind !== 'ingress-controller');
    const rangeIndex = new Map<Endpoint, number>(externals.map((e, i) => [e, i]));
    const out: Connection[] = [];
    for (const src of sources) {
      for (const dst of src.kind === 'workload' ? allTargets : workloadTargets) {
        let conn: ConnectionSet;
        if (src.kind === 'workload' && dst.kind === 'workload') {
          if (src.index === dst.index) continue;
          conn = this.connections(src, dst);
        } else if (src.kind === 'workload') conn = this.rangeVerdicts(src, 'egress')[rangeIndex.get(dst) as number] as ConnectionSet;
        else if (src.kind === 'external' && dst.kind === 'workload') conn = this.rangeVerdicts(dst, 'ingress')[rangeIndex.get(src) as number] as ConnectionSet;
        else if (dst.kind === 'workload' && this.model.ingressExposure.has(dst.workload.id)) conn = this.connections(src, dst);
        else continue;
        if (!conn.isEmpty()) out.push({ src: names.get(src) as string, dst: names.get(dst) as string, conn });
      }
    }
    return out;
  }

  /**
   * One direction of a workload against every external range, aligned with
   * {@link NetworkAnalyzer.externalEndpoints}: egress toward each range, or ingress from it.
   * Ranges that the workload's address peers cannot tell apart get the same verdict, so it is
   * computed once per group.
   *
   * @example
   * const fromOutside = analyzer.rangeVerdicts(web, 'ingress'); // ConnectionSet per external range
   */
  rangeVerdicts(workload: Endpoint & { kind: 'workload' }, direction: Direction): readonly ConnectionSet[] {
    const key = `${workload.index}/${direction}`;
    const cached = this.rangeVerdictCache.get(key);
    if (cached) return cached;
    const policies = this.subjects[workload.index] as SubjectPolicies;
    const peers: Peer[] = [];
    for (const p of [...policies.admin, ...policies.network[direction], ...policies.baseline])
      for (const rule of p[direction]) if (rule.peers !== 'any') for (const peer of rule.peers) if (peer.kind === 'addresses') peers.push(peer);
    const verdicts = new Map<string, ConnectionSet>();
    const out = this.externalEndpoints().map((range) => {
      const signature = peers.map((peer) => (this.peerMatches(peer, range) ? '1' : '0')).join('');
      let verdict = verdicts.get(signature);
      if (!verdict) {
        verdict = this.decide(workload, range, direction);
        verdicts.set(signature, verdict);
      }
      return verdict;
    });
    this.rangeVerdictCache.set(key, out);
    return out;
  }
}

function addressBoundaries(policy: Policy): AddressRange[] {
  const out: AddressRange[] = [];
  for (const rule of [...policy.ingress, ...policy.egress]) {
    if (rule.peers === 'any') continue;
    for (const peer of rule.peers) if (peer.kind === 'addresses') out.push(...peer.include, ...peer.except);
  }
  return out;
}

function labelIndexKey(namespace: string, key: string, value: string): string {
  return `${namespace}\u0000${key}\u0000${value}`;
}

/** One `matchLabels` entry of a selector, when it has any. */
function firstMatchLabel(selector: LabelSelector): [string, string] | undefined {
  for (const key in selector.matchLabels) {
    if (Object.prototype.hasOwnProperty.call(selector.matchLabels, key)) return [key, selector.matchLabels[key] as string];
  }
  return undefined;
}
