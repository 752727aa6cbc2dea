import { describe, expect, it } from 'vitest';
import { Inventory } from '../../src/model/inventory.js';
import { findRisks, RISKS } from '../../src/analyzers/rbac/risks.js';
import { buildEscalationGraph, findPaths } from '../../src/analyzers/rbac/paths.js';
import { pathsToDot, pathsToMermaid, pathsToText } from '../../src/analyzers/rbac/paths-format.js';
import { buildRbacModel } from '../../src/analyzers/rbac/model.js';
import { loadDefaultRoles } from '../../src/analyzers/rbac/defaults.js';
import type { Resource } from '../../src/model/types.js';
import { clusterRole, clusterRoleBinding, deployment, group, model, namespace, resource, role, roleBinding, sa, serviceAccount, user } from './factory.js';

describe('risk catalog', () => {
  it('has at least 25 risks with unique sorted ids, explanation, severity and MITRE technique', () => {
    expect(RISKS.length).toBeGreaterThanOrEqual(25);
    const ids = RISKS.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RISKS) {
      expect(r.explanation.length).toBeGreaterThan(20);
      expect(r.mitre).toMatch(/^T\d{4}(\.\d{3})?$/);
    }
  });
});

describe('findRisks', () => {
  const m = model([
    clusterRole('csr', [
      { verbs: ['create'], apiGroups: ['certificates.k8s.io'], resources: ['certificatesigningrequests'] },
      { verbs: ['update'], apiGroups: ['certificates.k8s.io'], resources: ['certificatesigningrequests/approval'] },
      { verbs: ['approve'], apiGroups: ['certificates.k8s.io'], resources: ['signers'], resourceNames: ['kubernetes.io/kube-apiserver-client'] },
    ]),
    clusterRoleBinding('csr', 'csr', [user('pki')]),
    role('shop', 'exec', [{ verbs: ['create'], apiGroups: [''], resources: ['pods/exec'] }]),
    roleBinding('shop', 'exec', { kind: 'Role', name: 'exec' }, [user('dev')]),
    clusterRole('imp', [{ verbs: ['impersonate'], apiGroups: [''], resources: ['groups'] }]),
    clusterRoleBinding('imp', 'imp', [group('helpdesk')]),
    clusterRole('secret-names', [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['tls'] }]),
    roleBinding('web', 'secret-names', { kind: 'ClusterRole', name: 'secret-names' }, [sa('web', 'app')]),
  ]);
  const found = findRisks(m).map((f) => `${f.risk.id} ${f.subject} ${f.scope || '*'}`);
  it.each([
    'csr-create-approve user:pki *',
    'csr-approve user:pki *',
    'pods-exec user:dev shop',
    'impersonate-groups group:helpdesk *',
  ])('finds %s', (line) => expect(found).toContain(line));
  it('a name-restricted secret read is not a risk of reading every secret', () => {
    expect(found.filter((f) => f.startsWith('secrets-read'))).toEqual([]);
  });
});

function graphOf(resources: Resource[], withDefaults = true) {
  const inventory = new Inventory(resources);
  const m = buildRbacModel(inventory, withDefaults ? { defaults: loadDefaultRoles() } : {});
  return buildEscalationGraph(m, inventory);
}

