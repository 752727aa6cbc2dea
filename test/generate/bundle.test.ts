/**
 * The bundle writer: layout, READMEs, PLAN.md, determinism and key material.
 */
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { generateBundle, renderReadme } from '../../src/generate/bundle.js';
import { auditPolicy } from '../../src/generate/deliverables/cluster-hardening/audit-policy.js';
import { generateClusterHardening } from '../../src/generate/deliverables/cluster-hardening/index.js';
import { ALL_GENERATORS, GENERATORS } from '../../src/generate/deliverables/index.js';
import { generateNetwork } from '../../src/generate/deliverables/network/index.js';
import { generatePodSecurity } from '../../src/generate/deliverables/pod-security/index.js';
import { generateRbac } from '../../src/generate/deliverables/rbac/index.js';
import { parseProfileFile, resolveProfile, type PartialProfile } from '../../src/generate/profile.js';
import { profileHash } from '../../src/generate/serialize.js';
import { DISTRIBUTIONS, type Profile } from '../../src/generate/types.js';
import { Inventory } from '../../src/model/inventory.js';
import { loadText } from '../../src/load/index.js';
import type { JsonObject } from '../../src/model/types.js';
import { catalogues, deliverableProblems, seededRandomBytes } from './deliverables/support.js';
import { demoInventory } from './harden-support.js';

async function bundleFor(partial: PartialProfile, seed = 'one', inventory?: Inventory) {
  const inv = inventory ?? (await demoInventory());
  const profile = resolveProfile(partial, inv);
  return { profile, bundle: generateBundle({ profile, inventory: inv, randomBytes: seededRandomBytes(seed) }, ALL_GENERATORS, { catalogues: catalogues() }) };
}

describe('layout', () => {
  it('one folder per deliverable, each with a README; PLAN.md and profile.yaml at the top', async () => {
    const { bundle } = await bundleFor({ distribution: 'kubeadm', compliance: ['pci-dss'] });
    const folders = new Set([...bundle.files.keys()].filter((p) => p.includes('/')).map((p) => p.split('/')[0]));
    expect([...folders]).toEqual(Object.keys(GENERATORS));
    for (const id of folders) {
      const readme = bundle.files.get(`${id}/README.md`) ?? '';
      for (const heading of ['## Why', '## Files', '## Apply', '## Verify', '## Roll back']) expect(readme, `${id} ${heading}`).toContain(heading);
      expect(readme).toMatch(/\| Framework \| Control \| Title \|/);
    }
    expect(bundle.files.has('PLAN.md')).toBe(true);
    const profileDoc = parse(bundle.files.get('profile.yaml') ?? '') as { kind: string; spec: Profile };
    expect(profileDoc.kind).toBe('RampartProfile');
  });

  it('profile.yaml reads back as the same profile (rerunning with it regenerates the bundle)', async () => {
    const inventory = await demoInventory();
    const partial: PartialProfile = {
      distribution: 'kubeadm',
      compliance: ['hipaa', 'cis'],
      mesh: 'linkerd',
      tenants: [{ name: 'acme', namespaces: ['storefront'] }],
      identity: { oidcIssuer: 'https://idp.example.com', mappings: [{ group: 'sre', role: 'view' }] },
    };
    const { profile, bundle } = await bundleFor(partial, 'one', inventory);
    const again = resolveProfile(parseProfileFile(bundle.files.get('profile.yaml') ?? '', 'profile.yaml'), inventory);
    expect(again).toEqual(profile);
    expect(profileHash(again)).toBe(profileHash(profile));
  });

  it('the core deliverables are well-formed: README sections, catalogue controls, phases, risks', async () => {
    const inventory = await demoInventory();
    const profile = resolveProfile({ distribution: 'kubeadm', mesh: 'istio' }, inventory);
    for (const generate of [generateClusterHardening, generateRbac, generateNetwork, generatePodSecurity]) {
      const d = generate({ profile, inventory, randomBytes: seededRandomBytes() });
      expect(deliverableProblems(d), d.id).toEqual([]);
    }
  });

  it('every manifest file opens with the generator and profile hash', async () => {
    const { profile, bundle } = await bundleFor({});
    const hash = profileHash(profile);
    for (const [path, content] of bundle.files) if (/\.ya?ml$/.test(path)) expect(content.split('\n')[0], path).toContain(hash);
    const script = bundle.files.get('pod-security/patches/apply-safe.sh') ?? '';
    expect(script.split('\n')[0]).toBe('#!/usr/bin/env bash');
    expect(script.split('\n')[1]).toContain(`(pod-security), profile ${hash}`);
  });
});

