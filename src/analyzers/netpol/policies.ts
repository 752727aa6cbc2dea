/**
 * Reads NetworkPolicy (`networking.k8s.io/v1`), AdminNetworkPolicy and BaselineAdminNetworkPolicy
 * (`policy.networking.k8s.io/v1alpha1`) into one normalized rule form, validating as the API
 * server would. A policy the API server would reject is reported and left out, so the rest of
 * the analysis goes on.
 */
import { effectiveNamespace } from '../../model/inventory.js';
import { isJsonObject, joinPointer, type JsonObject, type JsonValue, type Resource, type ResourceRef, resourceRef } from '../../model/types.js';
import { parseCidr, rangeContains, type AddressRange } from './addresses.js';
import { ConnectionSet, parseProtocol, MAX_PORT, MIN_PORT, type Protocol } from './connections.js';
import { compileLabelSelector, EVERYTHING, type LabelSelector } from './selector.js';

/** A problem found in the inventory, with the place to fix it. */
export interface NetpolIssue {
  file: string;
  line?: number;
  message: string;
  resource?: ResourceRef;
}

/** Which pods a rule's peer names: by namespace (own namespace or a namespace selector) and pod labels. */
export interface PodPeer {
  kind: 'pods';
  /** A namespace name (NetworkPolicy podSelector-only peers) or a namespace selector. */
  namespaces: { name: string } | { selector: LabelSelector };
  pods: LabelSelector;
}

/** Addresses outside the cluster: `cidr` minus `except`. */
export interface AddressPeer {
  kind: 'addresses';
  include: readonly AddressRange[];
  except: readonly AddressRange[];
  text: string;
}

/** A peer Rampart cannot place (AdminNetworkPolicy `nodes`, `domainNames`): it matches no endpoint. */
export interface UnsupportedPeer {
  kind: 'unsupported';
  text: string;
}

export type Peer = PodPeer | AddressPeer | UnsupportedPeer;

/**
 * One port entry; a named port is resolved against the destination pod's container ports (with
 * the given protocol for NetworkPolicy; any protocol for AdminNetworkPolicy `namedPort`).
 */
export type PolicyPort = { protocol: Protocol; from: number; to: number } | { protocol: Protocol | undefined; named: string } | { protocol: Protocol };

/** A named port entry. */
export interface NamedPort {
  protocol: Protocol | undefined;
  named: string;
}

export type Direction = 'ingress' | 'egress';
export type RuleAction = 'Allow' | 'Deny' | 'Pass';

/** A rule in normalized form. `peers: 'any'` and `ports: 'all'` stand for omitted (or empty) lists. */
export interface PolicyRule {
  /** `ingress[0]` or the AdminNetworkPolicy rule name. */
  label: string;
  action: RuleAction;
  peers: readonly Peer[] | 'any';
  ports: readonly PolicyPort[] | 'all';
  /** The union of the numeric and protocol-wide ports, computed once. */
  staticPorts: ConnectionSet;
  /** Named ports, resolved per destination. */
  namedPorts: readonly NamedPort[];
}

export type PolicyKind = 'NetworkPolicy' | 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy';

/** A policy of any of the three kinds. */
export interface Policy {
  kind: PolicyKind;
  name: string;
  /** NetworkPolicy namespace; undefined for the cluster-scoped kinds. */
  namespace: string | undefined;
  /** ANP priority (lower first); 0 for the other kinds. */
  priority: number;
  /** The pods the policy applies to. */
  subject: PodPeer;
  /** Directions the policy isolates (NetworkPolicy) or has rules for (admin kinds). */
  types: ReadonlySet<Direction>;
  ingress: readonly PolicyRule[];
  egress: readonly PolicyRule[];
  resource: Resource;
}

/**
 *`kind namespace/name` or `kind name`, as explanations print a policy.
 *
 * @example
 * policyLabel(policy); // "NetworkPolicy shop/default-deny"
 */
export function policyLabel(policy: Policy): string {
  return policy.namespace !== undefined ? `${policy.kind} ${policy.namespace}/${policy.name}` : `${policy.kind} ${policy.name}`;
}

