import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { NetworkAnalyzer } from '../../src/analyzers/netpol/analyzer.js';
import { ConnectionSet, type Protocol } from '../../src/analyzers/netpol/connections.js';
import { DNS_CONNECTIONS } from '../../src/analyzers/netpol/coverage.js';
import { inferFlows, parseFlows, serviceReferences, type Flow } from '../../src/analyzers/netpol/flows.js';
import { generatePolicies } from '../../src/analyzers/netpol/generate.js';
import { buildNetworkModel } from '../../src/analyzers/netpol/model.js';
import { ConfigError } from '../../src/errors.js';
import { Inventory } from '../../src/model/inventory.js';
import type { Resource } from '../../src/model/types.js';
import { resourcesFromObjects, resourcesFromYaml } from './factory.js';
import { ingress, line, networkPolicy, service, workload, type Doc } from './topology.js';
import { sharedPath } from '../support/shared.js';

/** Strict schemas of NetworkPolicy for the oldest and newest supported Kubernetes. */
const schemaValidators = ['kubernetes-1.30', 'kubernetes-1.36'].map((version) => {
  const file = sharedPath('schemas', version, 'networkpolicy-networking-v1.json');
  return { version, validate: new Ajv({ strict: false, allErrors: true }).compile(JSON.parse(readFileSync(file, 'utf8')) as object) };
});

function expectValidPolicies(policies: readonly object[]): void {
  for (const { version, validate } of schemaValidators)
    for (const p of policies) expect(validate(p) ? [] : [version, validate.errors]).toEqual([]);
}

function setup(docs: readonly Doc[]): { inventory: Inventory; analyzer: NetworkAnalyzer; resources: Resource[] } {
  const resources = resourcesFromObjects(docs);
  const inventory = new Inventory(resources);
  return { inventory, analyzer: new NetworkAnalyzer(buildNetworkModel(inventory)), resources };
}

/** The connlist of the inventory with the generated policies in place of the managed namespaces' own. */
function connlistAfter(resources: readonly Resource[], policies: readonly object[], managed: ReadonlySet<string>): string[] {
  const kept = resources.filter((r) => !(r.kind === 'NetworkPolicy' && managed.has(r.namespace ?? 'default')));
  const generated = resourcesFromYaml(policies.map((p) => stringify(p)).join('---\n'), 'generated.yaml');
  const analyzer = new NetworkAnalyzer(buildNetworkModel(new Inventory([...kept, ...generated])));
  return analyzer.list().map((c) => line(c.src, c.dst, c.conn.toString()));
}

const shopDocs: Doc[] = [
  workload('shop', 'web', {
    ports: [{ name: 'http', containerPort: 8080 }],
    env: [
      { name: 'API_URL', value: 'http://api.shop.svc.cluster.local:80/v1' },
      { name: 'GREETING', value: 'hello world' },
    ],
  }),
  workload('shop', 'api', { ports: [{ name: 'http', containerPort: 9000 }], env: [{ name: 'DB', value: 'db:5432' }] }),
  workload('shop', 'db', { kind: 'StatefulSet', ports: [{ name: 'pg', containerPort: 5432 }] }),
  workload('kube-system', 'coredns', { labels: { 'k8s-app': 'kube-dns' }, ports: [{ containerPort: 53, protocol: 'UDP' }, { containerPort: 53 }] }),
  service('shop', 'web', { app: 'web' }, [{ name: 'http', port: 80, targetPort: 'http' }]),
  service('shop', 'api', { app: 'api' }, [{ name: 'http', port: 80, targetPort: 9000 }]),
  service('shop', 'db', { app: 'db' }, [{ port: 5432 }]),
  ingress('shop', 'web', [{ service: 'web', port: 'http' }]),
  networkPolicy('shop', 'allow-everything', { podSelector: {}, ingress: [{}] }),
];

