/**
 * Intended flows: declared in a flows file, or inferred from Services, Ingress objects and
 * references to Service DNS names in env values and ConfigMaps.
 *
 * flows.yaml:
 * ```yaml
 * flows:
 *   - from: shop/web                 # a workload: ns/name or ns/name[Kind]
 *     to: shop/api:8080/TCP          # a workload, a port (number or container port name), a protocol
 *   - from: {namespace: shop, podSelector: {matchLabels: {role: client}}}
 *     to: shop/db
 *     ports: [5432/TCP]
 *   - from: "{ingress-controller}"
 *     to: shop/web:http
 * ```
 */
import { parse as parseYaml } from 'yaml';
import { ConfigError } from '../../errors.js';
import type { Inventory } from '../../model/inventory.js';
import { effectiveNamespace } from '../../model/inventory.js';
import { podTemplates } from '../../model/pod-templates.js';
import { isJsonObject, type JsonObject, type JsonValue, type Resource } from '../../model/types.js';
import { visitContainers } from '../../model/visit.js';
import { INGRESS_CONTROLLER, type NetworkAnalyzer } from './analyzer.js';
import { ConnectionSet, parsePortSpec, PROTOCOLS, type Protocol } from './connections.js';
import { resolvePortOn, servicePortTarget, serviceWorkloads, type NetworkModel, type Workload } from './model.js';
import { compileLabelSelector, describeSelector, type LabelSelector } from './selector.js';

export type FlowSource =
  | { kind: 'workload'; workload: Workload }
  | { kind: 'selector'; namespace: string; selector: LabelSelector }
  | { kind: 'ingress-controller' };

/** One intended flow: a source, a destination workload and the connections it needs. */
export interface Flow {
  from: FlowSource;
  to: Workload;
  ports: ConnectionSet;
  /** Where the flow comes from, for messages: `flows.yaml flows[2]`, `env API_URL of shop/web[Deployment]`. */
  origin: string;
}

/**
 *`ns/name[Kind]`, `ns selector app=web` or `{ingress-controller}`.
 *
 * @example
 * describeSource({ kind: 'ingress-controller' }); // "{ingress-controller}"
 */
export function describeSource(source: FlowSource): string {
  if (source.kind === 'workload') return source.workload.id;
  if (source.kind === 'selector') return `${source.namespace} pods ${describeSelector(source.selector)}`;
  return INGRESS_CONTROLLER;
}

interface Issue {
  path: string;
  message: string;
}

function resolveWorkload(analyzer: NetworkAnalyzer, text: string, path: string, issues: Issue[]): Workload | undefined {
  const found = analyzer.resolve(text).filter((e) => e.kind === 'workload');
  if (found.length === 1 && found[0]?.kind === 'workload') return found[0].workload;
  issues.push({ path, message: found.length === 0 ? `no workload "${text}" in the inventory` : `"${text}" is ambiguous: ${found.map((e) => (e.kind === 'workload' ? e.workload.id : '')).join(', ')}` });
  return undefined;
}

function readSource(analyzer: NetworkAnalyzer, value: JsonValue | undefined, path: string, issues: Issue[]): FlowSource | undefined {
  if (value === INGRESS_CONTROLLER || value === 'ingress-controller') return { kind: 'ingress-controller' };
  if (typeof value === 'string') {
    const workload = resolveWorkload(analyzer, value, path, issues);
    return workload ? { kind: 'workload', workload } : undefined;
  }
  if (isJsonObject(value) && typeof value['namespace'] === 'string') {
    const { selector, errors } = compileLabelSelector(value['podSelector'] ?? {});
    for (const e of errors) issues.push({ path: `${path}.podSelector`, message: e });
    return selector ? { kind: 'selector', namespace: value['namespace'], selector } : undefined;
  }
  issues.push({ path, message: 'from must be a workload (ns/name), "{ingress-controller}", or {namespace, podSelector}' });
  return undefined;
}

