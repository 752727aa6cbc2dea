import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { CHECKS } from '../../src/checks/index.js';
import { addScannerRoleCommand, registerDeploy } from '../../src/cli/commands/deploy.js';
import type { CliIO, CommandContext } from '../../src/cli/io.js';
import { createProgram } from '../../src/cli/program.js';
import { assembleScan } from '../../src/engine/scan.js';
import type { ScanResult } from '../../src/engine/types.js';
import { UsageError } from '../../src/errors.js';
import { DEFAULT_IMAGE, deployManifests, scannerArgs } from '../../src/live/deploy.js';
import { loadText } from '../../src/load/index.js';
import type { JsonObject } from '../../src/model/types.js';
import { kubernetesSchema, schemaErrors } from './schemas.js';
import { stringify } from 'yaml';

const PINNED = `ghcr.io/rampart-dev/rampart@sha256:${'4e'.repeat(32)}`;

/**
 * Whole-cluster posture checks that fire on any bundle smaller than a cluster: they report
 * what the cluster lacks (a policy engine), not something these manifests do wrong. The
 * deploy manifests cannot, and should not, install a policy engine.
 */
const CLUSTER_POSTURE_CHECKS = new Set(['admission.no-policy-engine']);

function scan(objects: ReadonlyArray<Record<string, unknown>>): ScanResult {
  const text = objects.map((o) => stringify(o)).join('---\n');
  return assembleScan(loadText(text, 'deploy.yaml'), CHECKS, { settings: { pssLevel: 'restricted', pssVersion: '1.30' } });
}

function describeFindings(result: ScanResult): string[] {
  return result.findings.map((f) => `${f.checkId} ${f.resource.kind}/${f.resource.name} ${f.path}: ${f.message}`);
}

function byKind(objects: ReadonlyArray<Record<string, unknown>>, kind: string, name?: string): JsonObject {
  const found = objects.find((o) => o['kind'] === kind && (name === undefined || (o['metadata'] as JsonObject)['name'] === name));
  if (!found) throw new Error(`no ${kind} ${name ?? ''}`);
  return found as JsonObject;
}

describe('deploy manifests', () => {
  it("pass Rampart's own scan at restricted", () => {
    const result = scan(deployManifests({ image: PINNED, apiServerCidrs: ['172.18.0.2/32'] }));
    expect(result.errors).toEqual([]);
    expect(describeFindings(result).filter((f) => !CLUSTER_POSTURE_CHECKS.has(f.split(' ')[0] as string))).toEqual([]);
  });

  it('pass it with default options too, except that an unpinned image is reported', () => {
    const result = scan(deployManifests());
    const own = result.findings.filter((f) => !CLUSTER_POSTURE_CHECKS.has(f.checkId));
    expect(own.map((f) => f.checkId)).toEqual(['image.not-pinned-by-digest']);
  });

  it('granting Secret metadata is reported as the Secret read it is', () => {
    const result = scan(deployManifests({ image: PINNED, secretMetadata: true }));
    const own = result.findings.filter((f) => !CLUSTER_POSTURE_CHECKS.has(f.checkId));
    // Every RBAC analysis that sees the grant reports it (the rule, the risk, the path); nothing else fires.
    expect(own.map((f) => f.checkId)).toContain('rbac.secrets-read');
    for (const f of own) expect(`${f.checkId} ${f.resource.kind}/${f.resource.name}`).toMatch(/^rbac\.\S*secrets\S* (ClusterRole|ClusterRoleBinding|ServiceAccount)\/rampart-scanner$/);
    expect(scannerArgs({ secretMetadata: true })).not.toContain('--no-secrets');
  });

  it('are valid Kubernetes 1.30 objects', () => {
    for (const object of deployManifests({ image: PINNED, apiServerCidrs: ['10.0.0.1/32'], secretMetadata: true, extraTypes: [{ group: 'ml.example.com', resource: 'trainingjobs' }] })) {
      const schema = kubernetesSchema(String(object['apiVersion']), String(object['kind']));
      expect(schemaErrors(schema, object), `${String(object['kind'])} against ${schema}`).toEqual([]);
    }
  });

  it('harden the scanner pod', () => {
    const objects = deployManifests({ image: PINNED });
    const cron = byKind(objects, 'CronJob') as { spec: { concurrencyPolicy: string; jobTemplate: { spec: { template: { spec: Record<string, unknown> } } } } };
    expect(cron.spec.concurrencyPolicy).toBe('Forbid');
    const pod = cron.spec.jobTemplate.spec.template.spec as { automountServiceAccountToken: boolean; securityContext: Record<string, unknown>; containers: Array<Record<string, unknown>> };
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    const container = pod.containers[0] as { args: string[]; securityContext: Record<string, unknown>; resources: Record<string, Record<string, string>> };
    expect(container.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } });
    expect(Object.keys(container.resources['requests'] ?? {})).toEqual(expect.arrayContaining(['cpu', 'memory']));
    expect(Object.keys(container.resources['limits'] ?? {})).toEqual(expect.arrayContaining(['cpu', 'memory']));
    expect(container.args).toEqual(['scan', '--cluster', '--format', 'policyreport', '--apply', '--fail-on', 'none', '--no-progress', '--no-secrets']);
    // The in-cluster identity cannot read Secrets at all by default.
    const role = byKind(objects, 'ClusterRole', 'rampart-scanner') as { rules: Array<{ resources: string[] }> };
    expect(role.rules.flatMap((r) => r.resources)).not.toContain('secrets');
    const writer = byKind(objects, 'ClusterRole', 'rampart-report-writer');
    expect(writer['rules']).toEqual([{ apiGroups: ['wgpolicyk8s.io'], resources: ['clusterpolicyreports', 'policyreports'], verbs: ['create', 'get', 'patch'] }]);
  });

  it('allow the scanner API server and DNS egress only, and no ingress', () => {
    const objects = deployManifests({ apiServerCidrs: ['172.18.0.2/32'] });
    expect(byKind(objects, 'NetworkPolicy', 'default-deny')['spec']).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    const egress = byKind(objects, 'NetworkPolicy', 'rampart-scanner-egress')['spec'] as { ingress: unknown[]; egress: Array<{ to: unknown[]; ports: unknown[] }> };
    expect(egress.ingress).toEqual([]);
    expect(egress.egress).toEqual([
      { to: [{ ipBlock: { cidr: '172.18.0.2/32' } }], ports: [{ protocol: 'TCP', port: 443 }, { protocol: 'TCP', port: 6443 }] },
      {
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
        ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
      },
    ]);
  });
});