/** Collects validation problems of one resource, with the line of the offending field when known. */
class Problems {
  readonly issues: NetpolIssue[] = [];
  constructor(private readonly resource: Resource) {}

  add(pointer: string, message: string): void {
    const source = this.resource.source;
    const line = source.positions ? source.positions.locate(source.pointerPrefix + pointer).line : source.line;
    const ref = resourceRef(this.resource);
    this.issues.push({ file: source.file, line, message: `${ref.kind} ${ref.namespace ? ref.namespace + '/' : ''}${ref.name}: ${message}`, resource: ref });
  }
}

function selectorAt(value: JsonValue | undefined, pointer: string, problems: Problems, absentMeansAll: boolean): LabelSelector | undefined {
  if (value === undefined || value === null) return absentMeansAll ? EVERYTHING : undefined;
  const { selector, errors } = compileLabelSelector(value);
  for (const e of errors) problems.add(pointer, `invalid selector at ${pointer}: ${e}`);
  return selector;
}

const PORT_NAME = /^[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/;

function isValidPortName(name: string): boolean {
  return PORT_NAME.test(name) && /[a-z]/.test(name) && !name.includes('--');
}

function numericPort(value: JsonValue | undefined, pointer: string, problems: Problems): number | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < MIN_PORT || value > MAX_PORT) {
    problems.add(pointer, `port must be an integer between ${MIN_PORT} and ${MAX_PORT} (got ${JSON.stringify(value ?? null)})`);
    return undefined;
  }
  return value;
}

function protocolAt(value: JsonValue | undefined, pointer: string, problems: Problems): Protocol | undefined {
  const protocol = parseProtocol(value);
  if (!protocol) problems.add(pointer, `protocol must be TCP, UDP or SCTP (got ${JSON.stringify(value)})`);
  return protocol;
}

function readNetworkPolicyPort(value: JsonValue, pointer: string, problems: Problems): PolicyPort | undefined {
  if (!isJsonObject(value)) {
    problems.add(pointer, 'a port entry must be an object');
    return undefined;
  }
  const protocol = protocolAt(value['protocol'], joinPointer(pointer, 'protocol'), problems);
  if (!protocol) return undefined;
  const port = value['port'];
  const endPort = value['endPort'];
  if (port === undefined || port === null) {
    if (endPort !== undefined && endPort !== null) problems.add(joinPointer(pointer, 'endPort'), 'endPort requires port');
    return { protocol };
  }
  if (typeof port === 'string') {
    if (!isValidPortName(port)) {
      problems.add(joinPointer(pointer, 'port'), `"${port}" is not a valid port name (a named port is a lowercase IANA service name with at least one letter)`);
      return undefined;
    }
    if (endPort !== undefined && endPort !== null) {
      problems.add(joinPointer(pointer, 'endPort'), 'endPort cannot be used with a named port');
      return undefined;
    }
    return { protocol, named: port };
  }
  const from = numericPort(port, joinPointer(pointer, 'port'), problems);
  if (from === undefined) return undefined;
  if (endPort === undefined || endPort === null) return { protocol, from, to: from };
  const to = numericPort(endPort, joinPointer(pointer, 'endPort'), problems);
  if (to === undefined) return undefined;
  if (to < from) {
    problems.add(joinPointer(pointer, 'endPort'), `endPort ${to} is less than port ${from}`);
    return undefined;
  }
  return { protocol, from, to };
}

