import { describe, expect, it } from 'vitest';
import { NetworkAnalyzer } from '../../src/analyzers/netpol/analyzer.js';
import { coverage } from '../../src/analyzers/netpol/coverage.js';
import { diffConnections, formatDiff } from '../../src/analyzers/netpol/diff.js';
import { formatConnections } from '../../src/analyzers/netpol/format.js';
import { buildNetworkModel } from '../../src/analyzers/netpol/model.js';
import { Inventory } from '../../src/model/inventory.js';
import { deployment, makeResource, resourcesFromYaml } from './factory.js';
import { adminPolicy, modelOf, networkPolicy, workload, type Doc } from './topology.js';

const shop: Doc[] = [
  workload('shop', 'web', { ports: [{ name: 'http', containerPort: 8080 }] }),
  workload('shop', 'api', { ports: [{ name: 'http', containerPort: 9000 }] }),
  workload('kube-system', 'coredns', { labels: { 'k8s-app': 'kube-dns' } }),
  networkPolicy('shop', 'default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
  networkPolicy('shop', 'web-to-api', {
    podSelector: { matchLabels: { app: 'web' } },
    policyTypes: ['Egress'],
    egress: [{ to: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [{ port: 'http' }] }],
  }),
  networkPolicy('shop', 'api-from-web', {
    podSelector: { matchLabels: { app: 'api' } },
    ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 9000 }, { port: 9100 }] }],
  }),
];

function analyzerOf(docs: readonly Doc[]): NetworkAnalyzer {
  return new NetworkAnalyzer(modelOf(docs));
}

describe('explain', () => {
  it('names the policies and rules of each direction', () => {
    const analyzer = analyzerOf(shop);
    const e = analyzer.explain(analyzer.resolve('shop/web')[0]!, analyzer.resolve('shop/api')[0]!);
    expect(e.allowed.toString()).toBe('TCP 9000');
    expect(e.egress?.isolated).toBe(true);
    expect(e.egress?.decisions.map((d) => `${d.effect} ${d.policy} ${d.rule ?? '-'} ${d.connections}`)).toEqual([
      'isolate NetworkPolicy shop/default-deny - No Connections',
      'allow NetworkPolicy shop/web-to-api egress[0] TCP 9000',
    ]);
    expect(e.ingress?.allowed.toString()).toBe('TCP 9000,9100');
    expect(e.ingress?.decisions.find((d) => d.effect === 'allow')?.policy).toBe('NetworkPolicy shop/api-from-web');
  });

  it('reports the deciding admin rule', () => {
    const analyzer = analyzerOf([
      workload('a', 'x'),
      workload('b', 'y'),
      adminPolicy('deny-b', 3, { subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'a' } } }, ingress: [{ name: 'no-b', action: 'Deny', from: [{ namespaces: {} }] }] }),
    ]);
    const e = analyzer.explain(analyzer.resolve('b/y')[0]!, analyzer.resolve('a/x')[0]!);
    expect(e.allowed.isEmpty()).toBe(true);
    expect(e.ingress?.decisions).toEqual([expect.objectContaining({ layer: 'AdminNetworkPolicy', policy: 'AdminNetworkPolicy deny-b', rule: 'no-b', effect: 'deny' })]);
  });

  it('resolves endpoints by id, ns/name, bare name, IP and {ingress-controller}', () => {
    const analyzer = analyzerOf(shop);
    expect(analyzer.resolve('shop/web[Deployment]')).toHaveLength(1);
    expect(analyzer.resolve('web')).toHaveLength(1);
    expect(analyzer.resolve('10.1.2.3')[0]?.kind).toBe('external');
    expect(analyzer.resolve('{ingress-controller}')[0]?.kind).toBe('ingress-controller');
    expect(analyzer.resolve('nope')).toEqual([]);
  });
});

