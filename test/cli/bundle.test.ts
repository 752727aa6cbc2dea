/**
 * The `rampart` bin is the bundle `npm run build` writes to dist/bin (scripts/bundle.mjs). It must
 * behave as the sources do: same report, same exit code, every lazily loaded command present.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { memoryIO } from './harness.js';

const BIN = join(process.cwd(), 'dist', 'bin', 'rampart.js');

function bin(args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npm run build\` (npm ci runs it) before the tests`);
  const child = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, maxBuffer: 256 * 1024 * 1024 });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

describe('the bundled CLI', () => {
  it('writes the same JSON report with the same exit code as the sources', async () => {
    const args = ['scan', 'examples', '--format', 'json', '--compliance', 'pci-dss'];
    const io = memoryIO();
    const code = await run(args, io);
    const bundled = bin(args);
    expect(bundled.status).toBe(code);
    const strip = (text: string) => JSON.stringify({ ...JSON.parse(text), tool: undefined });
    expect(strip(bundled.stdout)).toBe(strip(io.out()));
  });

  it('parses on two threads with the bundled worker and reports exactly what one thread reports', () => {
    expect(existsSync(join(process.cwd(), 'dist', 'bin', 'worker.js'))).toBe(true);
    // 8 MiB and more: two threads of at least 4 MiB each, in a child process with the pool sized (ADR 0010, 0012).
    const dir = mkdtempSync(join(tmpdir(), 'rampart-bundle-'));
    const pod = (i: number) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p-${i}\n  namespace: team-${i % 7}\nspec:\n  containers:\n    - name: app\n      image: nginx:1.${i % 30}\n      securityContext: {privileged: ${i % 5 === 0}}\n  volumes:\n    - name: data\n      configMap: {name: "${'c'.repeat(200)}"}\n`;
    for (let f = 0; f < 40; f++) writeFileSync(join(dir, `part-${String(f).padStart(2, '0')}.yaml`), Array.from({ length: 500 }, (_, i) => pod(f * 500 + i)).join('---\n'));
    const args = ['scan', dir, '--format', 'json', '--fail-on', 'none'];
    const two = bin(args, { RAMPART_THREADS: '2', RAMPART_DEBUG: '1' });
    const one = bin(args, { RAMPART_THREADS: '1' });
    expect(two.status, two.stderr).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const parsed = /read 40 file\(s\) on 2 thread\(s\), (\d+) of them parsed by workers/.exec(two.stderr);
    expect(parsed, two.stderr).not.toBeNull();
    expect(Number(parsed?.[1])).toBeGreaterThan(0);
    expect(JSON.parse(two.stdout).summary.resources).toBe(20_000);
  });

  it('loads every command on demand, the optional dependencies included', () => {
    for (const command of ['scan', 'pss', 'fix', 'rbac', 'netpol', 'harden', 'checks', 'explain', 'deploy']) {
      const help = bin([command, '--help']);
      expect(help.status, `${command} --help: ${help.stderr}`).toBe(0);
      expect(help.stdout).toContain(`rampart ${command}`);
    }
    // The Kubernetes client is imported only by live scans: reaching its kubeconfig error proves it loads.
    const live = spawnSync(process.execPath, [BIN, 'scan', '--cluster'], { encoding: 'utf8', env: { ...process.env, KUBECONFIG: '/nonexistent/kubeconfig' } });
    expect(live.stderr).toMatch(/kubeconfig/);
    expect(live.status).toBe(2);
  });
});