function readIpBlock(value: JsonValue, pointer: string, problems: Problems): AddressPeer | undefined {
  if (!isJsonObject(value) || typeof value['cidr'] !== 'string') {
    problems.add(pointer, 'ipBlock needs a cidr');
    return undefined;
  }
  const cidrText = value['cidr'];
  const cidr = parseCidr(cidrText);
  if (!cidr) {
    problems.add(joinPointer(pointer, 'cidr'), `"${cidrText}" is not a valid CIDR`);
    return undefined;
  }
  const except: AddressRange[] = [];
  const list = value['except'];
  const exceptTexts: string[] = [];
  if (Array.isArray(list)) {
    list.forEach((e, i) => {
      const range = typeof e === 'string' ? parseCidr(e) : undefined;
      if (!range) problems.add(joinPointer(pointer, 'except', i), `${JSON.stringify(e)} is not a valid CIDR`);
      else if (!rangeContains(cidr, range) || (range.first === cidr.first && range.last === cidr.last))
        problems.add(joinPointer(pointer, 'except', i), `except ${String(e)} must be strictly within cidr ${cidrText}`);
      else {
        except.push(range);
        exceptTexts.push(String(e));
      }
    });
  }
  const text = exceptTexts.length > 0 ? `${cidrText} except ${exceptTexts.join(', ')}` : cidrText;
  return { kind: 'addresses', include: [cidr], except, text };
}

function readNetworkPolicyPeer(value: JsonValue, pointer: string, namespace: string, problems: Problems): Peer | undefined {
  if (!isJsonObject(value)) {
    problems.add(pointer, 'a peer must be an object');
    return undefined;
  }
  const hasPods = value['podSelector'] !== undefined && value['podSelector'] !== null;
  const hasNamespaces = value['namespaceSelector'] !== undefined && value['namespaceSelector'] !== null;
  const hasBlock = value['ipBlock'] !== undefined && value['ipBlock'] !== null;
  if (hasBlock && (hasPods || hasNamespaces)) {
    problems.add(pointer, 'ipBlock cannot be combined with podSelector or namespaceSelector');
    return undefined;
  }
  if (hasBlock) return readIpBlock(value['ipBlock'] as JsonValue, joinPointer(pointer, 'ipBlock'), problems);
  if (!hasPods && !hasNamespaces) {
    problems.add(pointer, 'a peer must set podSelector, namespaceSelector or ipBlock');
    return undefined;
  }
  const pods = selectorAt(value['podSelector'], joinPointer(pointer, 'podSelector'), problems, true);
  const nsSelector = hasNamespaces ? selectorAt(value['namespaceSelector'], joinPointer(pointer, 'namespaceSelector'), problems, true) : undefined;
  if (!pods || (hasNamespaces && !nsSelector)) return undefined;
  return { kind: 'pods', namespaces: nsSelector ? { selector: nsSelector } : { name: namespace }, pods };
}

function listAt(value: JsonValue | undefined, pointer: string, problems: Problems): JsonValue[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    problems.add(pointer, 'must be a list');
    return undefined;
  }
  return value;
}

/** Splits ports into the part known up front and the named part resolved per destination. */
function finishRule(label: string, action: RuleAction, peers: readonly Peer[] | 'any', ports: readonly PolicyPort[] | 'all'): PolicyRule {
  let staticPorts = ports === 'all' ? ConnectionSet.all() : ConnectionSet.none();
  const namedPorts: NamedPort[] = [];
  if (ports !== 'all') {
    for (const p of ports) {
      if ('named' in p) namedPorts.push(p);
      else if ('from' in p) staticPorts = staticPorts.union(ConnectionSet.ports(p.protocol, p.from, p.to));
      else if (p.protocol) staticPorts = staticPorts.union(ConnectionSet.protocol(p.protocol));
    }
  }
  return { label, action, peers, ports, staticPorts, namedPorts };
}

function readNetworkPolicyRule(value: JsonValue, pointer: string, direction: Direction, namespace: string, problems: Problems): PolicyRule | undefined {
  if (!isJsonObject(value)) {
    problems.add(pointer, 'a rule must be an object');
    return undefined;
  }
  const before = problems.issues.length;
  const peerField = direction === 'ingress' ? 'from' : 'to';
  const peerList = listAt(value[peerField], joinPointer(pointer, peerField), problems);
  const peers = (peerList ?? []).map((p, i) => readNetworkPolicyPeer(p, joinPointer(pointer, peerField, i), namespace, problems));
  const portList = listAt(value['ports'], joinPointer(pointer, 'ports'), problems);
  const ports = (portList ?? []).map((p, i) => readNetworkPolicyPort(p, joinPointer(pointer, 'ports', i), problems));
  if (problems.issues.length > before) return undefined;
  const label = `${direction}[${pointer.slice(pointer.lastIndexOf('/') + 1)}]`;
  return finishRule(
    label,
    'Allow',
    peers.length === 0 ? 'any' : (peers as Peer[]),
    ports.length === 0 ? 'all' : (ports as PolicyPort[]),
  );
}

