/**
 * Deterministic generator of realistic synthetic manifests for the benchmark: a mix of workload
 * kinds (some hardened, some not), Services, NetworkPolicies, RBAC objects and ConfigMaps,
 * written as multi-document files of ~50 resources each, spread over namespaces.
 *
 * Usage: node bench/corpus.mjs <resources> <dir>
 */
import { mkdirSync, writeFileSync, rmSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const CORPUS_VERSION = 2;
const PER_FILE = 50;

/** Small seeded PRNG (mulberry32), so every run generates the same bytes. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORKLOAD_KINDS = [
  ['Deployment', 'apps/v1', 0.55],
  ['StatefulSet', 'apps/v1', 0.12],
  ['DaemonSet', 'apps/v1', 0.06],
  ['Job', 'batch/v1', 0.1],
  ['CronJob', 'batch/v1', 0.1],
  ['Pod', 'v1', 0.07],
];

function pick(rand, weighted) {
  let r = rand();
  for (const entry of weighted) {
    r -= entry[entry.length - 1];
    if (r <= 0) return entry;
  }
  return weighted[weighted.length - 1];
}

function indent(text, spaces) {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((l) => (l ? pad + l : l))
    .join('\n');
}

function container(rand, name, hardened) {
  const lines = [`- name: ${name}`, `  image: registry.example.com/team/${name}:${1 + Math.floor(rand() * 9)}.${Math.floor(rand() * 20)}.${Math.floor(rand() * 10)}`];
  lines.push('  ports:', `    - name: http`, `      containerPort: ${8000 + Math.floor(rand() * 100)}`, '      protocol: TCP');
  lines.push('  env:', `    - name: LOG_LEVEL`, `      value: info`, `    - name: UPSTREAM_URL`, `      value: "http://svc-${Math.floor(rand() * 500)}:8080"`);
  if (rand() < 0.3) lines.push('    - name: DB_PASSWORD', '      valueFrom:', '        secretKeyRef: {name: db, key: password}');
  lines.push('  resources:', '    requests: {cpu: 100m, memory: 128Mi}', '    limits: {cpu: 500m, memory: 256Mi}');
  lines.push('  readinessProbe:', '    httpGet: {path: /healthz, port: http}', '  livenessProbe:', '    httpGet: {path: /healthz, port: http}');
  if (hardened) {
    lines.push('  securityContext:', '    allowPrivilegeEscalation: false', '    readOnlyRootFilesystem: true', '    runAsNonRoot: true', '    capabilities:', '      drop: [ALL]');
  } else if (rand() < 0.5) {
    lines.push('  securityContext:');
    if (rand() < 0.2) lines.push('    privileged: true');
    if (rand() < 0.5) lines.push('    runAsUser: 0');
    lines.push('    capabilities:', `      add: [${rand() < 0.5 ? 'NET_ADMIN' : 'SYS_TIME'}]`);
  }
  lines.push('  volumeMounts:', '    - name: tmp', '      mountPath: /tmp');
  return lines.join('\n');
}

function podSpec(rand, name) {
  const hardened = rand() < 0.5;
  const lines = [];
  if (hardened) lines.push('securityContext:', '  runAsNonRoot: true', '  runAsUser: 10001', '  seccompProfile:', '    type: RuntimeDefault');
  else if (rand() < 0.1) lines.push('hostNetwork: true');
  lines.push(`serviceAccountName: ${name}`, 'containers:', container(rand, name, hardened));
  if (rand() < 0.3) lines.push(container(rand, `${name}-sidecar`, hardened));
  if (rand() < 0.2) lines.push('initContainers:', container(rand, `${name}-init`, hardened));
  lines.push('volumes:', '  - name: tmp', '    emptyDir: {}');
  if (!hardened && rand() < 0.15) lines.push('  - name: host', '    hostPath:', '      path: /var/log');
  return lines.join('\n');
}

function workload(rand, kind, apiVersion, name, ns) {
  const meta = `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n  labels:\n    app: ${name}\n    team: t${Math.floor(rand() * 20)}\n`;
  const template = `metadata:\n  labels:\n    app: ${name}\nspec:\n${indent(podSpec(rand, name), 2)}`;
  switch (kind) {
    case 'Pod':
      return `${meta}spec:\n${indent(podSpec(rand, name), 2)}\n`;
    case 'CronJob':
      return `${meta}spec:\n  schedule: "*/15 * * * *"\n  jobTemplate:\n    spec:\n      template:\n${indent(template, 8)}\n`;
    case 'Job':
      return `${meta}spec:\n  template:\n${indent(template, 4)}\n`;
    default:
      return `${meta}spec:\n  replicas: ${1 + Math.floor(rand() * 4)}\n  selector:\n    matchLabels:\n      app: ${name}\n  template:\n${indent(template, 4)}\n`;
  }
}

