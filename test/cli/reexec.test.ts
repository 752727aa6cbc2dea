/**
 * Large scans run in a child Node process with V8's thread pool sized to the machine (ADR 0012).
 * The decision is cheap and conservative; the child is invisible to the user: same output, same
 * exit code, same streams, and it stops when the parent is told to.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REEXEC_MIN_BYTES, shouldReexec } from '../../src/cli/reexec.js';

const BIN = join(process.cwd(), 'dist', 'bin', 'rampart.js');

/** A directory of ConfigMaps (one of them with a privileged pod) of at least `bytes`. */
function corpus(bytes: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-reexec-'));
  mkdirSync(join(dir, 'sub'));
  const doc = (i: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\n  namespace: team\ndata:\n  key: "${'v'.repeat(400)}"\n`;
  let written = 0;
  for (let file = 0; written < bytes; file++) {
    const text = Array.from({ length: 200 }, (_, i) => doc(file * 200 + i)).join('---\n');
    writeFileSync(join(dir, file % 2 ? 'sub' : '', `part-${file}.yaml`), text);
    written += Buffer.byteLength(text);
  }
  writeFileSync(join(dir, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: team}\nspec:\n  containers:\n    - name: c\n      image: nginx\n      securityContext: {privileged: true}\n');
  return dir;
}

describe('shouldReexec', () => {
  const big = corpus(REEXEC_MIN_BYTES + 100_000);
  const small = corpus(100_000);

  it('starts a child only for a scan or pss of a large input', () => {
    expect(shouldReexec(['scan', big], {}, [])).toBe(true);
    expect(shouldReexec(['pss', big, '--level', 'baseline'], {}, [])).toBe(true);
    expect(shouldReexec(['scan', '--format', 'json', big, '--output', join(small, 'out.json')], {}, [])).toBe(true);
    expect(shouldReexec(['scan', small], {}, [])).toBe(false);
    expect(shouldReexec(['scan', '-'], {}, [])).toBe(false);
    expect(shouldReexec(['scan', join(big, 'missing')], {}, [])).toBe(false);
    expect(shouldReexec(['rbac', 'risks', '-f', big], {}, [])).toBe(false);
    expect(shouldReexec([], {}, [])).toBe(false);
  });

  it('never when the pool size is already chosen, when turned off, or for help and live scans', () => {
    expect(shouldReexec(['scan', big], {}, ['--v8-pool-size=2'])).toBe(false);
    expect(shouldReexec(['scan', big], {}, ['--v8-pool-size', '2'])).toBe(false);
    expect(shouldReexec(['scan', big], { RAMPART_REEXEC: '0' }, [])).toBe(false);
    expect(shouldReexec(['scan', big, '--help'], {}, [])).toBe(false);
    expect(shouldReexec(['scan', '--cluster'], {}, [])).toBe(false);
  });
});

describe('the re-executed scan', () => {
  function bin(args: string[], env: Record<string, string> = {}) {
    if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npm run build\` (npm ci runs it) before the tests`);
    return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 256 * 1024 * 1024 });
  }

  it('prints the same report with the same exit code as a scan in one process', () => {
    const dir = corpus(REEXEC_MIN_BYTES + 100_000);
    const args = ['scan', dir, '--format', 'json', '--fail-on', 'high'];
    const child = bin(args);
    const inProcess = bin(args, { RAMPART_REEXEC: '0' });
    expect(inProcess.status).toBe(1);
    expect(child.status).toBe(1);
    expect(child.stdout).toBe(inProcess.stdout);
    expect(JSON.parse(child.stdout).summary.resources).toBeGreaterThan(1000);
  });

  it('ends when the parent is terminated, with the conventional code', async () => {
    const dir = corpus(4 * REEXEC_MIN_BYTES);
    const parent = spawn(process.execPath, [BIN, 'scan', dir, '--format', 'json'], { stdio: ['ignore', 'ignore', 'pipe'] });
    await new Promise((resolve) => setTimeout(resolve, 400));
    parent.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => parent.on('exit', (c) => resolve(c)));
    expect(code).toBe(143);
  });
});
