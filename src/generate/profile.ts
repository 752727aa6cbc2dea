/**
 * The profile of `rampart harden`: read from `rampart.yaml` (a `kind: RampartProfile` document
 * with a `spec`, or the same keys at the top level), overridden by command-line flags, completed
 * with defaults inferred from the inventory. Every problem — in the file and in the flags — is
 * collected and reported at once, each with its dotted path and, for the file, its line.
 */
import { ConfigError } from '../errors.js';
import { formatConfigPath, isRecord, parseConfigDocuments, type ConfigDocument, type ConfigPath } from '../engine/config-file.js';
import type { Inventory } from '../model/inventory.js';
import { podTemplates } from '../model/pod-templates.js';
import { isJsonObject } from '../model/types.js';
import {
  COMPLIANCE_TARGETS,
  DISTRIBUTIONS,
  MESHES,
  POLICY_ENGINES,
  SECRETS_BACKENDS,
  type ComplianceTarget,
  type IdentityMapping,
  type Profile,
  type Tenant,
} from './types.js';

export const PROFILE_API_VERSION = 'rampart.dev/v1alpha1';
export const PROFILE_KIND = 'RampartProfile';

/** Namespaces every cluster has and that run its own components. */
export const CLUSTER_SYSTEM_NAMESPACES: readonly string[] = ['kube-system', 'kube-public', 'kube-node-lease'];

/** Names of namespaces detected as platform (monitoring, logging, ingress) and treated as system namespaces. */
const PLATFORM_NAMESPACE = /(^|-)(monitoring|prometheus|grafana|logging|ingress|ingress-nginx|traefik|cert-manager|istio-system|linkerd|kyverno|gatekeeper-system|falco)($|-)/;

/** Audit-log retention (days) each framework asks for when the profile does not say. */
export const DEFAULT_AUDIT_RETENTION_DAYS: Readonly<Record<ComplianceTarget, number>> = {
  // PCI DSS v4.0 10.5.1: audit log history kept for at least 12 months.
  'pci-dss': 365,
  // HIPAA §164.316(b)(2)(i): documentation retained six years.
  hipaa: 2190,
  // SOC 2 sets no figure; a year covers a type II observation period.
  soc2: 365,
  // CIS 1.2.17: --audit-log-maxage 30 or as appropriate.
  cis: 30,
};

/** The profile flags of `rampart harden`, as parsed from the command line (all optional). */
export interface ProfileFlags {
  distribution?: string;
  kubernetesVersion?: string;
  compliance?: string[];
  posture?: string;
  policyEngine?: string;
  secretsBackend?: string;
  mesh?: string;
  clusterName?: string;
}

/** One problem with the profile: `file:line path` for the file, `--flag` for a flag. */
interface ProfileIssue {
  where: string;
  path: string;
  message: string;
  /** For sorting: file issues by line, flags after them. */
  order: number;
}

const TOP_LEVEL_KEYS = [
  'clusterName',
  'distribution',
  'kubernetesVersion',
  'compliance',
  'posture',
  'namespaces',
  'tenants',
  'identity',
  'secretsBackend',
  'mesh',
  'policyEngine',
  'allowedRegistries',
  'auditRetentionDays',
] as const;

const COMPLIANCE_ALIASES: Readonly<Record<string, ComplianceTarget>> = {
  'pci-dss': 'pci-dss',
  pci: 'pci-dss',
  hipaa: 'hipaa',
  soc2: 'soc2',
  cis: 'cis',
  'cis-k8s': 'cis',
};

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const BUILT_IN_ROLES = ['admin', 'edit', 'view'];

/** Where a value came from, so that an issue names the file line or the flag. */
type Origin = { kind: 'file'; doc: ConfigDocument; base: ConfigPath } | { kind: 'flag'; flag: string };

class ProfileIssues {
  readonly issues: ProfileIssue[] = [];