describe('coverage', () => {
  it('reports isolation, default deny, DNS and exposure', () => {
    const report = coverage(modelOf(shop));
    const ns = report.namespaces.find((n) => n.name === 'shop')!;
    expect(ns).toMatchObject({ workloads: 2, defaultDenyIngress: ['default-deny'], defaultDenyEgress: ['default-deny'], ingressIsolated: 2, egressIsolated: 2 });
    const web = report.workloads.find((w) => w.id === 'shop/web[Deployment]')!;
    expect(web).toMatchObject({ ingressIsolated: true, egressIsolated: true, dns: 'broken', clusterWideIngress: false, externalIngress: 'none', externalEgress: 'none' });
    const coredns = report.workloads.find((w) => w.id === 'kube-system/coredns[Deployment]')!;
    expect(coredns).toMatchObject({ dns: 'not-isolated', clusterWideIngress: true, externalIngress: 'all' });
  });

  it('DNS is allowed with 53/UDP and 53/TCP to kube-dns, partial with one, and probed when kube-dns is not loaded', () => {
    const dnsPolicy = (ports: Doc[]): Doc =>
      networkPolicy('shop', 'dns', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports }],
      });
    const both = coverage(modelOf([workload('shop', 'web'), dnsPolicy([{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }])]));
    expect(both.workloads[0]?.dns).toBe('allowed');
    const udpOnly = coverage(modelOf([workload('shop', 'web'), dnsPolicy([{ port: 53, protocol: 'UDP' }])]));
    expect(udpOnly.workloads[0]?.dns).toBe('partial');
  });

  it('lists hostNetwork workloads as outside NetworkPolicy', () => {
    const report = coverage(modelOf([workload('x', 'agent', { hostNetwork: true })]));
    expect(report.outsideReach).toEqual(['x/agent[Deployment]']);
    expect(report.workloads).toEqual([]);
  });
});

describe('diff', () => {
  it('reports added, removed and changed connections', () => {
    const before = analyzerOf(shop).list();
    const after = analyzerOf([...shop.filter((d) => (d['metadata'] as Doc)['name'] !== 'api-from-web'), workload('jobs', 'worker')]).list();
    const diff = diffConnections(before, after);
    expect(formatDiff(diff)).toBe(
      [
        '+ 0.0.0.0-255.255.255.255[External] => jobs/worker[Deployment] : All Connections',
        '+ jobs/worker[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections',
        '+ jobs/worker[Deployment] => kube-system/coredns[Deployment] : All Connections',
        '+ kube-system/coredns[Deployment] => jobs/worker[Deployment] : All Connections',
        '- shop/web[Deployment] => shop/api[Deployment] : TCP 9000',
        '',
      ].join('\n'),
    );
    expect(diffConnections(before, before)).toEqual({ added: [], removed: [], changed: [] });
    const widened = analyzerOf(shop.map((d) => ((d['metadata'] as Doc)['name'] === 'web-to-api' ? networkPolicy('shop', 'web-to-api', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: [{}] }) : d))).list();
    expect(formatDiff(diffConnections(before, widened))).toContain('~ shop/web[Deployment] => shop/api[Deployment] : TCP 9000 -> TCP 9000,9100');
  });
});

describe('malformed policies', () => {
  it('are reported with file and line and left out; the rest of the run goes on', () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata: {name: a, namespace: x}
spec: {template: {metadata: {labels: {app: a}}, spec: {containers: [{name: c, image: i}]}}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: broken, namespace: x}
spec:
  podSelector:
    matchExpressions:
      - {key: app, operator: Equals, values: [a]}
  ingress:
    - ports:
        - {port: 80, endPort: 70}
        - {protocol: ICMP}
    - from:
        - ipBlock: {cidr: 10.0.0.0/8, except: [192.168.0.0/16]}
          podSelector: {}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: good, namespace: x}
spec:
  podSelector: {}
  policyTypes: [Egress]
`;
    const model = buildNetworkModel(new Inventory(resourcesFromYaml(text, 'policies.yaml')));
    expect(model.networkPolicies.map((p) => p.name)).toEqual(['good']);
    const messages = model.issues.map((i) => `${i.file}:${i.line}: ${i.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^policies\.yaml:10: NetworkPolicy x\/broken: invalid selector at \/spec\/podSelector: .*operator must be one of In, NotIn, Exists, DoesNotExist/),
      'policies.yaml:15: NetworkPolicy x/broken: endPort 70 is less than port 80',
      'policies.yaml:16: NetworkPolicy x/broken: protocol must be TCP, UDP or SCTP (got "ICMP")',
      'policies.yaml:18: NetworkPolicy x/broken: ipBlock cannot be combined with podSelector or namespaceSelector',
    ]);
    const out = formatConnections(new NetworkAnalyzer(model).list(), 'connlist');
    expect(out).toBe('0.0.0.0-255.255.255.255[External] => x/a[Deployment] : All Connections\n');
  });

  it('reports admin policies with bad priorities, actions and peers', () => {
    const model = modelOf([
      adminPolicy('bad', 5000, { subject: { namespaces: {} }, ingress: [{ action: 'Maybe', from: [{ networks: ['10.0.0.0/8'] }] }] }),
      { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'BaselineAdminNetworkPolicy', metadata: { name: 'other' }, spec: { subject: { namespaces: {} }, egress: [{ action: 'Pass', to: [{ namespaces: {} }] }] } },
    ]);
    expect(model.adminPolicies).toEqual([]);
    expect(model.baselinePolicies).toEqual([]);
    expect(model.issues.map((i) => i.message)).toEqual([
      'AdminNetworkPolicy bad: priority must be an integer between 0 and 1000 (got 5000)',
      'AdminNetworkPolicy bad: action must be one of Allow, Deny, Pass (got "Maybe")',
      'AdminNetworkPolicy bad: unknown ingress peer "networks"',
      'BaselineAdminNetworkPolicy other: a BaselineAdminNetworkPolicy must be named "default"',
      'BaselineAdminNetworkPolicy other: action must be one of Allow, Deny (got "Pass")',
    ]);
  });
});

