import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { registerRbac } from '../../src/cli/commands/rbac.js';
import type { CliIO, CommandContext } from '../../src/cli/io.js';
import { UsageError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'rampart-rbac-'));
const manifests = join(dir, 'rbac.yaml');
writeFileSync(
  manifests,
  `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: pod-reader, namespace: shop}
rules:
  - {apiGroups: [""], resources: [pods, pods/log], verbs: [get, list]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: read-pods, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pod-reader}
subjects:
  - {kind: User, name: alice}
  - {kind: ServiceAccount, name: cart}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: broken, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: does-not-exist}
subjects: [{kind: User, name: bob}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: empty, namespace: shop}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: deployer}
rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: deployer}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: deployer}
subjects: [{kind: ServiceAccount, name: deployer, namespace: shop}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: pod-makers, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects: [{kind: Group, name: devs}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: cart, namespace: shop}
spec:
  template:
    spec:
      serviceAccountName: deployer
      containers: [{name: app, image: cart:1}]
`,
);
const audit = join(dir, 'audit.jsonl');
const ev = (o: object) => JSON.stringify({ kind: 'Event', apiVersion: 'audit.k8s.io/v1', stage: 'ResponseComplete', user: { username: 'alice', groups: ['system:authenticated'] }, ...o });
writeFileSync(audit, [
  ev({ auditID: '1', verb: 'get', objectRef: { resource: 'pods', namespace: 'shop', name: 'web' }, responseStatus: { code: 200 } }),
  ev({ auditID: '2', verb: 'get', objectRef: { resource: 'pods', subresource: 'log', namespace: 'shop', name: 'web' }, responseStatus: { code: 200 } }),
  ev({ auditID: '3', verb: 'get', requestURI: '/healthz', responseStatus: { code: 200 } }),
  ev({ auditID: '4', verb: 'delete', objectRef: { resource: 'pods', namespace: 'shop', name: 'web' }, responseStatus: { code: 403 }, annotations: { 'authorization.k8s.io/decision': 'forbid' } }),
  'garbage',
].join('\n'));

async function rampart(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  let code = 0;
  const io: CliIO = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, stdin: Readable.from([]), cwd: process.cwd(), env: {} };
  const ctx: CommandContext = { io, setExitCode: (c) => (code = Math.max(code, c)) };
  const program = new Command();
  program.exitOverride().configureOutput({ writeOut: (s) => (stdout += s), writeErr: (s) => (stderr += s) });
  registerRbac(program, ctx);
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) code = error.code === 'commander.helpDisplayed' ? 0 : 2;
    else if (error instanceof UsageError) {
      stderr += `rampart: ${error.message}\n`;
      code = 2;
    } else throw error;
  }
  return { code, stdout, stderr };
}