  add(origin: Origin, path: ConfigPath, message: string): void {
    if (origin.kind === 'flag') {
      this.issues.push({ where: origin.flag, path: formatConfigPath(path), message, order: Number.MAX_SAFE_INTEGER });
      return;
    }
    const line = origin.doc.lineOf([...origin.base, ...path]);
    this.issues.push({ where: `${origin.doc.file}:${line}`, path: formatConfigPath([...origin.base, ...path]), message, order: line });
  }

  addRaw(where: string, message: string, order = 0): void {
    this.issues.push({ where, path: '', message, order });
  }

  throwIfAny(message: string): void {
    if (this.issues.length === 0) return;
    const sorted = [...this.issues].sort((a, b) => a.order - b.order);
    throw new ConfigError(
      message,
      sorted.map((i) => ({ path: i.path === '' ? i.where : `${i.where} ${i.path}`, message: i.message })),
    );
  }
}

/** A profile as the file (and flags) state it: every key optional, values validated. */
export type PartialProfile = {
  -readonly [K in keyof Profile]?: K extends 'namespaces' ? Partial<Profile['namespaces']> : Profile[K];
};

/**
 * Reads `rampart.yaml`. Accepts `apiVersion: rampart.dev/v1alpha1, kind: RampartProfile, spec:
 * {…}` or the keys of `spec` at the top level.
 *
 * @throws {ConfigError} listing every problem with its line and dotted path.
 * @example
 * const partial = parseProfileFile('distribution: eks\ncompliance: [pci-dss]\n', 'rampart.yaml');
 */
export function parseProfileFile(text: string, file: string): PartialProfile {
  const issues = new ProfileIssues();
  const { documents, issues: syntax } = parseConfigDocuments(text, file);
  for (const s of syntax) issues.addRaw(`${s.file}:${s.line}`, s.message, s.line);
  const [doc, ...extra] = documents;
  for (const other of extra) issues.addRaw(`${other.file}:${other.lineOf([])}`, 'a profile is one YAML document', other.lineOf([]));
  const partial: PartialProfile = {};
  if (doc === undefined) {
    if (syntax.length === 0) issues.addRaw(`${file}:1`, 'empty profile', 1);
    issues.throwIfAny(`invalid profile ${file}`);
    return partial;
  }
  if (!isRecord(doc.value)) {
    issues.addRaw(`${file}:${doc.lineOf([])}`, 'a profile is a mapping (kind: RampartProfile with a spec, or the profile keys at the top level)', doc.lineOf([]));
    issues.throwIfAny(`invalid profile ${file}`);
    return partial;
  }
  let body: Record<string, unknown> = doc.value;
  let base: ConfigPath = [];
  if ('kind' in body || 'apiVersion' in body || 'spec' in body) {
    const origin: Origin = { kind: 'file', doc, base: [] };
    if (body['kind'] !== PROFILE_KIND) issues.add(origin, ['kind'], `must be ${PROFILE_KIND}`);
    if (body['apiVersion'] !== PROFILE_API_VERSION) issues.add(origin, ['apiVersion'], `must be ${PROFILE_API_VERSION}`);
    for (const key of Object.keys(body)) if (!['apiVersion', 'kind', 'metadata', 'spec'].includes(key)) issues.add(origin, [key], 'unknown key (expected apiVersion, kind, metadata, spec)');
    const metadata = body['metadata'];
    if (metadata !== undefined && !(isRecord(metadata) && (metadata['name'] === undefined || typeof metadata['name'] === 'string'))) {
      issues.add(origin, ['metadata'], 'must be a mapping with an optional name');
    }
    const spec = body['spec'];
    if (!isRecord(spec)) {
      issues.add(origin, ['spec'], 'must be a mapping of profile keys');
      issues.throwIfAny(`invalid profile ${file}`);
      return partial;
    }
    if (isRecord(metadata) && typeof metadata['name'] === 'string' && spec['clusterName'] === undefined) spec['clusterName'] = metadata['name'];
    body = spec;
    base = ['spec'];
  }
  readProfileBody(body, { kind: 'file', doc, base }, issues, partial);
  issues.throwIfAny(`invalid profile ${file}`);
  return partial;
}

