#!/usr/bin/env node
/**
 * NetworkPolicy analysis benchmark: 5,000 pods in 500 workloads (Deployment → ReplicaSet → Pod,
 * as a live cluster lists them) across 50 namespaces, with 2,000 NetworkPolicies (default denies,
 * DNS allows, selector rules with matchExpressions, named ports, endPort ranges, ipBlocks with
 * except) and a few AdminNetworkPolicies. Prints JSON figures: the full `netpol list` wall time
 * and the peak RSS, then the time of `netpol coverage` on the same model and, with --generate,
 * of generating and verifying a least-privilege set for one flow per workload.
 *
 * Usage: npm run build && node bench/netpol.mjs [--workloads 500] [--pods-per-workload 10] [--policies 2000] [--deny-every 1] [--via-loader] [--generate]
 */
import { performance } from 'node:perf_hooks';
import { buildNetworkModel, ConnectionSet, coverage, formatConnections, generatePolicies, NetworkAnalyzer } from '../dist/analyzers/netpol/index.js';
import { Inventory } from '../dist/model/inventory.js';

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const WORKLOADS = option('workloads', 500);
const PODS_PER_WORKLOAD = option('pods-per-workload', 10);
const POLICIES = option('policies', 2000);
const NAMESPACES = Math.max(1, Math.round(WORKLOADS / 10));
/** Every Nth namespace gets a default deny; the others stay open (more connections to list). */
const DENY_EVERY = option('deny-every', 1);

/** A small deterministic PRNG (mulberry32), so every run measures the same inventory. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = random(42);
const pick = (list) => list[Math.floor(rnd() * list.length)];

const source = { file: 'bench.yaml', documentIndex: 0, line: 1, pointerPrefix: '' };
function resource(apiVersion, kind, name, namespace, body, labels = {}) {
  return { apiVersion, kind, name, namespace, labels, annotations: {}, body: { apiVersion, kind, ...body }, source };
}

const TIERS = ['web', 'api', 'data', 'cache', 'batch'];
const PORTS = [
  { name: 'http', containerPort: 8080 },
  { name: 'grpc', containerPort: 9090 },
  { name: 'metrics', containerPort: 9100 },
  { name: 'pg', containerPort: 5432 },
  { name: 'statsd', containerPort: 8125, protocol: 'UDP' },
];

function buildInventory() {
  const resources = [];
  for (let n = 0; n < NAMESPACES; n++) {
    resources.push(resource('v1', 'Namespace', `ns${n}`, undefined, { metadata: { name: `ns${n}`, labels: { team: `t${n % 7}`, env: n % 2 ? 'prod' : 'dev' } } }, { team: `t${n % 7}`, env: n % 2 ? 'prod' : 'dev' }));
  }
  resources.push(resource('apps/v1', 'Deployment', 'coredns', 'kube-system', { metadata: { name: 'coredns', namespace: 'kube-system' }, spec: { template: { metadata: { labels: { 'k8s-app': 'kube-dns' } }, spec: { containers: [{ name: 'coredns', ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }, { name: 'dns-tcp', containerPort: 53 }] }] } } } }));
  for (let w = 0; w < WORKLOADS; w++) {
    const ns = `ns${w % NAMESPACES}`;
    const name = `app${w}`;
    const labels = { app: name, tier: TIERS[w % TIERS.length], version: `v${w % 3}` };
    const ports = PORTS.filter(() => rnd() < 0.5);
    const template = { metadata: { labels }, spec: { containers: [{ name: 'main', image: 'registry.example/app:1', ports }] } };
    resources.push(resource('apps/v1', 'Deployment', name, ns, { metadata: { name, namespace: ns }, spec: { selector: { matchLabels: { app: name } }, template } }));
    const rs = `${name}-7d9f8`;
    const rsLabels = { ...labels, 'pod-template-hash': '7d9f8' };
    resources.push(resource('apps/v1', 'ReplicaSet', rs, ns, { metadata: { name: rs, namespace: ns, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name, controller: true, uid: `d${w}` }] }, spec: { template: { ...template, metadata: { labels: rsLabels } } } }));
    for (let p = 0; p < PODS_PER_WORKLOAD; p++) {
      const pod = `${rs}-${p.toString(36).padStart(5, 'x')}`;
      resources.push(
        resource('v1', 'Pod', pod, ns, { metadata: { name: pod, namespace: ns, labels: rsLabels, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs, controller: true, uid: `r${w}` }] }, spec: template.spec }, rsLabels),
      );
    }
  }
  const policy = (ns, name, spec) => resource('networking.k8s.io/v1', 'NetworkPolicy', name, ns, { metadata: { name, namespace: ns }, spec });
  let count = 0;
  for (let n = 0; n < NAMESPACES && count < POLICIES; n++, count++) {
    const spec = n % DENY_EVERY !== 0 ? { podSelector: { matchLabels: { app: 'none' } } } : n % 3 === 0 ? { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } : { podSelector: {} };
    resources.push(policy(`ns${n}`, 'default-deny', spec));
  }
  for (let n = 0; n < NAMESPACES && count < POLICIES; n++, count++) {
    resources.push(
      policy(`ns${n}`, 'allow-dns', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] }],
      }),
    );
  }
  for (let i = 0; count < POLICIES; i++, count++) {
    const ns = `ns${i % NAMESPACES}`;
    const target = `app${(i * 7) % WORKLOADS}`;
    const kind = i % 5;
    const peer =
      kind === 0
        ? { podSelector: { matchLabels: { tier: pick(TIERS) } } }
        : kind === 1
          ? { namespaceSelector: { matchLabels: { team: `t${i % 7}` } }, podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: [pick(TIERS), pick(TIERS)] }] } }
          : kind === 2
            ? { namespaceSelector: { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['dev'] }] } }
            : kind === 3
              ? { ipBlock: { cidr: `10.${i % 256}.0.0/16`, except: [`10.${i % 256}.${i % 200}.0/24`] } }
              : { podSelector: { matchExpressions: [{ key: 'version', operator: 'Exists' }, { key: 'legacy', operator: 'DoesNotExist' }] } };
    const ports = [[{ port: 'http' }], [{ port: 8000, endPort: 8100 }], [{ port: 'grpc' }, { protocol: 'UDP', port: 'statsd' }], [{ port: 5432 }], []][i % 5];
    const rule = { [i % 4 === 3 ? 'to' : 'from']: [peer], ...(ports.length > 0 ? { ports } : {}) };
    const spec =
      i % 4 === 3
        ? { podSelector: { matchLabels: { app: target } }, policyTypes: ['Egress'], egress: [rule] }
        : { podSelector: i % 10 === 0 ? { matchLabels: { tier: pick(TIERS) } } : { matchLabels: { app: target } }, ingress: [rule] };
    resources.push(policy(ns, `p${i}`, spec));
  }
  resources.push(
    resource('policy.networking.k8s.io/v1alpha1', 'AdminNetworkPolicy', 'protect-data', undefined, {
      metadata: { name: 'protect-data' },
      spec: { priority: 10, subject: { pods: { namespaceSelector: {}, podSelector: { matchLabels: { tier: 'data' } } } }, ingress: [{ name: 'no-batch', action: 'Deny', from: [{ pods: { namespaceSelector: {}, podSelector: { matchLabels: { tier: 'batch' } } } }] }] },
    }),
  );
  return resources;
}

/** With --via-loader: write the inventory as a YAML file and load it as `rampart netpol list -f FILE` does. */
async function viaLoader(built) {
  const { stringify } = await import('yaml');
  const { loadInputs } = await import('../dist/load/index.js');
  const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = await mkdtemp(join(tmpdir(), 'rampart-netpol-bench-'));
  const file = join(dir, 'inventory.yaml');
  await writeFile(file, built.map((r) => stringify(r.body)).join('---\n'));
  const start = performance.now();
  const loaded = await loadInputs([file]);
  const loadMs = performance.now() - start;
  await rm(dir, { recursive: true, force: true });
  return { resources: loaded.resources, loadMs };
}