function service(rand, name, ns) {
  return `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  type: ${rand() < 0.1 ? 'NodePort' : 'ClusterIP'}\n  selector:\n    app: ${name}\n  ports:\n    - name: http\n      port: 8080\n      targetPort: http\n`;
}

function networkPolicy(rand, name, ns) {
  return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}-ingress\n  namespace: ${ns}\nspec:\n  podSelector:\n    matchLabels:\n      app: ${name}\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - podSelector:\n            matchExpressions:\n              - {key: team, operator: In, values: [t${Math.floor(rand() * 20)}]}\n      ports:\n        - protocol: TCP\n          port: 8080\n`;
}

function rbac(rand, name, ns) {
  const verbs = rand() < 0.1 ? '["*"]' : '[get, list, watch]';
  return [
    `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n`,
    `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nrules:\n  - apiGroups: [""]\n    resources: [configmaps, ${rand() < 0.2 ? 'secrets' : 'services'}]\n    verbs: ${verbs}\n`,
    `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: ${name}\nsubjects:\n  - kind: ServiceAccount\n    name: ${name}\n    namespace: ${ns}\n`,
  ];
}

function configMap(rand, name, ns) {
  const lines = [];
  for (let i = 0; i < 6; i++) lines.push(`  key${i}: "value-${Math.floor(rand() * 1e6)}"`);
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}-config\n  namespace: ${ns}\ndata:\n${lines.join('\n')}\n  app.properties: |\n    server.port=8080\n    feature.flags=a,b,c\n`;
}

/** Generates exactly `count` resources as YAML documents. */
export function* generateDocuments(count, seed = 42) {
  const rand = prng(seed);
  let produced = 0;
  let app = 0;
  while (produced < count) {
    const ns = `team-${app % 40}`;
    const name = `app-${app++}`;
    const [kind, apiVersion] = pick(rand, WORKLOAD_KINDS);
    const group = [workload(rand, kind, apiVersion, name, ns), service(rand, name, ns), configMap(rand, name, ns)];
    if (rand() < 0.6) group.push(networkPolicy(rand, name, ns));
    if (rand() < 0.5) group.push(...rbac(rand, name, ns));
    for (const doc of group) {
      if (produced >= count) return;
      produced++;
      yield doc;
    }
  }
}

/** Writes the corpus to `dir` (reusing it when already generated with the same version and size). */
export function writeCorpus(count, dir) {
  const stamp = `${dir}.corpus.json`;
  if (existsSync(stamp)) {
    const info = JSON.parse(readFileSync(stamp, 'utf8'));
    if (info.version === CORPUS_VERSION && info.count === count) return info;
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let batch = [];
  let file = 0;
  let bytes = 0;
  const flush = () => {
    if (batch.length === 0) return;
    const text = batch.join('---\n');
    bytes += Buffer.byteLength(text);
    const sub = join(dir, `part-${String(Math.floor(file / 100)).padStart(3, '0')}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `manifests-${String(file++).padStart(5, '0')}.yaml`), text);
    batch = [];
  };
  for (const doc of generateDocuments(count)) {
    batch.push(doc);
    if (batch.length === PER_FILE) flush();
  }
  flush();
  const info = { version: CORPUS_VERSION, count, files: file, bytes };
  writeFileSync(stamp, JSON.stringify(info));
  return info;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [count, dir] = process.argv.slice(2);
  if (!count || !dir) {
    console.error('usage: node bench/corpus.mjs <resources> <dir>');
    process.exit(2);
  }
  console.log(JSON.stringify(writeCorpus(Number(count), dir)));
}