/**
 * Validates the profile flags (each value that is given).
 *
 * @throws {ConfigError} listing every bad flag.
 * @example
 * parseProfileFlags({ distribution: 'eks', compliance: ['pci-dss,soc2'] });
 */
export function parseProfileFlags(flags: ProfileFlags): PartialProfile {
  const issues = new ProfileIssues();
  const partial = readFlags(flags, issues);
  issues.throwIfAny('invalid profile flags');
  return partial;
}

function readFlags(flags: ProfileFlags, issues: ProfileIssues): PartialProfile {
  const partial: PartialProfile = {};
  const flag = (name: string): Origin => ({ kind: 'flag', flag: name });
  const body: Record<string, unknown> = {};
  const origins: Record<string, Origin> = {};
  const set = (key: string, name: string, value: unknown): void => {
    if (value === undefined) return;
    body[key] = value;
    origins[key] = flag(name);
  };
  set('distribution', '--distribution', flags.distribution);
  set('kubernetesVersion', '--kubernetes-version', flags.kubernetesVersion);
  set('compliance', '--compliance', flags.compliance?.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== ''));
  set('posture', '--posture', flags.posture);
  set('policyEngine', '--policy-engine', flags.policyEngine);
  set('secretsBackend', '--secrets-backend', flags.secretsBackend);
  set('mesh', '--mesh', flags.mesh);
  set('clusterName', '--cluster-name', flags.clusterName);
  for (const [key, value] of Object.entries(body)) readKey(key, value, origins[key] as Origin, issues, partial);
  return partial;
}

/**
 * Parses the file (when given) and the flags together, so that a run reports the problems of
 * both at once.
 *
 * @throws {ConfigError} listing every problem in the file and the flags.
 * @example
 * const partial = readProfileInputs({ text, file: 'rampart.yaml' }, { mesh: 'istio' });
 */
export function readProfileInputs(source: { text: string; file: string } | undefined, flags: ProfileFlags): PartialProfile {
  let fromFile: PartialProfile = {};
  const problems: Array<{ path: string; message: string }> = [];
  if (source) {
    try {
      fromFile = parseProfileFile(source.text, source.file);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.issues);
    }
  }
  const issues = new ProfileIssues();
  const fromFlags = readFlags(flags, issues);
  for (const i of [...issues.issues].sort((a, b) => a.order - b.order)) problems.push({ path: i.path === '' ? i.where : `${i.where} ${i.path}`, message: i.message });
  if (problems.length > 0) throw new ConfigError(source ? `invalid profile ${source.file}` : 'invalid profile flags', problems);
  return mergeProfiles(fromFile, fromFlags);
}

/**
 * Flags override the file key by key (`namespaces` merges by list).
 *
 * @example
 * mergeProfiles(fromFile, fromFlags).distribution; // the flag's value when given
 */
export function mergeProfiles(base: PartialProfile, override: PartialProfile): PartialProfile {
  const out: PartialProfile = { ...base, ...override };
  if (base.namespaces || override.namespaces) out.namespaces = { ...base.namespaces, ...override.namespaces };
  return out;
}

function readProfileBody(body: Record<string, unknown>, origin: Origin, issues: ProfileIssues, partial: PartialProfile): void {
  for (const [key, value] of Object.entries(body)) {
    if (!(TOP_LEVEL_KEYS as readonly string[]).includes(key)) {
      issues.add(origin, [key], `unknown key (expected one of ${TOP_LEVEL_KEYS.join(', ')})`);
      continue;
    }
    readKey(key, value, origin, issues, partial);
  }
}