const t0 = performance.now();
let resources = buildInventory();
let loadMs;
if (process.argv.includes('--via-loader')) ({ resources, loadMs } = await viaLoader(resources));
const t1 = performance.now();
const analyzer = new NetworkAnalyzer(buildNetworkModel(new Inventory(resources)));
const t2 = performance.now();
const list = analyzer.list();
const text = formatConnections(list, 'connlist');
const t3 = performance.now();
const report = coverage(analyzer.model);
const t4 = performance.now();
let generation;
if (process.argv.includes('--generate')) {
  // One flow per workload to the next one (in any namespace) on TCP 8080, then generate and verify.
  const workloads = analyzer.model.workloads.filter((w) => w.name.startsWith('app'));
  // The AdminNetworkPolicy denies batch → data whatever NetworkPolicy says, so such flows are left out.
  const flows = workloads
    .map((w, i) => ({ from: { kind: 'workload', workload: w }, to: workloads[(i + 1) % workloads.length], ports: ConnectionSet.ports('TCP', 8080), origin: 'bench' }))
    .filter((f) => !(f.from.workload.podLabels.tier === 'batch' && f.to.podLabels.tier === 'data'));
  const start = performance.now();
  const result = generatePolicies(new Inventory(resources), analyzer.model, flows);
  generation = { flows: flows.length, policies: result.policies.length, verified: result.verification.ok, generateAndVerifyMs: Math.round(performance.now() - start) };
}

const pods = resources.filter((r) => r.kind === 'Pod').length;
const policies = resources.filter((r) => r.kind === 'NetworkPolicy').length;
console.log(
  JSON.stringify(
    {
      benchmark: 'netpol list',
      pods,
      workloads: analyzer.model.workloads.length,
      networkPolicies: policies,
      externalRanges: analyzer.externalRanges.length,
      connections: list.length,
      outputBytes: Buffer.byteLength(text),
      generateInventoryMs: Math.round(t1 - t0 - (loadMs ?? 0)),
      ...(loadMs !== undefined ? { loadYamlMs: Math.round(loadMs) } : {}),
      modelMs: Math.round(t2 - t1),
      listMs: Math.round(t3 - t2),
      totalAnalysisMs: Math.round(t3 - t1),
      coverageMs: Math.round(t4 - t3),
      coverageWorkloads: report.workloads.length,
      ...(loadMs !== undefined ? { endToEndMs: Math.round(t3 - t1 + loadMs) } : {}),
      ...(generation ? { generation } : {}),
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      node: process.version,
    },
    null,
    2,
  ),
);