function readPolicyTypes(spec: JsonObject, problems: Problems): Set<Direction> | undefined {
  const listed = spec['policyTypes'];
  if (listed === undefined || listed === null || (Array.isArray(listed) && listed.length === 0)) {
    // The API server's defaulting: Ingress always, Egress only when egress rules exist.
    const egress = spec['egress'];
    return new Set<Direction>(Array.isArray(egress) && egress.length > 0 ? ['ingress', 'egress'] : ['ingress']);
  }
  if (!Array.isArray(listed)) {
    problems.add('/spec/policyTypes', 'policyTypes must be a list');
    return undefined;
  }
  const types = new Set<Direction>();
  listed.forEach((t, i) => {
    if (t === 'Ingress') types.add('ingress');
    else if (t === 'Egress') types.add('egress');
    else problems.add(joinPointer('/spec/policyTypes', i), `policyTypes entries must be Ingress or Egress (got ${JSON.stringify(t)})`);
  });
  return types;
}

function readRules(
  spec: JsonObject,
  direction: Direction,
  read: (value: JsonValue, pointer: string) => PolicyRule | undefined,
  problems: Problems,
): PolicyRule[] {
  const list = listAt(spec[direction], `/spec/${direction}`, problems) ?? [];
  const out: PolicyRule[] = [];
  list.forEach((rule, i) => {
    const parsed = read(rule, `/spec/${direction}/${i}`);
    if (parsed) out.push(parsed);
  });
  return out;
}

/**
 * Reads one NetworkPolicy; returns the policy, or undefined with issues when the API server
 * would reject it.
 *
 * @example
 * const { policy, issues } = readNetworkPolicy(resource);
 */
export function readNetworkPolicy(resource: Resource): { policy: Policy | undefined; issues: NetpolIssue[] } {
  const problems = new Problems(resource);
  const namespace = effectiveNamespace(resource) ?? 'default';
  const spec = isJsonObject(resource.body['spec']) ? resource.body['spec'] : undefined;
  if (!spec) {
    problems.add('/spec', 'a NetworkPolicy needs a spec');
    return { policy: undefined, issues: problems.issues };
  }
  const podSelector = selectorAt(spec['podSelector'], '/spec/podSelector', problems, true);
  const types = readPolicyTypes(spec, problems);
  const ingress = readRules(spec, 'ingress', (v, p) => readNetworkPolicyRule(v, p, 'ingress', namespace, problems), problems);
  const egress = readRules(spec, 'egress', (v, p) => readNetworkPolicyRule(v, p, 'egress', namespace, problems), problems);
  if (problems.issues.length > 0 || !podSelector || !types) return { policy: undefined, issues: problems.issues };
  const policy: Policy = {
    kind: 'NetworkPolicy',
    name: resource.name,
    namespace,
    priority: 0,
    subject: { kind: 'pods', namespaces: { name: namespace }, pods: podSelector },
    types,
    ingress: types.has('ingress') ? ingress : [],
    egress: types.has('egress') ? egress : [],
    resource,
  };
  return { policy, issues: [] };
}

function readAdminPodsPeer(value: JsonValue | undefined, pointer: string, problems: Problems): PodPeer | undefined {
  if (!isJsonObject(value)) {
    problems.add(pointer, 'pods needs namespaceSelector and podSelector');
    return undefined;
  }
  const before = problems.issues.length;
  const ns = selectorAt(value['namespaceSelector'], joinPointer(pointer, 'namespaceSelector'), problems, false);
  const pods = selectorAt(value['podSelector'], joinPointer(pointer, 'podSelector'), problems, false);
  if (!ns || !pods) {
    if (problems.issues.length === before) problems.add(pointer, 'pods needs both namespaceSelector and podSelector');
    return undefined;
  }
  return { kind: 'pods', namespaces: { selector: ns }, pods };
}