function readKey(key: string, value: unknown, origin: Origin, issues: ProfileIssues, partial: PartialProfile): void {
  const at = (...path: ConfigPath): ConfigPath => (origin.kind === 'flag' ? path.slice(1) : path);
  const choice = <T extends string>(choices: readonly T[]): T | undefined => {
    if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
    issues.add(origin, at(key), `must be one of ${choices.join(', ')} (got ${JSON.stringify(value)})`);
    return undefined;
  };
  switch (key) {
    case 'clusterName': {
      if (typeof value === 'string' && DNS_LABEL.test(value) && value.length <= 63) partial.clusterName = value;
      else issues.add(origin, at(key), 'must be a DNS label: lower-case letters, digits and "-", at most 63 characters');
      return;
    }
    case 'distribution': {
      const v = choice(DISTRIBUTIONS);
      if (v) partial.distribution = v;
      return;
    }
    case 'kubernetesVersion': {
      const v = readVersion(value);
      if (typeof v === 'string') partial.kubernetesVersion = v;
      else issues.add(origin, at(key), v.error);
      return;
    }
    case 'compliance': {
      const list = typeof value === 'string' ? value.split(',').map((s) => s.trim()) : value;
      if (!Array.isArray(list)) {
        issues.add(origin, at(key), `must be a list of ${COMPLIANCE_TARGETS.join(', ')}`);
        return;
      }
      const out: ComplianceTarget[] = [];
      list.forEach((item: unknown, index) => {
        const target = typeof item === 'string' ? COMPLIANCE_ALIASES[item.toLowerCase()] : undefined;
        if (target === undefined) issues.add(origin, at(key, index), `must be one of ${COMPLIANCE_TARGETS.join(', ')} (got ${JSON.stringify(item)})`);
        else if (!out.includes(target)) out.push(target);
      });
      partial.compliance = out;
      return;
    }
    case 'posture': {
      const v = choice(['baseline', 'restricted'] as const);
      if (v) partial.posture = v;
      return;
    }
    case 'secretsBackend': {
      const v = choice(SECRETS_BACKENDS);
      if (v) partial.secretsBackend = v;
      return;
    }
    case 'mesh': {
      const v = choice(MESHES);
      if (v) partial.mesh = v;
      return;
    }
    case 'policyEngine': {
      const v = choice(POLICY_ENGINES);
      if (v) partial.policyEngine = v;
      return;
    }
    case 'allowedRegistries': {
      if (!Array.isArray(value)) {
        issues.add(origin, at(key), 'must be a list of registry hosts (optionally with a path), e.g. ghcr.io/acme');
        return;
      }
      const out: string[] = [];
      value.forEach((item: unknown, index) => {
        if (typeof item !== 'string' || item.trim() === '' || /\s/.test(item)) issues.add(origin, at(key, index), 'must be a registry host, e.g. ghcr.io/acme');
        else out.push(item.trim());
      });
      partial.allowedRegistries = out;
      return;
    }
    case 'auditRetentionDays': {
      if (!isRecord(value)) {
        issues.add(origin, at(key), `must map a compliance target (${COMPLIANCE_TARGETS.join(', ')}) to a number of days`);
        return;
      }
      const out: Partial<Record<ComplianceTarget, number>> = {};
      for (const [name, days] of Object.entries(value)) {
        const target = COMPLIANCE_ALIASES[name.toLowerCase()];
        if (target === undefined) issues.add(origin, at(key, name), `unknown compliance target (expected ${COMPLIANCE_TARGETS.join(', ')})`);
        else if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 3653) issues.add(origin, at(key, name), 'must be a whole number of days between 1 and 3653');
        else out[target] = days;
      }
      partial.auditRetentionDays = out;
      return;
    }
    case 'namespaces':
      readNamespaces(value, origin, issues, partial);
      return;
    case 'tenants':
      readTenants(value, origin, issues, partial);
      return;
    case 'identity':
      readIdentity(value, origin, issues, partial);
      return;
  }
}

function readVersion(value: unknown): string | { error: string } {
  if (typeof value === 'number') return { error: `reads as the number ${value}: quote it, e.g. "1.30"` };
  if (typeof value !== 'string') return { error: 'must be a Kubernetes minor version such as "1.30"' };
  const match = /^v?1\.(\d+)$/.exec(value.trim());
  if (!match) return { error: `must be a Kubernetes minor version such as "1.30" (got ${JSON.stringify(value)})` };
  const minor = Number(match[1]);
  if (minor < 25 || minor > 40) return { error: `must be between 1.25 and 1.40 (got ${JSON.stringify(value)})` };
  return `1.${minor}`;
}