interface Captured {
  io: CliIO;
  stdout: () => string;
  stderr: () => string;
}

function captureIO(): Captured {
  let out = '';
  let err = '';
  const io: CliIO = {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    stdin: process.stdin,
    cwd: process.cwd(),
    env: {},
  };
  return { io, stdout: () => out, stderr: () => err };
}

async function runCli(argv: string[]): Promise<{ stdout: string; stderr: string; error?: unknown }> {
  const captured = captureIO();
  const context: CommandContext = { io: captured.io, setExitCode: () => undefined };
  const program = createProgram(captured.io, context, [registerDeploy, (p, c) => void addScannerRoleCommand(p.command('rbac'), c)]);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return { stdout: captured.stdout(), stderr: captured.stderr() };
  } catch (error) {
    return { stdout: captured.stdout(), stderr: captured.stderr(), error };
  }
}

describe('rampart deploy manifests (CLI)', () => {
  it('prints the manifests as a YAML stream with the given namespace, schedule and image', async () => {
    const { stdout, stderr, error } = await runCli(['deploy', 'manifests', '--namespace', 'security', '--schedule', '0 3 * * *', '--image', PINNED]);
    expect(error).toBeUndefined();
    const docs = parseAllDocuments(stdout).map((d) => d.toJS() as JsonObject);
    expect(docs.map((d) => d['kind'])).toEqual([
      'Namespace',
      'LimitRange',
      'ResourceQuota',
      'ServiceAccount',
      'ClusterRole',
      'ClusterRoleBinding',
      'ClusterRole',
      'ClusterRoleBinding',
      'CronJob',
      'NetworkPolicy',
      'NetworkPolicy',
    ]);
    expect(JSON.stringify(docs)).toContain('"schedule":"0 3 * * *"');
    expect(docs.filter((d) => (d['metadata'] as JsonObject)['namespace'] !== undefined).every((d) => (d['metadata'] as JsonObject)['namespace'] === 'security')).toBe(true);
    expect(stderr).not.toMatch(/not pinned by digest/);
    expect(stderr).toMatch(/--api-server-cidr/);
  });

  it('notes an image not pinned by digest', async () => {
    const { stderr } = await runCli(['deploy', 'manifests']);
    expect(stderr).toContain(`the image ${DEFAULT_IMAGE} is not pinned by digest`);
  });

  it.each([
    [['--schedule', 'every hour'], /--schedule must be a cron expression/],
    [['--namespace', 'Bad_NS'], /--namespace must be a DNS label/],
    [['--api-server-cidr', '10.0.0.1'], /--api-server-cidr must be a CIDR/],
    [['--resource', '*/pods'], /--resource must be GROUP\/RESOURCE/],
  ])('rejects %j', async (args, message) => {
    const { error } = await runCli(['deploy', 'manifests', ...args]);
    expect(error).toBeInstanceOf(UsageError);
    expect(String(error)).toMatch(message);
  });
});

describe('rampart rbac scanner-role (CLI)', () => {
  it('prints the scanner ClusterRole, with extra resources and an optional ServiceAccount and binding', async () => {
    const { stdout, error } = await runCli(['rbac', 'scanner-role', '--resource', 'ml.example.com/trainingjobs', '--service-account', 'security']);
    expect(error).toBeUndefined();
    const docs = parseAllDocuments(stdout).map((d) => d.toJS() as JsonObject);
    expect(docs.map((d) => d['kind'])).toEqual(['ClusterRole', 'ServiceAccount', 'ClusterRoleBinding']);
    expect(docs[0]?.['rules']).toContainEqual({ apiGroups: ['ml.example.com'], resources: ['trainingjobs'], verbs: ['get', 'list'] });
    expect(docs[0]?.['rules']).toContainEqual({ apiGroups: [''], resources: ['secrets'], verbs: ['list'] });
  });

  it('leaves Secrets out with --no-secrets, and prints JSON', async () => {
    const { stdout } = await runCli(['rbac', 'scanner-role', '--no-secrets', '--format', 'json']);
    const role = JSON.parse(stdout) as { kind: string; rules: Array<{ resources: string[] }> };
    expect(role.kind).toBe('ClusterRole');
    expect(role.rules.flatMap((r) => r.resources)).not.toContain('secrets');
  });
});