describe('determinism and key material', () => {
  it('the same input and seed give byte-identical files', async () => {
    const a = (await bundleFor({ distribution: 'kubeadm', compliance: ['hipaa', 'cis'], mesh: 'linkerd' }, 'seed')).bundle;
    const b = (await bundleFor({ distribution: 'kubeadm', compliance: ['hipaa', 'cis'], mesh: 'linkerd' }, 'seed')).bundle;
    expect([...a.files.keys()]).toEqual([...b.files.keys()]);
    for (const [path, content] of a.files) expect(b.files.get(path), path).toBe(content);
  });

  for (const distribution of DISTRIBUTIONS) {
    it(`${distribution}: a different seed changes only the key material`, async () => {
      const a = (await bundleFor({ distribution }, 'seed-a')).bundle;
      const b = (await bundleFor({ distribution }, 'seed-b')).bundle;
      const differing = [...a.files.keys()].filter((p) => a.files.get(p) !== b.files.get(p));
      if (distribution === 'kubeadm' || distribution === 'k3s') {
        expect(differing).toEqual(['cluster-hardening/encryption-config.yaml']);
        const lines = (t: string | undefined): string[] => (t ?? '').split('\n');
        const changed = lines(a.files.get(differing[0] as string)).filter((line, i) => line !== lines(b.files.get(differing[0] as string))[i]);
        expect(changed).toHaveLength(1);
        expect(changed[0]).toMatch(/^\s+secret: [A-Za-z0-9+/]{43}=$/);
        expect([...a.sensitive]).toEqual(['cluster-hardening/encryption-config.yaml']);
      } else {
        expect(differing).toEqual([]);
        expect(a.sensitive.size).toBe(0);
      }
    });
  }

  it('the key is 32 bytes from randomBytes, and appears in no other file', async () => {
    const inventory = await demoInventory();
    const profile = resolveProfile({ distribution: 'kubeadm' }, inventory);
    const requested: number[] = [];
    const bytes = Buffer.alloc(32, 7);
    const bundle = generateBundle({ profile, inventory, randomBytes: (n) => (requested.push(n), bytes) }, ALL_GENERATORS);
    expect(requested).toEqual([32]);
    const key = bytes.toString('base64');
    const config = parseAllDocuments(bundle.files.get('cluster-hardening/encryption-config.yaml') ?? '')[0]?.toJS() as JsonObject;
    expect(JSON.stringify(config)).toContain(key);
    for (const [path, content] of bundle.files) if (path !== 'cluster-hardening/encryption-config.yaml') expect(content, path).not.toContain(key);
  });

  it('cloud distributions use KMS v2 and no generated key', async () => {
    for (const distribution of ['eks', 'gke', 'aks'] as const) {
      const { bundle } = await bundleFor({ distribution });
      const config = parseAllDocuments(bundle.files.get('cluster-hardening/encryption-config.yaml') ?? '')[0]?.toJS() as { resources: Array<{ providers: JsonObject[] }> };
      expect(Object.keys(config.resources[0]?.providers[0] ?? {})).toEqual(['kms']);
      expect((config.resources[0]?.providers[0]?.['kms'] as JsonObject)['apiVersion']).toBe('v2');
    }
  });
});

