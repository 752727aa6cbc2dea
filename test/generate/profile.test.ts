/**
 * The profile: file forms (kind: RampartProfile with a spec, or plain keys), flags overriding
 * the file, defaults inferred from the inventory, and every problem of an invalid profile listed
 * with its line and dotted path.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { auditRetention, parseProfileFile, readProfileInputs, resolveProfile } from '../../src/generate/profile.js';
import { loadText } from '../../src/load/index.js';
import { Inventory } from '../../src/model/inventory.js';

const INVENTORY = new Inventory(
  loadText(
    [
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {environment: production}}',
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: payments-prod}',
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: sandbox}',
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: monitoring}',
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: ingress-nginx}',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  template:\n    spec:\n      containers: [{name: web, image: ghcr.io/acme/web:1.0}]',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: tool, namespace: sandbox}\nspec:\n  containers: [{name: t, image: busybox}]',
    ].join('\n---\n'),
    'inventory.yaml',
  ).resources,
);

function issuesOf(fn: () => unknown): Array<{ path: string; message: string }> {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return [...error.issues];
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('profile file', () => {
  it('reads the RampartProfile form', () => {
    const partial = parseProfileFile(
      ['apiVersion: rampart.dev/v1alpha1', 'kind: RampartProfile', 'metadata: {name: shop-prod}', 'spec:', '  distribution: eks', '  kubernetesVersion: "1.30"', '  compliance: [pci-dss, soc2]', '  mesh: istio'].join('\n'),
      'rampart.yaml',
    );
    expect(partial).toEqual({ clusterName: 'shop-prod', distribution: 'eks', kubernetesVersion: '1.30', compliance: ['pci-dss', 'soc2'], mesh: 'istio' });
  });

  it('reads plain keys, with identity, tenants and retention', () => {
    const partial = parseProfileFile(
      [
        'distribution: kubeadm',
        'posture: baseline',
        'tenants:',
        '  - {name: acme, namespaces: [acme-web, acme-api]}',
        'identity:',
        '  oidcIssuer: https://login.example.com',
        '  mappings:',
        '    - {group: acme-devs, namespace: acme-web, role: edit}',
        '    - {group: sre, role: view}',
        'auditRetentionDays: {pci-dss: 400}',
        'allowedRegistries: [ghcr.io/acme]',
      ].join('\n'),
      'rampart.yaml',
    );
    expect(partial.tenants).toEqual([{ name: 'acme', namespaces: ['acme-web', 'acme-api'] }]);
    expect(partial.identity).toEqual({ oidcIssuer: 'https://login.example.com', mappings: [{ group: 'acme-devs', namespace: 'acme-web', role: 'edit' }, { group: 'sre', role: 'view' }] });
    expect(partial.auditRetentionDays).toEqual({ 'pci-dss': 400 });
  });

  it('lists every problem with its line and dotted path', () => {
    const text = [
      'distribution: openshift', // 1
      'kubernetesVersion: 1.30', // 2: a number
      'compliance: [pci-dss, iso27001]', // 3
      'posture: strict', // 4
      'namespaces:', // 5
      '  production: [shop, Bad_Name]', // 6
      '  development: [shop]', // 7
      '  staging: []', // 8
      'tenants:', // 9
      '  - {name: a, namespaces: [x]}', // 10
      '  - {name: b, namespaces: [x], owner: me}', // 11
      'identity:', // 12
      '  oidcIssuer: http://insecure', // 13
      '  mappings:', // 14
      '    - {group: g, role: cluster-admin}', // 15
      '    - {group: "", namespace: x, role: edit}', // 16
      'secretsBackend: keepass', // 17
      'auditRetentionDays: {hipaa: -1, gdpr: 30}', // 18
      'colour: blue', // 19
    ].join('\n');
    const issues = issuesOf(() => parseProfileFile(text, 'rampart.yaml'));
    expect(issues).toEqual([
      { path: 'rampart.yaml:1 distribution', message: expect.stringContaining('must be one of kubeadm, eks, gke, aks, k3s') },
      { path: 'rampart.yaml:2 kubernetesVersion', message: expect.stringContaining('quote it') },
      { path: 'rampart.yaml:3 compliance[1]', message: expect.stringContaining('iso27001') },
      { path: 'rampart.yaml:4 posture', message: expect.stringContaining('baseline, restricted') },
      { path: 'rampart.yaml:6 namespaces.production[1]', message: expect.stringContaining('Bad_Name') },
      { path: 'rampart.yaml:7 namespaces.development[0]', message: 'shop is already listed under namespaces.production' },
      { path: 'rampart.yaml:8 namespaces.staging', message: expect.stringContaining('unknown key') },
      { path: 'rampart.yaml:11 tenants[1].owner', message: expect.stringContaining('unknown key') },
      { path: 'rampart.yaml:11 tenants[1].namespaces[0]', message: 'x already belongs to tenant a' },
      { path: 'rampart.yaml:13 identity.oidcIssuer', message: 'must be an https:// URL' },
      { path: 'rampart.yaml:15 identity.mappings[0].role', message: expect.stringContaining('cluster-admin is never generated') },
      { path: 'rampart.yaml:16 identity.mappings[1].group', message: expect.stringContaining('group') },
      { path: 'rampart.yaml:17 secretsBackend', message: expect.stringContaining('vault, aws, gcp, azure') },
      { path: 'rampart.yaml:18 auditRetentionDays.hipaa', message: expect.stringContaining('whole number') },
      { path: 'rampart.yaml:18 auditRetentionDays.gdpr', message: expect.stringContaining('unknown compliance target') },
      { path: 'rampart.yaml:19 colour', message: expect.stringContaining('unknown key') },
    ]);
  });

  it('reports syntax errors and wrong envelopes with their lines', () => {
    expect(issuesOf(() => parseProfileFile('distribution: [eks\n', 'p.yaml'))[0]?.path).toMatch(/^p\.yaml:\d+$/);
    expect(issuesOf(() => parseProfileFile('kind: Profile\napiVersion: v1\nspec: {mesh: consul}\n', 'p.yaml'))).toEqual([
      { path: 'p.yaml:1 kind', message: 'must be RampartProfile' },
      { path: 'p.yaml:2 apiVersion', message: 'must be rampart.dev/v1alpha1' },
      { path: 'p.yaml:3 spec.mesh', message: expect.stringContaining('none, istio, linkerd') },
    ]);
    expect(issuesOf(() => parseProfileFile('', 'p.yaml'))).toEqual([{ path: 'p.yaml:1', message: 'empty profile' }]);
  });

  it('reports the file and the flags together', () => {
    const issues = issuesOf(() => readProfileInputs({ text: 'mesh: consul\n', file: 'rampart.yaml' }, { distribution: 'openshift', compliance: ['pci-dss,iso'], kubernetesVersion: '2.0' }));
    expect(issues.map((i) => i.path)).toEqual(['rampart.yaml:1 mesh', '--distribution', '--kubernetes-version', '--compliance [1]']);
  });
});

describe('flags and defaults', () => {
  it('flags override the file', () => {
    const partial = readProfileInputs({ text: 'distribution: eks\nmesh: istio\ncompliance: [hipaa]\n', file: 'rampart.yaml' }, { distribution: 'gke', compliance: ['pci-dss', 'soc2'] });
    expect(partial).toMatchObject({ distribution: 'gke', mesh: 'istio', compliance: ['pci-dss', 'soc2'] });
  });

  it('infers namespaces, registries and the secrets backend from the inventory', () => {
    const profile = resolveProfile({ distribution: 'aks' }, INVENTORY);
    expect(profile.namespaces).toEqual({
      production: ['payments-prod', 'shop'],
      development: ['sandbox'],
      system: ['ingress-nginx', 'kube-node-lease', 'kube-public', 'kube-system', 'monitoring'],
    });
    expect(profile.allowedRegistries).toEqual(['docker.io', 'ghcr.io']);
    expect(profile).toMatchObject({ secretsBackend: 'azure', posture: 'restricted', mesh: 'none', policyEngine: 'vap', kubernetesVersion: '1.30', compliance: ['cis'] });
  });

  it('given namespace lists win; the rest fill the lists not given', () => {
    const profile = resolveProfile({ namespaces: { production: ['sandbox'] } }, INVENTORY);
    expect(profile.namespaces.production).toEqual(['sandbox']);
    expect(profile.namespaces.development).toEqual(['payments-prod', 'shop']);
  });

  it('audit retention is the longest any selected framework asks for', () => {
    expect(auditRetention(resolveProfile({ compliance: ['cis'] }, INVENTORY))).toBe(30);
    expect(auditRetention(resolveProfile({ compliance: ['pci-dss', 'soc2'] }, INVENTORY))).toBe(365);
    expect(auditRetention(resolveProfile({ compliance: ['pci-dss', 'hipaa'] }, INVENTORY))).toBe(2190);
    expect(auditRetention(resolveProfile({ compliance: ['pci-dss'], auditRetentionDays: { 'pci-dss': 500 } }, INVENTORY))).toBe(500);
  });
});
