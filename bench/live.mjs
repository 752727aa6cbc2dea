#!/usr/bin/env node
/**
 * Live-scan benchmark: a simulated cluster of 10,000 Pods and 2,000 other objects on the fake
 * API server (in a child process, so the figures are Rampart's alone), listed through the real
 * client path (kubeconfig with CA, client certificate and token; paginated, concurrent) and
 * scanned with every check at restricted. Prints JSON: wall times and peak RSS.
 *
 * Targets (issue 7): under 30 s and under 1 GB. Run `npm run build` first; this imports ../dist.
 *
 *   node bench/live.mjs [--pods 10000] [--others 2000] [--page-size 500] [--concurrency 8]
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    serve: { type: 'boolean', default: false },
    pods: { type: 'string', default: '10000' },
    others: { type: 'string', default: '2000' },
    'page-size': { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '8' },
  },
});

const NAMESPACES = 50;

/** Pods shaped like a real cluster's: owners, probes, volumes, env, status; a mix of good and bad settings. */
function pod(i) {
  const ns = `team-${i % NAMESPACES}`;
  const app = `app-${Math.floor(i / 20)}`;
  const hardened = i % 3 !== 0;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${app}-7d9f8c6b5-${i.toString(36).padStart(5, '0')}`,
      namespace: ns,
      uid: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
      resourceVersion: String(100000 + i),
      creationTimestamp: '2026-11-01T10:00:00Z',
      labels: { app, 'pod-template-hash': '7d9f8c6b5', tier: i % 2 ? 'web' : 'worker' },
      annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9090' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${app}-7d9f8c6b5`, uid: `rs-${Math.floor(i / 20)}`, controller: true, blockOwnerDeletion: true }],
      managedFields: [{ manager: 'kube-controller-manager', operation: 'Update', apiVersion: 'v1', time: '2026-11-01T10:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': { 'f:labels': {} }, 'f:spec': { 'f:containers': {} } } }],
    },
    spec: {
      serviceAccountName: i % 5 === 0 ? 'default' : app,
      nodeName: `node-${i % 100}`,
      ...(hardened ? { securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } } } : {}),
      ...(i % 97 === 0 ? { hostNetwork: true } : {}),
      containers: [
        {
          name: 'main',
          image: i % 7 === 0 ? `registry.example.com/${app}:latest` : `registry.example.com/${app}@sha256:${'ab'.repeat(32)}`,
          ports: [{ containerPort: 8080, protocol: 'TCP' }],
          env: [
            { name: 'LOG_LEVEL', value: 'info' },
            { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: `${app}-db`, key: 'password' } } },
          ],
          resources: hardened ? { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } } : {},
          securityContext: hardened
            ? { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } }
            : i % 11 === 0
              ? { privileged: true }
              : {},
          readinessProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 10 },
          volumeMounts: [{ name: 'kube-api-access', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }],
        },
        ...(i % 4 === 0 ? [{ name: 'sidecar', image: 'registry.example.com/proxy:1.2', resources: { requests: { cpu: '10m', memory: '32Mi' } } }] : []),
      ],
      volumes: [{ name: 'kube-api-access', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3607 } }] } }],
    },
    status: { phase: 'Running', podIP: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, hostIP: `192.168.0.${i % 100}`, startTime: '2026-11-01T10:00:05Z', containerStatuses: [{ name: 'main', ready: true, restartCount: 0, image: 'registry.example.com/app', imageID: `registry.example.com/app@sha256:${'cd'.repeat(32)}` }] },
  };
}