describe('cluster hardening content', () => {
  it('the audit policy: None for noise first, RequestResponse for RBAC and exec, Metadata for secrets', () => {
    const rules = auditPolicy().rules;
    const levelFor = (group: string, resource: string, verb = 'get'): string | undefined =>
      rules.find((r) => !r.users && !r.userGroups && !r.nonResourceURLs && (r.verbs === undefined || r.verbs.includes(verb)) && (r.resources === undefined || r.resources.some((g) => g.group === group && (g.resources ?? []).includes(resource))))?.level;
    expect(levelFor('', 'secrets')).toBe('Metadata');
    expect(levelFor('', 'configmaps')).toBe('Metadata');
    expect(levelFor('authentication.k8s.io', 'tokenreviews', 'create')).toBe('Metadata');
    expect(levelFor('', 'pods/exec', 'create')).toBe('RequestResponse');
    expect(levelFor('', 'pods/portforward', 'create')).toBe('RequestResponse');
    expect(levelFor('rbac.authorization.k8s.io', 'clusterrolebindings', 'create')).toBe('RequestResponse');
    expect(levelFor('', 'events', 'create')).toBe('None');
    expect(rules[0]).toMatchObject({ level: 'None', users: ['system:kube-proxy'], verbs: ['watch'] });
    expect(rules.at(-1)).toEqual({ level: 'Metadata' });
  });

  it('kubeadm flags carry CIS ids and retention from the profile', async () => {
    const { bundle } = await bundleFor({ distribution: 'kubeadm', compliance: ['pci-dss', 'cis'] });
    const config = parseAllDocuments(bundle.files.get('cluster-hardening/kubeadm-config.yaml') ?? '')[0]?.toJS() as { apiServer: { extraArgs: Record<string, string> } };
    expect(config.apiServer.extraArgs).toMatchObject({ 'audit-log-maxage': '365', profiling: 'false', 'authorization-mode': 'Node,RBAC', 'encryption-provider-config': '/etc/kubernetes/enc/encryption-config.yaml' });
    const readme = bundle.files.get('cluster-hardening/README.md') ?? '';
    expect(readme).toContain('| kube-apiserver | `--profiling` | false | 1.2.15 |');
    expect(readme).toContain('move it to /etc/kubernetes/enc/encryption-config.yaml');
  });

  it('eksctl: envelope encryption, private endpoint, logging with a CloudWatch retention', async () => {
    const { bundle } = await bundleFor({ distribution: 'eks', compliance: ['hipaa'] });
    const config = parseAllDocuments(bundle.files.get('cluster-hardening/eksctl-cluster.yaml') ?? '')[0]?.toJS() as JsonObject;
    expect(config['secretsEncryption']).toBeDefined();
    expect(config['vpc']).toEqual({ clusterEndpoints: { privateAccess: true, publicAccess: false } });
    expect((config['cloudWatch'] as { clusterLogging: JsonObject }).clusterLogging['logRetentionInDays']).toBe(2192);
  });

  it('GKE and AKS get scripts with the provider flags', async () => {
    const gke = (await bundleFor({ distribution: 'gke' })).bundle.files.get('cluster-hardening/gke-cluster.sh') ?? '';
    expect(gke).toContain('--database-encryption-key');
    expect(gke).toContain('--enable-private-endpoint');
    const aks = (await bundleFor({ distribution: 'aks' })).bundle.files.get('cluster-hardening/aks-cluster.sh') ?? '';
    expect(aks).toContain('--enable-azure-keyvault-kms');
    expect(aks).toContain('--disable-local-accounts');
  });
});