describe('generate', () => {
  it('infers flows from Service DNS names in env and from Ingress backends, and the verified set allows exactly them plus DNS', () => {
    const { inventory, analyzer, resources } = setup(shopDocs);
    const flows = inferFlows(inventory, analyzer.model);
    expect(flows.map((f) => `${f.from.kind === 'workload' ? f.from.workload.id : '{ingress-controller}'} -> ${f.to.id} ${f.ports} (${f.origin})`)).toEqual([
      'shop/api[Deployment] -> shop/db[StatefulSet] TCP 5432 (env DB of shop/api[Deployment])',
      'shop/web[Deployment] -> shop/api[Deployment] TCP 9000 (env API_URL of shop/web[Deployment])',
      '{ingress-controller} -> shop/web[Deployment] TCP 8080 (Ingress routing to shop/web[Deployment])',
    ]);
    const result = generatePolicies(inventory, analyzer.model, flows);
    expect(result.verification).toEqual({ ok: true, unexpected: [], missing: [] });
    expectValidPolicies(result.policies);
    expect(result.namespaces).toEqual(['shop']);
    expect(result.policies.map((p) => (p['metadata'] as Doc)['name'])).toEqual([
      'allow-dns-egress',
      'allow-egress-api',
      'allow-egress-web',
      'allow-ingress-api',
      'allow-ingress-db',
      'allow-ingress-web',
      'default-deny-all',
    ]);
    const after = connlistAfter(resources, result.policies, new Set(['shop']));
    const coredns = 'kube-system/coredns[Deployment]';
    expect(after.filter((l) => l.includes('shop/'))).toEqual([
      line('shop/api[Deployment]', coredns, 'TCP 53,UDP 53'),
      line('shop/api[Deployment]', 'shop/db[StatefulSet]', 'TCP 5432'),
      line('shop/db[StatefulSet]', coredns, 'TCP 53,UDP 53'),
      line('shop/web[Deployment]', coredns, 'TCP 53,UDP 53'),
      line('shop/web[Deployment]', 'shop/api[Deployment]', 'TCP 9000'),
      line('{ingress-controller}', 'shop/web[Deployment]', 'TCP 8080'),
    ]);
  });

  it('reads declared flows (workloads, selectors, named ports, ranges) and reports every problem at its path', () => {
    const { inventory, analyzer } = setup(shopDocs);
    const flows = parseFlows(
      `flows:
  - from: shop/web
    to: shop/api:http
  - from: {namespace: shop, podSelector: {matchLabels: {app: api}}}
    to: shop/db[StatefulSet]
    ports: [5432/TCP, 6000-6010/UDP]
`,
      'flows.yaml',
      analyzer,
    );
    expect(flows.map((f) => `${f.to.id} ${f.ports}`)).toEqual(['shop/api[Deployment] TCP 9000', 'shop/db[StatefulSet] TCP 5432,UDP 6000-6010']);
    expect(generatePolicies(inventory, analyzer.model, flows).verification.ok).toBe(true);
    let error: unknown;
    try {
      parseFlows('flows:\n  - from: shop/nope\n    to: shop/web:grpc\n  - to: 3\n', 'flows.yaml', analyzer);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toEqual([
      { path: 'flows[0].from', message: 'no workload "shop/nope" in the inventory' },
      { path: 'flows[0].ports[0]', message: '"grpc" is not a port of shop/web[Deployment] (use 8080, 8080/TCP, or a container port name)' },
      { path: 'flows[1].from', message: 'from must be a workload (ns/name), "{ingress-controller}", or {namespace, podSelector}' },
      { path: 'flows[1].to', message: 'to must be a workload, optionally with :port/protocol' },
    ]);
  });

  it('refuses a set that cannot separate workloads with the same labels', () => {
    const { inventory, analyzer } = setup([workload('x', 'a', { labels: { app: 'same' } }), workload('x', 'b', { labels: { app: 'same' } }), workload('x', 'c')]);
    const a = analyzer.model.workloads.find((w) => w.name === 'a')!;
    const c = analyzer.model.workloads.find((w) => w.name === 'c')!;
    const result = generatePolicies(inventory, analyzer.model, [{ from: { kind: 'workload', workload: a }, to: c, ports: ConnectionSet.ports('TCP', 80), origin: 'test' }]);
    expect(result.verification.ok).toBe(false);
    expect(result.verification.unexpected).toContainEqual({ src: 'x/b[Deployment]', dst: 'x/c[Deployment]', conn: 'TCP 80' });
  });

  it('finds Service references in strings', () => {
    expect(serviceReferences('http://backend.shop.svc:8080', 'web')).toEqual([{ service: 'backend', namespace: 'shop', port: 8080 }]);
    expect(serviceReferences('backend:8080', 'shop')).toEqual([{ service: 'backend', namespace: 'shop', port: 8080 }]);
    expect(serviceReferences('postgres://u:p@db.data.svc.cluster.local:5432/app', 'x')).toEqual([{ service: 'db', namespace: 'data', port: 5432 }]);
    expect(serviceReferences('redis', 'x')).toEqual([{ service: 'redis', namespace: 'x', port: undefined }]);
    expect(serviceReferences('see index.html for details', 'x')).toEqual([]);
  });
});

const PORTS: ReadonlyArray<{ name: string; containerPort: number; protocol: Protocol }> = [
  { name: 'http', containerPort: 8080, protocol: 'TCP' },
  { name: 'https', containerPort: 8443, protocol: 'TCP' },
  { name: 'pg', containerPort: 5432, protocol: 'TCP' },
  { name: 'stats', containerPort: 8125, protocol: 'UDP' },
  { name: 'sig', containerPort: 3868, protocol: 'SCTP' },
];

const portsArb = fc.oneof(
  fc.constant(ConnectionSet.all()),
  fc.constantFrom<Protocol>('TCP', 'UDP', 'SCTP').map((p) => ConnectionSet.protocol(p)),
  fc.array(fc.tuple(fc.constantFrom<Protocol>('TCP', 'UDP', 'SCTP'), fc.integer({ min: 1, max: 65000 }), fc.integer({ min: 0, max: 20 })), { minLength: 1, maxLength: 3 }).map((list) =>
    list.reduce((acc, [p, from, width]) => acc.union(ConnectionSet.ports(p, from, from + width)), ConnectionSet.none()),
  ),
);

const topologyArb = fc
  .record({
    workloads: fc.array(
      fc.record({ ns: fc.constantFrom('alpha', 'beta', 'gamma'), tier: fc.constantFrom('web', 'data', undefined), ports: fc.subarray([...PORTS]), exposed: fc.boolean() }),
      { minLength: 1, maxLength: 6 },
    ),
    withDns: fc.boolean(),
    withOldPolicy: fc.boolean(),
  })
  .chain((t) =>
    fc.record({
      topology: fc.constant(t),
      flows: fc.array(
        fc.record({
          from: fc.integer({ min: 0, max: t.workloads.length - 1 }),
          to: fc.integer({ min: 0, max: t.workloads.length - 1 }),
          bySelector: fc.boolean(),
          ports: portsArb,
        }),
        { maxLength: 8 },
      ),
    }),
  );

describe('generate (property)', () => {
  it('generated policies allow exactly the intended flows (workload, selector and {ingress-controller} sources) plus DNS', () => {
    fc.assert(
      fc.property(topologyArb, ({ topology, flows: flowSpecs }) => {
        const docs: Doc[] = topology.workloads.map((w, i) =>
          workload(w.ns, `w${i}`, { labels: w.tier ? { app: `w${i}`, tier: w.tier } : { app: `w${i}` }, ports: w.ports.map((p) => ({ ...p })) }),
        );
        // An exposed workload gets a Service and an Ingress routing to its first container port.
        topology.workloads.forEach((w, i) => {
          const port = w.ports[0];
          if (!w.exposed || !port) return;
          docs.push(service(w.ns, `svc-w${i}`, { app: `w${i}` }, [{ port: 80, targetPort: port.name, protocol: port.protocol }]), ingress(w.ns, `ing-w${i}`, [{ service: `svc-w${i}`, port: 80 }]));
        });
        if (topology.withDns) docs.push(workload('kube-system', 'coredns', { labels: { 'k8s-app': 'kube-dns' } }));
        if (topology.withOldPolicy) docs.push(networkPolicy('alpha', 'old-allow-all', { podSelector: {}, ingress: [{}], egress: [{}] }));
        const { inventory, analyzer, resources } = setup(docs);
        const byName = new Map(analyzer.model.workloads.map((w) => [w.name, w]));
        const flows: Flow[] = flowSpecs.map((f) => {
          const from = byName.get(`w${f.from}`)!;
          const to = byName.get(`w${f.to}`)!;
          const source: Flow['from'] = f.bySelector
            ? { kind: 'selector', namespace: from.namespace, selector: { matchLabels: { app: from.name }, matchExpressions: [] } }
            : { kind: 'workload', workload: from };
          return { from: source, to, ports: f.ports, origin: 'property' };
        });
        const routed = [...analyzer.model.ingressExposure].map(([id, ports]) => ({ to: analyzer.model.workloads.find((w) => w.id === id)!, ports }));
        flows.push(...routed.map(({ to, ports }): Flow => ({ from: { kind: 'ingress-controller' }, to, ports, origin: 'Ingress' })));
        const result = generatePolicies(inventory, analyzer.model, flows);
        expect(result.verification).toEqual({ ok: true, unexpected: [], missing: [] });
        expectValidPolicies(result.policies);

        // Independently of the verifier: the list over the new inventory, lines touching managed workloads.
        const managed = new Set(result.namespaces);
        const expected = new Map<string, ConnectionSet>();
        const add = (src: string, dst: string, conns: ConnectionSet): void => {
          if (src !== dst) expected.set(`${src} => ${dst}`, (expected.get(`${src} => ${dst}`) ?? ConnectionSet.none()).union(conns));
        };
        // Every flow source here is one workload (selector sources select by its unique app label).
        flowSpecs.forEach((f, i) => add(byName.get(`w${f.from}`)!.id, (flows[i] as Flow).to.id, f.ports));
        for (const { to, ports } of routed) add('{ingress-controller}', to.id, ports);
        if (topology.withDns) for (const w of analyzer.model.workloads) if (w.name !== 'coredns') add(w.id, 'kube-system/coredns[Deployment]', DNS_CONNECTIONS);
        const expectedLines = [...expected].map(([pair, conns]) => `${pair} : ${conns}`).sort();
        const touchesManaged = (l: string): boolean => [...managed].some((ns) => l.includes(` ${ns}/`) || l.startsWith(`${ns}/`));
        expect(connlistAfter(resources, result.policies, managed).filter(touchesManaged)).toEqual(expectedLines);
      }),
      { numRuns: 150 },
    );
  });
});