describe('escalation paths', () => {
  const resources = [
    namespace('shop'),
    serviceAccount('shop', 'deployer'),
    clusterRole('deployer', [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }]),
    clusterRoleBinding('deployer', 'deployer', [sa('shop', 'deployer')]),
    role('shop', 'pod-maker', [{ verbs: ['create'], apiGroups: [''], resources: ['pods'] }]),
    roleBinding('shop', 'pod-maker', { kind: 'Role', name: 'pod-maker' }, [user('intern')]),
    clusterRole('imp-users', [{ verbs: ['impersonate'], apiGroups: [''], resources: ['users'], resourceNames: ['root'] }]),
    clusterRoleBinding('imp-users', 'imp-users', [user('helper')]),
    clusterRoleBinding('root', 'cluster-admin', [user('root')]),
    deployment('shop', 'cart', 'deployer'),
    clusterRole('tokens', [{ verbs: ['create'], apiGroups: [''], resources: ['serviceaccounts/token'] }]),
    roleBinding('shop', 'tokens-a', { kind: 'ClusterRole', name: 'tokens' }, [user('ci')]),
    roleBinding('shop', 'tokens-b', { kind: 'ClusterRole', name: 'tokens' }, [user('ci')]),
    clusterRole('proxy', [{ verbs: ['get'], apiGroups: [''], resources: ['nodes/proxy'] }]),
    clusterRoleBinding('proxy', 'proxy', [user('monitor')]),
  ];
  const graph = graphOf(resources);
  const paths = findPaths(graph, { targets: ['cluster-admin'] });
  const bySource = new Map(paths.map((p) => [p.source, p]));

  it('create pods in a namespace → any ServiceAccount of it → its ClusterRoleBinding', () => {
    const p = bySource.get('user:intern');
    expect(p?.hops.map((h) => h.to)).toEqual(['sas:shop', 'user:system:serviceaccount:shop:deployer', 'target:cluster-admin']);
    expect(p?.cut).toBe('RoleBinding/shop/pod-maker');
  });

  it('a workload reaches cluster-admin through its ServiceAccount', () => {
    const p = bySource.get('workload:Deployment/shop/cart');
    expect(p?.hops.map((h) => h.to)).toEqual(['user:system:serviceaccount:shop:deployer', 'target:cluster-admin']);
    expect(p?.cut).toBe('ClusterRoleBinding/deployer');
  });

  it('impersonating a named user reaches what that user holds', () => {
    expect(bySource.get('user:helper')?.hops.map((h) => h.to)).toEqual(['user:root', 'target:cluster-admin']);
  });

  it('system:masters is cluster-admin without any binding to cut', () => {
    const p = bySource.get('group:system:masters');
    expect(p?.hops.length).toBe(1);
  });

  it('reports no single cut when two bindings grant the same step', () => {
    const p = bySource.get('user:ci');
    expect(p).toBeDefined();
    expect(p?.cut).not.toBe('RoleBinding/shop/tokens-a');
    expect(p?.cut).not.toBe('RoleBinding/shop/tokens-b');
  });

  it('nodes/proxy reaches node compromise', () => {
    const nodes = findPaths(graph, { targets: ['nodes'], sources: ['user:monitor'] });
    expect(nodes[0]?.hops.map((h) => h.technique)).toEqual(['run commands through the kubelet API (nodes/proxy)']);
  });

  it('Pod Security enforce=baseline removes the privileged-pod step to nodes', () => {
    const restricted = graphOf([namespace('shop', { 'pod-security.kubernetes.io/enforce': 'restricted' }), ...resources.slice(1)]);
    const p = findPaths(restricted, { targets: ['nodes'], sources: ['user:intern'] })[0];
    expect(p?.hops.some((h) => h.technique.startsWith('create a privileged'))).toBe(false);
  });

  it('renders text, dot and mermaid', () => {
    const some = paths.filter((p) => p.source === 'user:intern');
    expect(pathsToText(graph, some)).toContain('cut: remove RoleBinding/shop/pod-maker');
    expect(pathsToDot(graph, some)).toMatch(/^digraph rbac_paths \{[\s\S]*-> "target:cluster-admin"/);
    expect(pathsToMermaid(graph, some)).toMatch(/^flowchart LR\n[\s\S]*-->\|/);
  });

  it('a workload without an automounted token does not carry its ServiceAccount', () => {
    const d = deployment('shop', 'quiet', 'deployer');
    const body = JSON.parse(JSON.stringify(d.body));
    body.spec.template.spec.automountServiceAccountToken = false;
    const g = graphOf([...resources, resource(body)]);
    expect(findPaths(g, { sources: ['workload:Deployment/shop/quiet'] })).toEqual([]);
  });
});

describe('cut preference', () => {
  it('proposes a last-resort binding as the cut only when no other binding cuts the path', () => {
    const inventory = new Inventory([
      namespace('shop'),
      clusterRole('deployer', [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }]),
      clusterRoleBinding('deployer', 'deployer', [sa('shop', 'deployer')]),
      role('shop', 'pod-maker', [{ verbs: ['create'], apiGroups: [''], resources: ['pods'] }]),
      roleBinding('shop', 'pod-maker', { kind: 'Role', name: 'pod-maker' }, [user('intern')]),
    ]);
    const graph = buildEscalationGraph(buildRbacModel(inventory), inventory);
    const options = { targets: ['cluster-admin' as const], sources: ['user:intern'] };
    expect(findPaths(graph, options)[0]?.cut).toBe('RoleBinding/shop/pod-maker');
    expect(findPaths(graph, { ...options, lastResortCuts: new Set(['RoleBinding/shop/pod-maker']) })[0]?.cut).toBe('ClusterRoleBinding/deployer');
    expect(findPaths(graph, { ...options, lastResortCuts: new Set(['RoleBinding/shop/pod-maker', 'ClusterRoleBinding/deployer']) })[0]?.cut).toBe('RoleBinding/shop/pod-maker');
  });
});