describe('rbac, network and pod-security content', () => {
  it('ServiceAccounts: automount only with evidence; roles drop risky grants', async () => {
    const { bundle } = await bundleFor({});
    const accounts = parseAllDocuments(bundle.files.get('rbac/serviceaccounts.yaml') ?? '').map((d) => d.toJS() as JsonObject);
    const byName = new Map(accounts.map((a) => [`${(a['metadata'] as JsonObject)['namespace']}/${(a['metadata'] as JsonObject)['name']}`, a]));
    // Its only grant is a wildcard, which no minimal Role carries: no token.
    expect(byName.get('platform/legacy-admin')?.['automountServiceAccountToken']).toBe(false);
    expect([...byName.values()].filter((a) => a['automountServiceAccountToken'] === true)).toEqual([]);
    const readme = bundle.files.get('rbac/README.md') ?? '';
    expect(readme).toContain('wildcard API groups or resources');
    const patches = JSON.parse(bundle.files.get('rbac/serviceaccount-patches.json') ?? '[]') as Array<{ patch: Array<{ path: string }> }>;
    expect(patches.every((p) => p.patch[0]?.path.endsWith('/serviceAccountName'))).toBe(true);
  });

  it('a workload with a grant that survives keeps its token and gets a minimal Role', async () => {
    const yaml = [
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: operator, namespace: tools}\nspec:\n  selector: {matchLabels: {app: operator}}\n  template:\n    metadata: {labels: {app: operator}}\n    spec: {containers: [{name: o, image: ghcr.io/acme/operator:1.0}]}',
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: cm, namespace: tools}\nrules:\n- {apiGroups: [""], resources: [configmaps], verbs: [get, watch]}\n- {apiGroups: [""], resources: [secrets], verbs: [get]}',
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: cm, namespace: tools}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: cm}\nsubjects: [{kind: ServiceAccount, name: default, namespace: tools}]',
    ].join('\n---\n');
    const inventory = new Inventory(loadText(yaml, 'i.yaml').resources);
    const { bundle } = await bundleFor({}, 'one', inventory);
    const account = parseAllDocuments(bundle.files.get('rbac/serviceaccounts.yaml') ?? '')[0]?.toJS() as JsonObject;
    expect(account).toMatchObject({ metadata: { name: 'operator', namespace: 'tools' }, automountServiceAccountToken: true });
    const [role, binding] = parseAllDocuments(bundle.files.get('rbac/roles.yaml') ?? '').map((d) => d.toJS() as JsonObject);
    expect(role?.['rules']).toEqual([{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'watch'] }]);
    expect(binding?.['subjects']).toEqual([{ kind: 'ServiceAccount', name: 'operator', namespace: 'tools' }]);
    expect(bundle.files.get('rbac/README.md')).toContain('sensitive resources (secrets)');
    const safe = JSON.parse(bundle.files.get('pod-security/patches/safe.json') ?? '[]') as Array<{ patch: Array<{ path: string }> }>;
    expect(JSON.stringify(safe)).not.toContain('automountServiceAccountToken');
  });

  it('identity mappings become RoleBindings and ClusterRoleBindings to built-in roles', async () => {
    const { bundle } = await bundleFor({ distribution: 'kubeadm', identity: { oidcIssuer: 'https://idp.example.com', mappings: [{ group: 'shop-devs', namespace: 'storefront', role: 'edit' }, { group: 'auditors', role: 'view' }] } });
    const bindings = parseAllDocuments(bundle.files.get('rbac/identity-bindings.yaml') ?? '').map((d) => d.toJS() as JsonObject);
    expect(bindings.map((b) => [b['kind'], (b['roleRef'] as JsonObject)['name'], (b['subjects'] as JsonObject[])[0]?.['name']])).toEqual([
      ['RoleBinding', 'edit', 'oidc:shop-devs'],
      ['ClusterRoleBinding', 'view', 'oidc:auditors'],
    ]);
  });

  it('istio: STRICT mTLS per namespace and policies naming the source ServiceAccounts', async () => {
    const { bundle } = await bundleFor({ mesh: 'istio' });
    const docs = parseAllDocuments(bundle.files.get('network/istio-security.yaml') ?? '').map((d) => d.toJS() as JsonObject);
    expect(docs.filter((d) => d['kind'] === 'PeerAuthentication').every((d) => JSON.stringify(d['spec']) === '{"mtls":{"mode":"STRICT"}}')).toBe(true);
    expect(JSON.stringify(docs)).toMatch(/cluster\.local\/ns\/[a-z-]+\/sa\/[a-z-]+/);
  });

  it('PSA labels: restricted for production, baseline for development, privileged only for system, all pinned', async () => {
    const { bundle } = await bundleFor({ namespaces: { production: ['payments'] }, kubernetesVersion: '1.31' });
    const namespaces = parseAllDocuments(bundle.files.get('pod-security/namespaces.yaml') ?? '').map((d) => d.toJS() as { metadata: { name: string; labels: Record<string, string> } });
    const enforce = Object.fromEntries(namespaces.map((n) => [n.metadata.name, n.metadata.labels['pod-security.kubernetes.io/enforce']]));
    expect(enforce).toMatchObject({ payments: 'restricted', storefront: 'baseline', platform: 'baseline', monitoring: 'privileged' });
    for (const n of namespaces) for (const mode of ['enforce', 'audit', 'warn']) expect(n.metadata.labels[`pod-security.kubernetes.io/${mode}-version`]).toBe('v1.31');
    expect(namespaces.find((n) => n.metadata.name === 'payments')?.metadata.labels['compliance']).toBe('pci-dss');
  });
});