describe('formats', () => {
  const list = analyzerOf(shop).list();
  it('json carries the connlist strings', () => {
    const json = JSON.parse(formatConnections(list, 'json')) as Array<Record<string, string>>;
    expect(json).toContainEqual({ src: 'shop/web[Deployment]', dst: 'shop/api[Deployment]', conn: 'TCP 9000' });
    expect(Object.keys(json[0]!)).toEqual(['src', 'dst', 'conn']);
  });
  it('csv quotes fields with commas; md escapes pipes', () => {
    const analyzer = analyzerOf([workload('x', 'a'), workload('x', 'b'), networkPolicy('x', 'b', { podSelector: { matchLabels: { app: 'b' } }, ingress: [{ ports: [{ port: 80 }, { port: 443 }] }] })]);
    const csv = formatConnections(analyzer.list(), 'csv');
    expect(csv.split('\n')[0]).toBe('src,dst,conn');
    expect(csv).toContain('x/a[Deployment],x/b[Deployment],"TCP 80,443"');
    expect(formatConnections(analyzer.list(), 'md')).toContain('| x/a[Deployment] | x/b[Deployment] | TCP 80,443 |');
  });
  it('dot groups namespaces as clusters', () => {
    const dot = formatConnections(list, 'dot');
    expect(dot).toContain('subgraph "cluster_shop" {');
    expect(dot).toContain('subgraph "cluster_kube-system" {');
    expect(dot).toContain('"shop/web[Deployment]" -> "shop/api[Deployment]" [label="TCP 9000"];');
    expect(dot.startsWith('digraph netpol {')).toBe(true);
  });
});

describe('resources built in memory (live objects, no source positions)', () => {
  it('analyzes them and reports problems at the document line', () => {
    const resources = [
      deployment('x', 'a', { app: 'a' }, [{ name: 'http', containerPort: 80 }]),
      deployment('x', 'b', { app: 'b' }),
      makeResource({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', name: 'a', namespace: 'x', body: { spec: { podSelector: { matchLabels: { app: 'a' } }, ingress: [{ ports: [{ port: 'http' }] }] } } }),
      makeResource({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', name: 'bad', namespace: 'x', body: { spec: { podSelector: {}, egress: [{ to: [{}] }] } } }),
    ];
    const model = buildNetworkModel(new Inventory(resources));
    expect(model.issues).toEqual([
      { file: 'test.yaml', line: 1, message: 'NetworkPolicy x/bad: a peer must set podSelector, namespaceSelector or ipBlock', resource: { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', namespace: 'x', name: 'bad' } },
    ]);
    expect(formatConnections(new NetworkAnalyzer(model).list(), 'connlist')).toBe(
      [
        '0.0.0.0-255.255.255.255[External] => x/a[Deployment] : TCP 80',
        '0.0.0.0-255.255.255.255[External] => x/b[Deployment] : All Connections',
        'x/a[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections',
        'x/a[Deployment] => x/b[Deployment] : All Connections',
        'x/b[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections',
        'x/b[Deployment] => x/a[Deployment] : TCP 80',
        '',
      ].join('\n'),
    );
  });
});