/** `8080`, `8080/TCP`, `http`, `http/UDP` on a destination workload. */
function portOn(spec: string, workload: Workload): ConnectionSet | undefined {
  const numeric = parsePortSpec(spec);
  if (numeric) return numeric;
  const match = /^([a-z0-9-]+)(?:\/([A-Za-z]+))?$/.exec(spec);
  const protocol = match?.[2]?.toUpperCase();
  if (!match || (protocol !== undefined && !(PROTOCOLS as readonly string[]).includes(protocol))) return undefined;
  // Without a protocol, a container port name stands for its own protocol.
  const resolved = resolvePortOn(match[1], protocol as Protocol | undefined, workload);
  return resolved.isEmpty() ? undefined : resolved;
}

function readFlow(analyzer: NetworkAnalyzer, value: JsonValue, path: string, file: string, issues: Issue[]): Flow | undefined {
  if (!isJsonObject(value)) {
    issues.push({ path, message: 'a flow must be a map with from and to' });
    return undefined;
  }
  const from = readSource(analyzer, value['from'], `${path}.from`, issues);
  const toText = value['to'];
  if (typeof toText !== 'string') {
    issues.push({ path: `${path}.to`, message: 'to must be a workload, optionally with :port/protocol' });
    return undefined;
  }
  const colon = toText.lastIndexOf(':');
  const target = colon > 0 && !toText.slice(colon).includes(']') ? toText.slice(0, colon) : toText;
  const inlinePort = target === toText ? undefined : toText.slice(colon + 1);
  const to = resolveWorkload(analyzer, target, `${path}.to`, issues);
  if (!to) return undefined;
  const portTexts = [...(inlinePort !== undefined ? [inlinePort] : []), ...(Array.isArray(value['ports']) ? value['ports'].map(String) : [])];
  let ports = portTexts.length === 0 ? ConnectionSet.all() : ConnectionSet.none();
  portTexts.forEach((p, i) => {
    const resolved = portOn(p, to);
    if (resolved) ports = ports.union(resolved);
    else issues.push({ path: `${path}.ports[${i}]`, message: `"${p}" is not a port of ${to.id} (use 8080, 8080/TCP, or a container port name)` });
  });
  return from ? { from, to, ports, origin: `${file} ${path}` } : undefined;
}

/**
 * Reads a flows file against the inventory. Every problem is reported at once, at its dotted path.
 *
 * @example
 * const flows = parseFlows(readFileSync('flows.yaml', 'utf8'), 'flows.yaml', analyzer);
 */
export function parseFlows(text: string, file: string, analyzer: NetworkAnalyzer): Flow[] {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new ConfigError(`${file} is not valid YAML`, [{ path: '', message: error instanceof Error ? error.message : String(error) }], { cause: error });
  }
  const list = isJsonObject(document) ? document['flows'] : Array.isArray(document) ? document : undefined;
  if (!Array.isArray(list)) throw new ConfigError(`${file} has no flows`, [{ path: 'flows', message: 'expected a list of {from, to}' }]);
  const issues: Issue[] = [];
  const flows = list.flatMap((f, i) => readFlow(analyzer, f as JsonValue, `flows[${i}]`, file, issues) ?? []);
  if (issues.length > 0) throw new ConfigError(`${file} has ${issues.length} problem${issues.length === 1 ? '' : 's'}`, issues);
  return flows;
}

/** A reference to a Service by DNS name, found in a string. */
interface ServiceReference {
  service: string;
  namespace: string;
  port: number | undefined;
}