function readNameList(value: unknown, origin: Origin, issues: ProfileIssues, path: ConfigPath): string[] | undefined {
  if (!Array.isArray(value)) {
    issues.add(origin, path, 'must be a list of namespace names');
    return undefined;
  }
  const out: string[] = [];
  value.forEach((item: unknown, index) => {
    if (typeof item === 'string' && DNS_LABEL.test(item) && item.length <= 63) out.push(item);
    else issues.add(origin, [...path, index], `must be a namespace name (got ${JSON.stringify(item)})`);
  });
  return out;
}

function readNamespaces(value: unknown, origin: Origin, issues: ProfileIssues, partial: PartialProfile): void {
  if (!isRecord(value)) {
    issues.add(origin, ['namespaces'], 'must be a mapping with production, development and system lists');
    return;
  }
  const out: Partial<Profile['namespaces']> = {};
  const seen = new Map<string, string>();
  for (const [key, list] of Object.entries(value)) {
    if (key !== 'production' && key !== 'development' && key !== 'system') {
      issues.add(origin, ['namespaces', key], 'unknown key (expected production, development, system)');
      continue;
    }
    const names = readNameList(list, origin, issues, ['namespaces', key]);
    if (!names) continue;
    names.forEach((name, index) => {
      const previous = seen.get(name);
      if (previous !== undefined && previous !== key) issues.add(origin, ['namespaces', key, index], `${name} is already listed under namespaces.${previous}`);
      seen.set(name, key);
    });
    out[key] = names;
  }
  partial.namespaces = out;
}

function readTenants(value: unknown, origin: Origin, issues: ProfileIssues, partial: PartialProfile): void {
  if (!Array.isArray(value)) {
    issues.add(origin, ['tenants'], 'must be a list of {name, namespaces}');
    return;
  }
  const tenants: Tenant[] = [];
  const owner = new Map<string, string>();
  value.forEach((raw: unknown, index) => {
    const at: ConfigPath = ['tenants', index];
    if (!isRecord(raw)) {
      issues.add(origin, at, 'a tenant is a mapping with name and namespaces');
      return;
    }
    for (const key of Object.keys(raw)) if (key !== 'name' && key !== 'namespaces') issues.add(origin, [...at, key], 'unknown key (expected name, namespaces)');
    const name = raw['name'];
    if (typeof name !== 'string' || !DNS_LABEL.test(name)) issues.add(origin, [...at, 'name'], 'must be a DNS label');
    const namespaces = readNameList(raw['namespaces'], origin, issues, [...at, 'namespaces']);
    if (namespaces && namespaces.length === 0) issues.add(origin, [...at, 'namespaces'], 'must list at least one namespace');
    namespaces?.forEach((ns, i) => {
      const other = owner.get(ns);
      if (other !== undefined) issues.add(origin, [...at, 'namespaces', i], `${ns} already belongs to tenant ${other}`);
      owner.set(ns, typeof name === 'string' ? name : `tenants[${index}]`);
    });
    if (typeof name === 'string' && namespaces) tenants.push({ name, namespaces });
  });
  partial.tenants = tenants;
}