/** 2,000 other objects: Namespaces, Deployments, ReplicaSets, Services, ConfigMaps, ServiceAccounts, Secrets, NetworkPolicies, RBAC. */
function others(count) {
  const out = [];
  const add = (o) => out.length < count && out.push(o);
  for (let n = 0; n < NAMESPACES; n++) add({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: `team-${n}`, labels: { 'pod-security.kubernetes.io/enforce': n % 2 ? 'restricted' : 'baseline' } } });
  for (let i = 0; out.length < count; i++) {
    const ns = `team-${i % NAMESPACES}`;
    const app = `app-${i}`;
    const template = pod(i * 20).spec;
    add({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: app, namespace: ns, uid: `d-${i}`, labels: { app } }, spec: { replicas: 2, selector: { matchLabels: { app } }, template: { metadata: { labels: { app } }, spec: template } } });
    add({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: `${app}-7d9f8c6b5`, namespace: ns, uid: `rs-${i}`, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: app, uid: `d-${i}`, controller: true }] }, spec: { replicas: 2, selector: { matchLabels: { app } }, template: { metadata: { labels: { app } }, spec: template } } });
    add({ apiVersion: 'v1', kind: 'Service', metadata: { name: app, namespace: ns }, spec: { type: i % 25 === 0 ? 'LoadBalancer' : 'ClusterIP', selector: { app }, ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] } });
    add({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${app}-config`, namespace: ns }, data: { 'app.properties': 'feature.x=true\nlog.level=info\n'.repeat(10) } });
    add({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: app, namespace: ns } });
    add({ apiVersion: 'v1', kind: 'Secret', metadata: { name: `${app}-db`, namespace: ns }, type: 'Opaque', data: { password: Buffer.from(`benchmark-secret-${i}`).toString('base64') } });
    if (i % 5 === 0) add({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: `${app}-ingress`, namespace: ns }, spec: { podSelector: { matchLabels: { app } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: {} }] }] } });
    if (i % 10 === 0) add({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: `${app}-reader`, namespace: ns }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list'] }] });
    if (i % 10 === 0) add({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: `${app}-reader`, namespace: ns }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: `${app}-reader` }, subjects: [{ kind: 'ServiceAccount', name: app, namespace: ns }] });
  }
  return out;
}

const TYPES = [
  ['', 'v1', 'pods', 'Pod', true],
  ['', 'v1', 'namespaces', 'Namespace', false],
  ['', 'v1', 'services', 'Service', true],
  ['', 'v1', 'configmaps', 'ConfigMap', true],
  ['', 'v1', 'serviceaccounts', 'ServiceAccount', true],
  ['', 'v1', 'secrets', 'Secret', true],
  ['', 'v1', 'events', 'Event', true],
  ['apps', 'v1', 'deployments', 'Deployment', true],
  ['apps', 'v1', 'replicasets', 'ReplicaSet', true],
  ['apps', 'v1', 'daemonsets', 'DaemonSet', true],
  ['apps', 'v1', 'statefulsets', 'StatefulSet', true],
  ['batch', 'v1', 'jobs', 'Job', true],
  ['batch', 'v1', 'cronjobs', 'CronJob', true],
  ['networking.k8s.io', 'v1', 'networkpolicies', 'NetworkPolicy', true],
  ['networking.k8s.io', 'v1', 'ingresses', 'Ingress', true],
  ['rbac.authorization.k8s.io', 'v1', 'roles', 'Role', true],
  ['rbac.authorization.k8s.io', 'v1', 'rolebindings', 'RoleBinding', true],
  ['rbac.authorization.k8s.io', 'v1', 'clusterroles', 'ClusterRole', false],
  ['rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', 'ClusterRoleBinding', false],
  ['apiextensions.k8s.io', 'v1', 'customresourcedefinitions', 'CustomResourceDefinition', false],
].map(([group, version, resource, kind, namespaced]) => ({ group, version, resource, kind, namespaced, verbs: ['get', 'list', 'watch'] }));

async function certificates() {
  const { generate } = await import('selfsigned');
  const ca = await generate([{ name: 'commonName', value: 'bench-ca' }], { keyType: 'ec', algorithm: 'sha256', extensions: [{ name: 'basicConstraints', cA: true, critical: true }, { name: 'keyUsage', keyCertSign: true, digitalSignature: true, critical: true }] });
  const server = await generate([{ name: 'commonName', value: 'kube-apiserver' }], { keyType: 'ec', algorithm: 'sha256', ca: { key: ca.private, cert: ca.cert }, extensions: [{ name: 'extKeyUsage', serverAuth: true }, { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }] });
  const client = await generate([{ name: 'commonName', value: 'rampart' }], { keyType: 'ec', algorithm: 'sha256', ca: { key: ca.private, cert: ca.cert }, extensions: [{ name: 'extKeyUsage', clientAuth: true }] });
  return { ca: ca.cert, serverCert: server.cert, serverKey: server.private, clientCert: client.cert, clientKey: client.private };
}

/** Child process: serve the simulated cluster and report the URL. */
async function serve() {
  const { FakeApiServer, discoveryDocuments } = await import('../dist/live/testing/fake-api-server.js');
  const certs = JSON.parse(process.env.RAMPART_BENCH_CERTS);
  const objects = [...Array.from({ length: Number(args.pods) }, (_, i) => pod(i)), ...others(Number(args.others))];
  const server = await FakeApiServer.start({ tls: { ca: certs.ca, cert: certs.serverCert, key: certs.serverKey }, token: 'bench-token', discovery: discoveryDocuments(TYPES), objects });
  process.send({ url: server.url, objects: objects.length });
  process.on('message', async () => {
    await server.close();
    process.exit(0);
  });
}

async function main() {
  const certs = await certificates();
  const child = fork(fileURLToPath(import.meta.url), ['--serve', '--pods', args.pods, '--others', args.others], { env: { ...process.env, RAMPART_BENCH_CERTS: JSON.stringify(certs) }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`fake API server exited with ${code}`)));
  });
  const dir = mkdtempSync(join(tmpdir(), 'rampart-bench-live-'));
  const kubeconfig = join(dir, 'kubeconfig');
  const b64 = (s) => Buffer.from(s).toString('base64');
  writeFileSync(
    kubeconfig,
    `apiVersion: v1\nkind: Config\ncurrent-context: bench\nclusters:\n- name: bench\n  cluster:\n    server: ${ready.url}\n    certificate-authority-data: ${b64(certs.ca)}\ncontexts:\n- name: bench\n  context: { cluster: bench, user: bench }\nusers:\n- name: bench\n  user:\n    client-certificate-data: ${b64(certs.clientCert)}\n    client-key-data: ${b64(certs.clientKey)}\n    token: bench-token\n`,
  );
  try {
    const { readCluster } = await import('../dist/live/reader.js');
    const { assembleScan } = await import('../dist/engine/scan.js');
    const { CHECKS } = await import('../dist/checks/index.js');
    const { collapseOwnedFindings } = await import('../dist/live/owners.js');
    const started = performance.now();
    const { loaded, gaps } = await readCluster({ kubeconfig, pageSize: Number(args['page-size']), concurrency: Number(args.concurrency) });
    const listed = performance.now();
    const result = assembleScan(loaded, CHECKS, { settings: { pssLevel: 'restricted', pssVersion: '1.30' } });
    const scanned = performance.now();
    const collapsed = collapseOwnedFindings(result.findings, loaded.resources).length;
    const collapseMs = Math.round(performance.now() - scanned);
    const peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
    const totalMs = Math.round(scanned - started);
    const figures = {
      benchmark: 'live',
      served: ready.objects,
      resources: loaded.resources.length,
      checks: CHECKS.length,
      findings: result.summary.findings,
      findingsAfterCollapsingOwned: collapsed,
      collapseMs,
      gaps: gaps.length,
      listMs: Math.round(listed - started),
      scanMs: Math.round(scanned - listed),
      totalMs,
      peakRssMB,
      pageSize: Number(args['page-size']),
      concurrency: Number(args.concurrency),
      node: process.version,
      targets: { totalMs: 30_000, peakRssMB: 1024 },
      pass: totalMs < 30_000 && peakRssMB < 1024,
    };
    process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
    if (!figures.pass) process.exitCode = 1;
  } finally {
    child.send('stop');
    rmSync(dir, { recursive: true, force: true });
  }
}

if (args.serve) await serve();
else await main();