function readAdminSubject(value: JsonValue | undefined, problems: Problems): PodPeer | undefined {
  if (!isJsonObject(value)) {
    problems.add('/spec/subject', 'subject is required');
    return undefined;
  }
  if (value['namespaces'] !== undefined && value['pods'] !== undefined) {
    problems.add('/spec/subject', 'subject must set exactly one of namespaces and pods');
    return undefined;
  }
  if (value['namespaces'] !== undefined) {
    const ns = selectorAt(value['namespaces'], '/spec/subject/namespaces', problems, false);
    return ns ? { kind: 'pods', namespaces: { selector: ns }, pods: EVERYTHING } : undefined;
  }
  if (value['pods'] !== undefined) return readAdminPodsPeer(value['pods'], '/spec/subject/pods', problems);
  problems.add('/spec/subject', 'subject must set namespaces or pods');
  return undefined;
}

function readAdminPeer(value: JsonValue, pointer: string, direction: Direction, problems: Problems): Peer | undefined {
  if (!isJsonObject(value)) {
    problems.add(pointer, 'a peer must be an object');
    return undefined;
  }
  const keys = Object.keys(value).filter((k) => value[k] !== null && value[k] !== undefined);
  if (keys.length !== 1) {
    problems.add(pointer, `a peer must set exactly one of namespaces, pods${direction === 'egress' ? ', nodes, networks, domainNames' : ''}`);
    return undefined;
  }
  const key = keys[0] as string;
  const at = joinPointer(pointer, key);
  if (key === 'namespaces') {
    const ns = selectorAt(value[key], at, problems, false);
    return ns ? { kind: 'pods', namespaces: { selector: ns }, pods: EVERYTHING } : undefined;
  }
  if (key === 'pods') return readAdminPodsPeer(value[key], at, problems);
  if (direction === 'egress' && key === 'networks') return readNetworks(value[key], at, problems);
  if (direction === 'egress' && (key === 'nodes' || key === 'domainNames')) return { kind: 'unsupported', text: key };
  problems.add(pointer, `unknown ${direction} peer "${key}"`);
  return undefined;
}

function readNetworks(value: JsonValue | undefined, pointer: string, problems: Problems): AddressPeer | undefined {
  if (!Array.isArray(value) || value.length === 0) {
    problems.add(pointer, 'networks must be a non-empty list of CIDRs');
    return undefined;
  }
  const include: AddressRange[] = [];
  value.forEach((c, i) => {
    const range = typeof c === 'string' ? parseCidr(c) : undefined;
    if (range) include.push(range);
    else problems.add(joinPointer(pointer, i), `${JSON.stringify(c)} is not a valid CIDR`);
  });
  return { kind: 'addresses', include, except: [], text: value.map(String).join(', ') };
}

function readAdminPort(value: JsonValue, pointer: string, problems: Problems): PolicyPort | undefined {
  if (!isJsonObject(value)) {
    problems.add(pointer, 'a port entry must be an object');
    return undefined;
  }
  // The protocol of a named port is the container port's own.
  if (typeof value['namedPort'] === 'string') return { protocol: undefined, named: value['namedPort'] };
  const number = value['portNumber'];
  if (isJsonObject(number)) {
    const protocol = protocolAt(number['protocol'], joinPointer(pointer, 'portNumber', 'protocol'), problems);
    const port = numericPort(number['port'], joinPointer(pointer, 'portNumber', 'port'), problems);
    return protocol && port !== undefined ? { protocol, from: port, to: port } : undefined;
  }
  const range = value['portRange'];
  if (isJsonObject(range)) {
    const protocol = protocolAt(range['protocol'], joinPointer(pointer, 'portRange', 'protocol'), problems);
    const start = numericPort(range['start'], joinPointer(pointer, 'portRange', 'start'), problems);
    const end = numericPort(range['end'], joinPointer(pointer, 'portRange', 'end'), problems);
    if (!protocol || start === undefined || end === undefined) return undefined;
    if (end < start) {
      problems.add(joinPointer(pointer, 'portRange'), `portRange end ${end} is less than start ${start}`);
      return undefined;
    }
    return { protocol, from: start, to: end };
  }
  problems.add(pointer, 'a port entry must set portNumber, namedPort or portRange');
  return undefined;
}

