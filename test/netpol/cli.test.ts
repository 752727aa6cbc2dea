import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO, CommandContext } from '../../src/cli/io.js';
import { registerNetpol } from '../../src/cli/commands/netpol.js';
import { UsageError } from '../../src/errors.js';
import { ingress, networkPolicy, service, workload, type Doc } from './topology.js';

interface Run {
  stdout: string;
  stderr: string;
  exitCode: number;
  error: unknown;
}

async function run(args: string[], stdin = ''): Promise<Run> {
  let stdout = '';
  let stderr = '';
  let exitCode = 0;
  const io: CliIO = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: Readable.from([stdin]),
    cwd: process.cwd(),
    env: {},
  };
  const context: CommandContext = { io, setExitCode: (code) => (exitCode = Math.max(exitCode, code)) };
  const program = new Command();
  program.exitOverride().configureOutput({ writeOut: (s) => (stdout += s), writeErr: (s) => (stderr += s) });
  registerNetpol(program, context);
  for (const c of program.commands) c.exitOverride().configureOutput({ writeOut: (s) => (stdout += s), writeErr: (s) => (stderr += s) });
  for (const c of program.commands.flatMap((c) => c.commands)) c.exitOverride().configureOutput({ writeOut: (s) => (stdout += s), writeErr: (s) => (stderr += s) });
  let error: unknown;
  try {
    await program.parseAsync(['netpol', ...args], { from: 'user' });
  } catch (e) {
    error = e;
  }
  return { stdout, stderr, exitCode, error };
}

const yamlOf = (docs: Doc[]): string => docs.map((d) => JSON.stringify(d)).join('\n---\n') + '\n';

const app: Doc[] = [
  workload('shop', 'web', { ports: [{ name: 'http', containerPort: 8080 }], env: [{ name: 'API', value: 'http://api:80' }] }),
  workload('shop', 'api', { ports: [{ containerPort: 9000 }] }),
  service('shop', 'web', { app: 'web' }, [{ port: 80, targetPort: 'http' }]),
  service('shop', 'api', { app: 'api' }, [{ port: 80, targetPort: 9000 }]),
  ingress('shop', 'web', [{ service: 'web', port: 80 }]),
];
const policies: Doc[] = [
  networkPolicy('shop', 'deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
  networkPolicy('shop', 'api', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 9000 }] }] }),
  networkPolicy('shop', 'web', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: {} }] }] }),
];

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rampart-netpol-'));
  await writeFile(join(dir, 'app.yaml'), yamlOf(app));
  await writeFile(join(dir, 'policies.yaml'), yamlOf(policies));
  await writeFile(join(dir, 'broken.yaml'), 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: bad, namespace: shop}\nspec:\n  podSelector: {}\n  ingress:\n    - ports: [{port: 0}]\n');
  await writeFile(join(dir, 'flows.yaml'), 'flows:\n  - from: shop/web\n    to: shop/api:9000/TCP\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('rampart netpol list', () => {
  it('prints the connlist of the inventory', async () => {
    const r = await run(['list', '-f', join(dir, 'app.yaml'), '-f', join(dir, 'policies.yaml')]);
    expect(r.error).toBeUndefined();
    expect(r.stdout).toBe('shop/web[Deployment] => shop/api[Deployment] : TCP 9000\n');
    expect(r.exitCode).toBe(0);
  });

  it('reads stdin with -f - and prints json', async () => {
    const r = await run(['list', '-f', '-', '--format', 'json'], yamlOf([...app, ...policies]));
    expect(JSON.parse(r.stdout)).toEqual([{ src: 'shop/web[Deployment]', dst: 'shop/api[Deployment]', conn: 'TCP 9000' }]);
  });

  it('reports malformed policies with file and line, goes on, and exits 1', async () => {
    const r = await run(['list', '-f', join(dir, 'app.yaml'), '-f', join(dir, 'policies.yaml'), '-f', join(dir, 'broken.yaml')]);
    expect(r.stderr).toContain(`${join(dir, 'broken.yaml')}:7: NetworkPolicy shop/bad: port must be an integer between 1 and 65535 (got 0)`);
    expect(r.stdout).toBe('shop/web[Deployment] => shop/api[Deployment] : TCP 9000\n');
    expect(r.exitCode).toBe(1);
  });

  it('needs an inventory and rejects unknown formats', async () => {
    expect((await run(['list'])).error).toBeInstanceOf(UsageError);
    expect((await run(['list', '-f', join(dir, 'app.yaml'), '--format', 'xml'])).error).toBeDefined();
  });

  it('has help with examples', async () => {
    const r = await run(['list', '--help']);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('--filename <path>');
    const top = await run(['--help']);
    expect(top.stdout + top.stderr).toContain('netpol');
  });
});

