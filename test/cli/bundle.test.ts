/**
 * The `rampart` bin is the bundle `npm run build` writes to dist/bin (scripts/bundle.mjs). It must
 * behave as the sources do: same report, same exit code, every lazily loaded command present.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { memoryIO } from './harness.js';

const BIN = join(process.cwd(), 'dist', 'bin', 'rampart.js');

function bin(args: string[]): { status: number | null; stdout: string; stderr: string } {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npm run build\` (npm ci runs it) before the tests`);
  const child = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 });
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