describe('limits and quotas', () => {
  it('quotas are twice what the workloads ask for, keep existing load balancers, and LimitRanges set no maximum', async () => {
    const yaml = [
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: db, namespace: shop}\nspec:\n  replicas: 3\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec: {containers: [{name: db, image: postgres:16, resources: {requests: {cpu: "4", memory: 8Gi}, limits: {cpu: "8", memory: 16Gi}}}]}',
      'apiVersion: v1\nkind: Service\nmetadata: {name: db, namespace: shop}\nspec: {type: LoadBalancer, selector: {app: db}, ports: [{port: 5432}]}',
    ].join('\n---\n');
    const { bundle } = await bundleFor({}, 'one', new Inventory(loadText(yaml, 'i.yaml').resources));
    const [quota] = parseAllDocuments(bundle.files.get('pod-security/resourcequotas.yaml') ?? '').map((d) => d.toJS() as { spec: { hard: Record<string, string> } });
    expect(quota?.spec.hard).toMatchObject({ pods: '10', 'requests.cpu': '24', 'requests.memory': '49152Mi', 'limits.cpu': '48', 'limits.memory': '98304Mi', 'services.loadbalancers': '1' });
    expect(bundle.files.get('pod-security/limitranges.yaml')).not.toContain('max:');
  });
});

describe('PLAN.md', () => {
  it('phases in order, what may break, the controls matrix and the cost table', async () => {
    const { bundle } = await bundleFor({ distribution: 'eks', compliance: ['pci-dss', 'soc2'] });
    const plan = bundle.files.get('PLAN.md') ?? '';
    const phases = [...plan.matchAll(/^### Phase (\d+)/gm)].map((m) => Number(m[1]));
    expect(phases).toEqual([...phases].sort((a, b) => a - b));
    expect(plan).toContain('**What may break.**');
    expect(plan).toContain('### pci-dss');
    expect(plan).toContain('### soc2');
    expect(plan).toContain('AWS KMS customer managed key');
    expect(plan).toContain('billed by the provider; see its pricing page');
    expect(plan).toContain('no licence cost (open source)');
    expect(plan).not.toMatch(/\$\s?\d/);
  });

  it('each distribution names its managed services', async () => {
    const expected: Record<string, string> = { eks: 'CloudWatch Logs', gke: 'Cloud KMS', aks: 'Log Analytics', kubeadm: 'Audit-log storage', k3s: 'Audit-log storage' };
    for (const distribution of DISTRIBUTIONS) expect((await bundleFor({ distribution })).bundle.files.get('PLAN.md'), distribution).toContain(expected[distribution]);
  });

  it('renderReadme lists sensitive files with their handling', async () => {
    const inventory = await demoInventory();
    const d = generateClusterHardening({ profile: resolveProfile({}, inventory), inventory, randomBytes: seededRandomBytes() });
    expect(renderReadme(d, [])).toContain('`encryption-config.yaml`');
    expect(renderReadme(d, [])).toContain('mode 0600');
  });
});