describe('rampart netpol can / explain', () => {
  it('answers yes and no, with exit code 1 for no', async () => {
    const files = ['-f', join(dir, 'app.yaml'), '-f', join(dir, 'policies.yaml')];
    const yes = await run(['can', 'shop/web', 'shop/api', '--port', '9000/TCP', ...files]);
    expect(yes.stdout.split('\n')[0]).toBe('yes: shop/web[Deployment] => shop/api[Deployment] : TCP 9000 (allowed: TCP 9000)');
    expect(yes.stdout).toContain('  allow   NetworkPolicy shop/api ingress[0]: TCP 9000');
    expect(yes.exitCode).toBe(0);
    const no = await run(['can', 'api', 'web', ...files]);
    expect(no.stdout.split('\n')[0]).toBe('no: shop/api[Deployment] => shop/web[Deployment] : No Connections');
    expect(no.stdout).toContain('egress of shop/api[Deployment]: isolated by NetworkPolicy; allowed No Connections');
    expect(no.exitCode).toBe(1);
  });

  it('rejects unknown workloads and bad ports with a usage error', async () => {
    const files = ['-f', join(dir, 'app.yaml')];
    const unknown = await run(['can', 'shop/nope', 'shop/api', ...files]);
    expect(unknown.error).toBeInstanceOf(UsageError);
    expect((unknown.error as Error).message).toBe('unknown source "shop/nope": known workloads: shop/api[Deployment], shop/web[Deployment]');
    expect((await run(['can', 'web', 'api', '--port', 'http/TCP', ...files])).error).toBeInstanceOf(UsageError);
  });

  it('explains each direction', async () => {
    const r = await run(['explain', 'shop/web', 'shop/api', '-f', join(dir, 'app.yaml'), '-f', join(dir, 'policies.yaml')]);
    expect(r.stdout).toBe(
      [
        'shop/web[Deployment] => shop/api[Deployment] : TCP 9000',
        '',
        'egress of shop/web[Deployment]: isolated by NetworkPolicy; allowed All Connections',
        '  isolate NetworkPolicy shop/deny (no rule matches)',
        '  allow   NetworkPolicy shop/web egress[0]: All Connections',
        'ingress of shop/api[Deployment]: isolated by NetworkPolicy; allowed TCP 9000',
        '  isolate NetworkPolicy shop/deny (no rule matches)',
        '  allow   NetworkPolicy shop/api ingress[0]: TCP 9000',
        '',
      ].join('\n'),
    );
    const json = JSON.parse((await run(['explain', '{ingress-controller}', 'shop/web', '-f', join(dir, 'app.yaml'), '--format', 'json'])).stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ src: '{ingress-controller}', dst: 'shop/web[Deployment]', conn: 'TCP 8080', egress: null, notes: ['Ingress objects route TCP 8080 to shop/web[Deployment]'] });
  });
});

describe('rampart netpol coverage / diff', () => {
  it('prints coverage with DNS findings', async () => {
    const r = await run(['coverage', '-f', join(dir, 'app.yaml'), '-f', join(dir, 'policies.yaml'), '--format', 'json']);
    const report = JSON.parse(r.stdout) as { workloads: Array<{ id: string; dns: string }> };
    expect(report.workloads.map((w) => `${w.id} ${w.dns}`)).toEqual(['shop/api[Deployment] broken', 'shop/web[Deployment] broken']);
    const text = await run(['coverage', '-f', join(dir, 'app.yaml')]);
    expect(text.stdout.split('\n').slice(0, 2)).toEqual([
      'NAMESPACE  WORKLOADS  DEFAULT-DENY-INGRESS  DEFAULT-DENY-EGRESS  INGRESS-ISOLATED  EGRESS-ISOLATED',
      'shop       2          no                    no                   0/2               0/2',
    ]);
  });

  it('diffs two inventories', async () => {
    await writeFile(join(dir, 'old.yaml'), yamlOf([...app, ...policies]));
    await writeFile(join(dir, 'new.yaml'), yamlOf([...app, ...policies.slice(0, 2)]));
    const r = await run(['diff', join(dir, 'old.yaml'), join(dir, 'new.yaml')]);
    expect(r.stdout).toBe('- shop/web[Deployment] => shop/api[Deployment] : TCP 9000\n');
  });
});

describe('rampart netpol generate', () => {
  it('writes a verified set to stdout with --infer', async () => {
    const r = await run(['generate', '-f', join(dir, 'app.yaml'), '--infer']);
    expect(r.error).toBeUndefined();
    expect(r.stderr).toContain('verified: 2 intended flow(s) plus DNS');
    expect(r.stdout).toContain('name: default-deny-all');
    expect(r.stdout).toContain('name: allow-ingress-api');
  });

  it('writes one file per namespace with --out', async () => {
    const out = join(dir, 'out');
    const r = await run(['generate', '-f', join(dir, 'app.yaml'), '--flows', join(dir, 'flows.yaml'), '--out', out]);
    expect(r.exitCode).toBe(0);
    expect(await readdir(out)).toEqual(['shop.networkpolicies.yaml']);
    const listed = await run(['list', '-f', join(dir, 'app.yaml'), '-f', out]);
    expect(listed.stdout).toBe('shop/web[Deployment] => shop/api[Deployment] : TCP 9000\n');
    expect(await readFile(join(out, 'shop.networkpolicies.yaml'), 'utf8')).toContain('kubernetes.io/metadata.name: kube-system');
  });

  it('needs flows, and refuses to write an unverifiable set', async () => {
    expect((await run(['generate', '-f', join(dir, 'app.yaml')])).error).toBeInstanceOf(UsageError);
    await writeFile(join(dir, 'twins.yaml'), yamlOf([workload('x', 'a', { labels: { app: 'same' } }), workload('x', 'b', { labels: { app: 'same' } }), workload('x', 'c')]));
    await writeFile(join(dir, 'twin-flows.yaml'), 'flows:\n  - {from: x/a, to: "x/c:80"}\n');
    const r = await run(['generate', '-f', join(dir, 'twins.yaml'), '--flows', join(dir, 'twin-flows.yaml')]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('refusing to write');
    expect(r.stderr).toContain('unintended: x/b[Deployment] => x/c[Deployment] : TCP 80');
  });
});