function readIdentity(value: unknown, origin: Origin, issues: ProfileIssues, partial: PartialProfile): void {
  if (!isRecord(value)) {
    issues.add(origin, ['identity'], 'must be a mapping with oidcIssuer and mappings');
    return;
  }
  const identity: Profile['identity'] = { mappings: [] };
  for (const key of Object.keys(value)) if (key !== 'oidcIssuer' && key !== 'mappings') issues.add(origin, ['identity', key], 'unknown key (expected oidcIssuer, mappings)');
  const issuer = value['oidcIssuer'];
  if (issuer !== undefined) {
    if (typeof issuer === 'string' && /^https:\/\/[^\s/]+/.test(issuer)) identity.oidcIssuer = issuer;
    else issues.add(origin, ['identity', 'oidcIssuer'], 'must be an https:// URL');
  }
  const mappings = value['mappings'];
  if (mappings !== undefined && !Array.isArray(mappings)) issues.add(origin, ['identity', 'mappings'], 'must be a list of {group, namespace, role}');
  if (Array.isArray(mappings)) {
    mappings.forEach((raw: unknown, index) => {
      const at: ConfigPath = ['identity', 'mappings', index];
      if (!isRecord(raw)) {
        issues.add(origin, at, 'a mapping is {group, namespace, role}');
        return;
      }
      for (const key of Object.keys(raw)) if (!['group', 'namespace', 'role'].includes(key)) issues.add(origin, [...at, key], 'unknown key (expected group, namespace, role)');
      const group = raw['group'];
      const namespace = raw['namespace'];
      const role = raw['role'];
      let ok = true;
      if (typeof group !== 'string' || group.trim() === '') {
        issues.add(origin, [...at, 'group'], 'must be the identity provider group name');
        ok = false;
      }
      if (namespace !== undefined && (typeof namespace !== 'string' || !DNS_LABEL.test(namespace))) {
        issues.add(origin, [...at, 'namespace'], 'must be a namespace name');
        ok = false;
      }
      if (typeof role !== 'string' || !/^[a-z0-9]([-a-z0-9.:]*[a-z0-9])?$/.test(role)) {
        issues.add(origin, [...at, 'role'], `must be ${BUILT_IN_ROLES.join(', ')} or the name of a Role`);
        ok = false;
      } else if (role === 'cluster-admin') {
        issues.add(origin, [...at, 'role'], 'cluster-admin is never generated: grant it by hand, to named break-glass accounts only');
        ok = false;
      } else if (namespace === undefined && !BUILT_IN_ROLES.includes(role)) {
        issues.add(origin, [...at, 'role'], `a cluster-wide mapping (no namespace) must use ${BUILT_IN_ROLES.join(', ')}`);
        ok = false;
      }
      if (!ok) return;
      const mapping: IdentityMapping = { group: (group as string).trim(), role: role as string };
      if (typeof namespace === 'string') mapping.namespace = namespace;
      identity.mappings.push(mapping);
    });
  }
  partial.identity = identity;
}

/**
 * Registry host of an image reference (`docker.io` for bare names, as the container runtime resolves them).
 *
 * @example
 * registryOf('nginx:1.27'); // 'docker.io'
 */
export function registryOf(image: string): string {
  const first = image.split('/')[0] ?? '';
  if (!image.includes('/') || !(first.includes('.') || first.includes(':') || first === 'localhost')) return 'docker.io';
  return first;
}

/** Namespaces the inventory holds, with their labels. */
function inventoryNamespaces(inventory: Inventory): Array<{ name: string; labels: Readonly<Record<string, string>> }> {
  return inventory.namespaces().map((name) => ({ name, labels: inventory.get('Namespace', undefined, name)?.labels ?? {} }));
}

/**
 * Whether a namespace looks like a platform namespace (monitoring, logging, ingress…).
 *
 * @example
 * isPlatformNamespace('ingress-nginx'); // true
 */
export function isPlatformNamespace(name: string): boolean {
  return PLATFORM_NAMESPACE.test(name);
}

function isProductionNamespace(name: string, labels: Readonly<Record<string, string>>): boolean {
  const env = labels['environment'] ?? labels['env'];
  return env === 'production' || env === 'prod' || /prod/.test(name);
}

/**
 * Completes a partial profile with defaults, inferring namespaces and registries from the
 * inventory: namespaces labelled `environment=production` or named `*prod*` are production,
 * kube-system, kube-public, kube-node-lease and detected platform namespaces (monitoring,
 * logging, ingress…) are system, the rest development.
 *
 * @example
 * const profile = resolveProfile(readProfileInputs(undefined, { distribution: 'eks' }), inventory);
 */