describe('rampart rbac can', () => {
  it('yes: exit 0 with the granting binding', async () => {
    const r = await rampart('rbac', 'can', 'user:alice', 'get', 'pods/log', '-n', 'shop', '--name', 'web', '-f', manifests);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^yes\n {2}allowed by RoleBinding shop\/read-pods → Role shop\/pod-reader rule 0/);
  });
  it('no: exit 1', async () => {
    const r = await rampart('rbac', 'can', 'user:alice', 'delete', 'pods', '-n', 'shop', '--name', 'web', '-f', manifests);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^no\n/);
  });
  it('reports missing roles and roles without rules with file and line, and goes on', async () => {
    const r = await rampart('rbac', 'can', 'user:bob', 'get', 'pods', '-n', 'shop', '--name', 'x', '-f', manifests);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${manifests}:18: RoleBinding shop/broken refers to missing Role "does-not-exist"`);
    expect(r.stderr).toMatch(/:2\d: Role shop\/empty has no rules; it grants nothing/);
  });
  it('ServiceAccount subject without namespace takes the binding namespace; --format json', async () => {
    const r = await rampart('rbac', 'can', 'sa:shop:cart', 'list', 'pods', '-n', 'shop', '-f', manifests, '--format', 'json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.allowed).toBe(true);
    expect(json.subject.groups).toContain('system:serviceaccounts:shop');
    expect(json.grants[0].binding).toBe('RoleBinding/shop/read-pods');
  });
  it('non-resource URLs through default roles, and --no-default-roles', async () => {
    expect((await rampart('rbac', 'can', 'user:alice', 'get', '--url', '/version', '-f', manifests)).code).toBe(0);
    expect((await rampart('rbac', 'can', 'user:alice', 'get', '--url', '/version', '-f', manifests, '--no-default-roles')).code).toBe(1);
  });
  it('usage errors exit 2', async () => {
    expect((await rampart('rbac', 'can', 'alice', 'get', 'pods', '-f', manifests)).code).toBe(2);
    expect((await rampart('rbac', 'can', 'user:alice', 'get', 'pods')).stderr).toMatch(/no inventory/);
    expect((await rampart('rbac', 'can', 'user:alice', 'get', 'pods', '--url', '/x', '-f', manifests)).code).toBe(2);
    expect((await rampart('rbac', 'can', 'user:alice', 'get', '-f', manifests)).code).toBe(2);
  });
  it('--help has examples', async () => {
    const r = await rampart('rbac', 'can', '--help');
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('--group');
  });
});

describe('rampart rbac who-can / permissions / risks / paths', () => {
  it('who-can lists subjects with bindings', async () => {
    const r = await rampart('rbac', 'who-can', 'get', 'pods', '-n', 'shop', '--name', 'web', '-f', manifests);
    expect(r.stdout).toMatch(/^SUBJECT +BINDING +ROLE\n/);
    expect(r.stdout).toContain('User alice');
    expect(r.stdout).toContain('ServiceAccount shop/cart');
    expect(r.stdout).toContain('Group devs');
    expect(r.stdout).toContain('ServiceAccount shop/deployer');
  });
  it('who-can --url lists the default discovery grants, in json', async () => {
    const r = await rampart('rbac', 'who-can', 'get', '--url', '/healthz', '-f', manifests, '--format', 'json');
    const subjects = JSON.parse(r.stdout).subjects.map((s: { subject: string }) => s.subject);
    expect(subjects).toEqual(expect.arrayContaining(['Group system:authenticated', 'Group system:unauthenticated', 'Group system:masters']));
  });
  it('permissions prints the effective table', async () => {
    const r = await rampart('rbac', 'permissions', 'user:alice', '-f', manifests);
    expect(r.stdout).toMatch(/shop +get,list +pods,pods\/log/);
    expect(r.stdout).toContain('ClusterRoleBinding system:basic-user');
  });
  it('risks in text explain each risk found', async () => {
    const r = await rampart('rbac', 'risks', '-f', manifests);
    expect(r.stdout).toMatch(/^SEVERITY +RISK +SUBJECT +NAMESPACE +MITRE +BINDINGS\n/);
    expect(r.stdout).toContain('Why these matter:\n');
    expect(r.stdout).toContain('  pods-create: Creating a pod mounts any ServiceAccount of the namespace');
  });
  it('risks in json', async () => {
    const r = await rampart('rbac', 'risks', '-f', manifests, '--format', 'json');
    const risks = JSON.parse(r.stdout) as Array<{ id: string; subject: string; scope: string; mitre: string }>;
    expect(risks).toContainEqual(expect.objectContaining({ id: 'cluster-admin', subject: 'ServiceAccount shop/deployer', scope: '*' }));
    expect(risks).toContainEqual(expect.objectContaining({ id: 'pods-create', subject: 'Group devs', scope: 'shop' }));
  });
  it('paths: group devs → create pods in shop → deployer SA → cluster-admin, cut at the binding', async () => {
    const r = await rampart('rbac', 'paths', '--to', 'cluster-admin', '--from', 'group:devs', '-f', manifests);
    expect(r.stdout).toContain('Group devs → cluster-admin-equivalent (3 hops)');
    expect(r.stdout).toContain('cut: remove RoleBinding/shop/pod-makers');
    for (const format of ['dot', 'mermaid', 'json']) {
      const out = await rampart('rbac', 'paths', '--to', 'cluster-admin', '-f', manifests, '--format', format);
      expect(out.code).toBe(0);
      expect(out.stdout.length).toBeGreaterThan(20);
    }
    const json = JSON.parse((await rampart('rbac', 'paths', '--to', 'cluster-admin', '-f', manifests, '--format', 'json')).stdout);
    expect(json.map((p: { source: string }) => p.source)).toContain('workload:Deployment/shop/cart');
  });
  it('rejects an unknown --to', async () => {
    expect((await rampart('rbac', 'paths', '--to', 'everything', '-f', manifests)).code).toBe(2);
  });
});

describe('rampart rbac generate --from-audit', () => {
  it('writes applicable YAML, reports the bad line, the denial and unused permissions', async () => {
    const r = await rampart('rbac', 'generate', '--from-audit', audit, '-f', manifests);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${audit}:5: not valid JSON`);
    expect(r.stdout).toContain('# denied, not granted: alice: delete pods "web" in namespace shop');
    expect(r.stdout).toContain('# unused today by alice: verbs=create apiGroups=authorization.k8s.io resources=selfsubjectaccessreviews,selfsubjectrulesreviews via ClusterRoleBinding system:basic-user');
    expect(r.stdout).not.toMatch(/unused today by alice: .*pod-reader|read-pods/);
    const docs = parseAllDocuments(r.stdout).map((d) => d.toJSON());
    expect(docs.map((d) => d.kind)).toEqual(['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding']);
    expect(docs[2].rules).toEqual([
      { apiGroups: [''], resources: ['pods'], verbs: ['get'], resourceNames: ['web'] },
      { apiGroups: [''], resources: ['pods/log'], verbs: ['get'], resourceNames: ['web'] },
    ]);
    expect(docs[0].rules).toEqual([{ nonResourceURLs: ['/healthz'], verbs: ['get'] }]);
  });
  it('json with --subject filter', async () => {
    const r = await rampart('rbac', 'generate', '--from-audit', audit, '--subject', 'user:nobody', '--format', 'json');
    expect(JSON.parse(r.stdout).manifests).toEqual([]);
  });
  it('requires --from-audit', async () => {
    expect((await rampart('rbac', 'generate')).code).toBe(2);
  });
});