const HOST_PATTERN = /(?:([a-z][a-z0-9+.-]*):\/\/)?(?:[^@\s/"']+@)?([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*)(?::(\d{1,5}))?/gi;

/**
 * Service DNS names in a string: `http://backend.shop.svc:8080`, `backend:8080`,
 * `db.shop.svc.cluster.local`. A bare or two-label name counts only with a scheme, a port, or
 * as the whole value, so ordinary words are not taken for Services.
 *
 * @example
 * serviceReferences('http://api.shop.svc:8080/v1', 'web'); // [{ service: 'api', namespace: 'shop', port: 8080 }]
 */
export function serviceReferences(text: string, ownNamespace: string): ServiceReference[] {
  const out: ServiceReference[] = [];
  for (const match of text.matchAll(HOST_PATTERN)) {
    const [whole, scheme, host, port] = match;
    const parts = (host as string).toLowerCase().split('.');
    const rest = parts.slice(2).join('.');
    const qualified = parts.length >= 3 && (rest === 'svc' || rest.startsWith('svc.'));
    const explicit = scheme !== undefined || port !== undefined || whole === text.trim();
    if (!qualified && (parts.length > 2 || !explicit)) continue;
    out.push({ service: parts[0] as string, namespace: parts.length >= 2 ? (parts[1] as string) : ownNamespace, port: port !== undefined ? Number(port) : undefined });
  }
  return out;
}

/** ConfigMap names a pod spec reads: envFrom, env valueFrom and volumes. */
function configMapNames(spec: JsonObject, pointer: string): Set<string> {
  const names = new Set<string>();
  const add = (ref: JsonValue | undefined): void => {
    if (isJsonObject(ref) && typeof ref['name'] === 'string') names.add(ref['name']);
  };
  visitContainers(spec, pointer, ({ container }) => {
    for (const e of Array.isArray(container['envFrom']) ? container['envFrom'].filter(isJsonObject) : []) add(e['configMapRef']);
    for (const e of Array.isArray(container['env']) ? container['env'].filter(isJsonObject) : [])
      if (isJsonObject(e['valueFrom'])) add(e['valueFrom']['configMapKeyRef']);
  });
  for (const v of Array.isArray(spec['volumes']) ? spec['volumes'].filter(isJsonObject) : []) {
    add(v['configMap']);
    const projected = isJsonObject(v['projected']) && Array.isArray(v['projected']['sources']) ? v['projected']['sources'].filter(isJsonObject) : [];
    for (const s of projected) add(s['configMap']);
  }
  return names;
}

/** Every (label, text) a workload's pods can read: env values and the data of referenced ConfigMaps. */
function readableStrings(resource: Resource, inventory: Inventory): Array<{ label: string; text: string }> {
  const out: Array<{ label: string; text: string }> = [];
  const namespace = effectiveNamespace(resource) ?? 'default';
  for (const t of podTemplates(resource)) {
    visitContainers(t.spec, t.pointer + '/spec', ({ container }) => {
      for (const e of Array.isArray(container['env']) ? container['env'].filter(isJsonObject) : [])
        if (typeof e['value'] === 'string') out.push({ label: `env ${String(e['name'])}`, text: e['value'] });
    });
    for (const name of configMapNames(t.spec, t.pointer + '/spec')) {
      const cm = inventory.get('ConfigMap', namespace, name);
      const data = cm && isJsonObject(cm.body['data']) ? cm.body['data'] : {};
      for (const [key, value] of Object.entries(data)) if (typeof value === 'string') out.push({ label: `ConfigMap ${name} key ${key}`, text: value });
    }
  }
  return out;
}

function referenceFlows(source: Workload, inventory: Inventory, model: NetworkModel): Flow[] {
  const flows: Flow[] = [];
  for (const { label, text } of readableStrings(source.resource, inventory)) {
    for (const ref of serviceReferences(text, source.namespace)) {
      const service = inventory.get('Service', ref.namespace, ref.service);
      if (!service) continue;
      for (const target of serviceWorkloads(service, model.workloads)) {
        const ports = servicePortTarget(service, ref.port, target);
        if (target.id === source.id || ports.isEmpty()) continue;
        flows.push({ from: { kind: 'workload', workload: source }, to: target, ports, origin: `${label} of ${source.id}` });
      }
    }
  }
  return flows;
}

/**
 * Infers intended flows: every Service DNS name a workload reads (env, ConfigMaps) becomes a
 * flow to the Service's pods on the referenced port (all Service ports when none is given), and
 * every Ingress backend becomes a flow from `{ingress-controller}`.
 *
 * @example
 * const flows = inferFlows(inventory, model);
 */
export function inferFlows(inventory: Inventory, model: NetworkModel): Flow[] {
  const flows = model.workloads.filter((w) => !w.probe).flatMap((w) => referenceFlows(w, inventory, model));
  for (const w of model.workloads) {
    const exposed = model.ingressExposure.get(w.id);
    if (exposed && !exposed.isEmpty()) flows.push({ from: { kind: 'ingress-controller' }, to: w, ports: exposed, origin: `Ingress routing to ${w.id}` });
  }
  return flows;
}