describe('impersonation (as the API server impersonation filter authorizes it)', () => {
  const admin = [
    namespace('shop'),
    clusterRole('all', [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }]),
    clusterRoleBinding('deployer', 'all', [sa('shop', 'deployer')]),
  ];
  function reach(rules: Array<{ verbs: string[]; apiGroups: string[]; resources: string[]; resourceNames?: string[] }>, bindNamespace?: string) {
    const resources = [
      ...admin,
      clusterRole('imp', rules),
      bindNamespace ? roleBinding(bindNamespace, 'imp', { kind: 'ClusterRole', name: 'imp' }, [user('eve')]) : clusterRoleBinding('imp', 'imp', [user('eve')]),
    ];
    return findPaths(graphOf(resources, false), { targets: ['cluster-admin'], sources: ['user:eve'] })[0]?.hops.map((h) => h.to);
  }
  it('impersonating groups alone is rejected by the API server: no path', () => {
    expect(reach([{ verbs: ['impersonate'], apiGroups: [''], resources: ['groups'] }])).toBeUndefined();
  });
  it('groups plus any user reaches system:masters', () => {
    expect(reach([{ verbs: ['impersonate'], apiGroups: [''], resources: ['groups', 'users'] }])).toEqual(['group:system:masters', 'target:cluster-admin']);
  });
  it('groups plus a single named user is enough', () => {
    expect(reach([
      { verbs: ['impersonate'], apiGroups: [''], resources: ['groups'], resourceNames: ['system:masters'] },
      { verbs: ['impersonate'], apiGroups: [''], resources: ['users'], resourceNames: ['nobody'] },
    ])).toEqual(['group:system:masters', 'target:cluster-admin']);
  });
  it('impersonating users does not reach ServiceAccounts (they go through the serviceaccounts resource)', () => {
    expect(reach([{ verbs: ['impersonate'], apiGroups: [''], resources: ['users'] }])).toBeUndefined();
  });
  it('impersonating ServiceAccounts of a namespace reaches them', () => {
    expect(reach([{ verbs: ['impersonate'], apiGroups: [''], resources: ['serviceaccounts'] }], 'shop')).toEqual([
      'sas:shop', 'user:system:serviceaccount:shop:deployer', 'target:cluster-admin',
    ]);
  });
});

describe('escalation techniques, one step each', () => {
  type R = { verbs: string[]; apiGroups: string[]; resources: string[]; resourceNames?: string[] };
  const crt = 'certificates.k8s.io';
  const cases: Array<[string, R[], 'cluster' | 'shop', 'cluster-admin' | 'secrets' | 'nodes', string]> = [
    ['CSR create + approve + signer', [
      { verbs: ['create'], apiGroups: [crt], resources: ['certificatesigningrequests'] },
      { verbs: ['update'], apiGroups: [crt], resources: ['certificatesigningrequests/approval'] },
      { verbs: ['approve'], apiGroups: [crt], resources: ['signers'], resourceNames: ['kubernetes.io/kube-apiserver-client'] },
    ], 'cluster', 'cluster-admin', 'create and approve a client certificate'],
    ['aws-auth edit', [{ verbs: ['patch'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['aws-auth'] }], 'cluster', 'cluster-admin', 'map itself to system:masters'],
    ['mutating webhooks', [{ verbs: ['create'], apiGroups: ['admissionregistration.k8s.io'], resources: ['mutatingwebhookconfigurations'] }], 'cluster', 'secrets', 'register a mutating webhook'],
    ['list secrets cluster-wide', [{ verbs: ['list'], apiGroups: [''], resources: ['secrets'] }], 'cluster', 'secrets', 'list every secret'],
    ['bind cluster-admin via a ClusterRoleBinding', [
      { verbs: ['create'], apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterrolebindings'] },
      { verbs: ['bind'], apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], resourceNames: ['cluster-admin'] },
    ], 'cluster', 'cluster-admin', 'create a ClusterRoleBinding to cluster-admin'],
    ['create + read secrets in a namespace mints a token secret', [{ verbs: ['create', 'get'], apiGroups: [''], resources: ['secrets'] }], 'shop', 'cluster-admin', 'create a service-account-token Secret'],
    ['exec into a running pod', [{ verbs: ['create'], apiGroups: [''], resources: ['pods/exec'] }], 'shop', 'cluster-admin', 'exec, attach or add an ephemeral container'],
    ['mint a token', [{ verbs: ['create'], apiGroups: [''], resources: ['serviceaccounts/token'], resourceNames: ['deployer'] }], 'shop', 'cluster-admin', 'mint a token'],
    ['deployments write', [{ verbs: ['create'], apiGroups: ['apps'], resources: ['deployments'] }], 'shop', 'nodes', 'create a privileged or hostPath pod'],
  ];
  it.each(cases)('%s', (_name, rules, scope, target, technique) => {
    const resources = [
      namespace('shop'),
      clusterRole('all', [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }]),
      clusterRoleBinding('deployer', 'all', [sa('shop', 'deployer')]),
      deployment('shop', 'web', 'deployer'),
      clusterRole('step', rules),
      scope === 'cluster' ? clusterRoleBinding('step', 'step', [user('eve')]) : roleBinding('shop', 'step', { kind: 'ClusterRole', name: 'step' }, [user('eve')]),
    ];
    const path = findPaths(graphOf(resources, false), { targets: [target], sources: ['user:eve'] })[0];
    expect(path?.hops[0]?.technique).toContain(technique);
  });
});