export function resolveProfile(partial: PartialProfile, inventory: Inventory): Profile {
  const distribution = partial.distribution ?? 'kubeadm';
  const compliance = partial.compliance ?? ['cis'];
  const given = partial.namespaces ?? {};
  const listed = new Set([...(given.production ?? []), ...(given.development ?? []), ...(given.system ?? [])]);
  const system = new Set(given.system ?? CLUSTER_SYSTEM_NAMESPACES);
  const production = new Set(given.production ?? []);
  const development = new Set(given.development ?? []);
  for (const { name, labels } of inventoryNamespaces(inventory)) {
    if (listed.has(name)) continue;
    if (given.system === undefined && (CLUSTER_SYSTEM_NAMESPACES.includes(name) || isPlatformNamespace(name))) system.add(name);
    else if (given.production === undefined && isProductionNamespace(name, labels)) production.add(name);
    else if (given.development === undefined) development.add(name);
    else if (given.production === undefined) production.add(name);
  }
  for (const tenant of partial.tenants ?? []) for (const ns of tenant.namespaces) if (!system.has(ns) && !production.has(ns) && !development.has(ns)) development.add(ns);
  const retention: Partial<Record<ComplianceTarget, number>> = {};
  for (const target of compliance) retention[target] = partial.auditRetentionDays?.[target] ?? DEFAULT_AUDIT_RETENTION_DAYS[target];
  for (const [target, days] of Object.entries(partial.auditRetentionDays ?? {})) retention[target as ComplianceTarget] ??= days;
  return {
    clusterName: partial.clusterName ?? 'cluster',
    distribution,
    kubernetesVersion: partial.kubernetesVersion ?? '1.30',
    compliance,
    posture: partial.posture ?? 'restricted',
    namespaces: { production: [...production].sort(), development: [...development].sort(), system: [...system].sort() },
    tenants: partial.tenants ?? [],
    identity: partial.identity ?? { mappings: [] },
    secretsBackend: partial.secretsBackend ?? defaultSecretsBackend(distribution),
    mesh: partial.mesh ?? 'none',
    policyEngine: partial.policyEngine ?? 'vap',
    allowedRegistries: partial.allowedRegistries ?? inventoryRegistries(inventory),
    auditRetentionDays: retention,
  };
}

function defaultSecretsBackend(distribution: Profile['distribution']): Profile['secretsBackend'] {
  if (distribution === 'eks') return 'aws';
  if (distribution === 'gke') return 'gcp';
  if (distribution === 'aks') return 'azure';
  return 'vault';
}

/**
 * The registries the inventory's images come from, sorted.
 *
 * @example
 * inventoryRegistries(inventory); // ['docker.io', 'ghcr.io']
 */
export function inventoryRegistries(inventory: Inventory): string[] {
  const out = new Set<string>();
  for (const resource of inventory.resources)
    for (const template of podTemplates(resource))
      for (const key of ['initContainers', 'containers', 'ephemeralContainers'])
        for (const container of Array.isArray(template.spec[key]) ? template.spec[key] : [])
          if (isJsonObject(container) && typeof container['image'] === 'string') out.add(registryOf(container['image']));
  return [...out].sort();
}

/**
 * Audit-log retention the bundle configures: the longest any selected framework asks for (at
 * least CIS's 30 days).
 *
 * @example
 * auditRetention(profile); // 2190 with hipaa selected
 */
export function auditRetention(profile: Profile): number {
  return Math.max(30, ...profile.compliance.map((t) => profile.auditRetentionDays[t] ?? DEFAULT_AUDIT_RETENTION_DAYS[t]));
}

/**
 * The PSA level a namespace gets: restricted (or the posture) for production, baseline for development, privileged for system.
 *
 * @example
 * namespaceLevel(profile, 'kube-system'); // 'privileged'
 */
export function namespaceLevel(profile: Profile, namespace: string): 'privileged' | 'baseline' | 'restricted' {
  if (profile.namespaces.system.includes(namespace)) return 'privileged';
  if (profile.namespaces.production.includes(namespace)) return profile.posture;
  return 'baseline';
}

/**
 * The tenant a namespace belongs to, if any.
 *
 * @example
 * tenantOf(profile, 'acme-web'); // 'acme'
 */
export function tenantOf(profile: Profile, namespace: string): string | undefined {
  return profile.tenants.find((t) => t.namespaces.includes(namespace))?.name;
}
