/** `rampart harden --cluster`: the live cluster as the bundle's inventory, through the same reader as `scan --cluster`. */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { memoryIO } from '../cli/harness.js';
import { CANARY, CANARY_BASE64, startCluster, type TestCluster } from './harness.js';

let cluster: TestCluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allFiles(path) : [path];
  });
}

describe('rampart harden --cluster', () => {
  it('generates the bundle from the live inventory, with no Secret value in any file', async () => {
    cluster = await startCluster();
    const out = join(mkdtempSync(join(tmpdir(), 'rampart-harden-live-')), 'bundle');
    const io = memoryIO();
    const code = await run(['harden', '--cluster', '--kubeconfig', cluster.kubeconfig, '--distribution', 'kubeadm', '--kubernetes-version', '1.30', '--out', out], io);
    expect(io.err()).toMatch(/from \d+ resource\(s\)/);
    expect(code).toBe(0);
    const files = allFiles(out);
    expect(files.some((f) => f.endsWith('PLAN.md'))).toBe(true);
    const rbac = readFileSync(join(out, 'rbac', 'serviceaccounts.yaml'), 'utf8');
    expect(rbac).toContain('kind: ServiceAccount');
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(text).not.toContain(CANARY);
      expect(text).not.toContain(CANARY_BASE64);
    }
  });

  it('rejects -f together with --cluster, and cluster flags without it', async () => {
    const a = memoryIO();
    expect(await run(['harden', '--cluster', '-f', 'examples', '--out', '/tmp/x'], a)).toBe(2);
    expect(a.err()).toContain('give no -f with it');
    const b = memoryIO();
    expect(await run(['harden', '-f', 'examples', '--context', 'prod', '--out', '/tmp/x'], b)).toBe(2);
    expect(b.err()).toContain('--context and --kubeconfig need --cluster');
  });
});