function readAdminRule(value: JsonValue, pointer: string, direction: Direction, baseline: boolean, problems: Problems): PolicyRule | undefined {
  if (!isJsonObject(value)) {
    problems.add(pointer, 'a rule must be an object');
    return undefined;
  }
  const before = problems.issues.length;
  const action = value['action'];
  const actions = baseline ? ['Allow', 'Deny'] : ['Allow', 'Deny', 'Pass'];
  if (typeof action !== 'string' || !actions.includes(action)) problems.add(joinPointer(pointer, 'action'), `action must be one of ${actions.join(', ')} (got ${JSON.stringify(action ?? null)})`);
  const peerField = direction === 'ingress' ? 'from' : 'to';
  const peerList = listAt(value[peerField], joinPointer(pointer, peerField), problems);
  if (!peerList || peerList.length === 0) problems.add(joinPointer(pointer, peerField), `${peerField} must list at least one peer`);
  const peers = (peerList ?? []).map((p, i) => readAdminPeer(p, joinPointer(pointer, peerField, i), direction, problems));
  const portList = listAt(value['ports'], joinPointer(pointer, 'ports'), problems);
  const ports = (portList ?? []).map((p, i) => readAdminPort(p, joinPointer(pointer, 'ports', i), problems));
  if (problems.issues.length > before) return undefined;
  const label = typeof value['name'] === 'string' ? value['name'] : `${direction}[${pointer.slice(pointer.lastIndexOf('/') + 1)}]`;
  return finishRule(label, action as RuleAction, peers as Peer[], ports.length === 0 ? 'all' : (ports as PolicyPort[]));
}

/**
 * Reads one AdminNetworkPolicy or BaselineAdminNetworkPolicy.
 *
 * @example
 * const { policy, issues } = readAdminPolicy(resource); // policy.priority orders ANPs, lowest first
 */
export function readAdminPolicy(resource: Resource): { policy: Policy | undefined; issues: NetpolIssue[] } {
  const problems = new Problems(resource);
  const baseline = resource.kind === 'BaselineAdminNetworkPolicy';
  const spec = isJsonObject(resource.body['spec']) ? resource.body['spec'] : undefined;
  if (!spec) {
    problems.add('/spec', `a ${resource.kind} needs a spec`);
    return { policy: undefined, issues: problems.issues };
  }
  const priority = spec['priority'];
  if (!baseline && (typeof priority !== 'number' || !Number.isInteger(priority) || priority < 0 || priority > 1000))
    problems.add('/spec/priority', `priority must be an integer between 0 and 1000 (got ${JSON.stringify(priority ?? null)})`);
  if (baseline && resource.name !== 'default') problems.add('/metadata/name', 'a BaselineAdminNetworkPolicy must be named "default"');
  const subject = readAdminSubject(spec['subject'], problems);
  const ingress = readRules(spec, 'ingress', (v, p) => readAdminRule(v, p, 'ingress', baseline, problems), problems);
  const egress = readRules(spec, 'egress', (v, p) => readAdminRule(v, p, 'egress', baseline, problems), problems);
  if (problems.issues.length > 0 || !subject) return { policy: undefined, issues: problems.issues };
  const types = new Set<Direction>();
  if (ingress.length > 0) types.add('ingress');
  if (egress.length > 0) types.add('egress');
  const policy: Policy = {
    kind: baseline ? 'BaselineAdminNetworkPolicy' : 'AdminNetworkPolicy',
    name: resource.name,
    namespace: undefined,
    priority: baseline ? 0 : (priority as number),
    subject,
    types,
    ingress,
    egress,
    resource,
  };
  return { policy, issues: [] };
}
