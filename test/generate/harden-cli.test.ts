/**
 * `rampart harden` end to end, in memory: files written under --out (key material with mode
 * 0600), a progress line per deliverable and a summary on stderr, exit codes 0/1/2.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { registerHarden } from '../../src/cli/commands/harden.js';
import { run } from '../../src/cli/main.js';
import { GENERATORS } from '../../src/generate/deliverables/index.js';
import { memoryIO } from '../cli/harness.js';
import { EXAMPLES, PROJECT_ROOT } from './harden-support.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'rampart-harden-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('rampart harden', () => {
  it('writes the bundle, reports progress and a summary, never prints the key', async () => {
    const out = path.join(tempDir(), 'bundle');
    const io = memoryIO();
    const code = await run(['harden', '-f', EXAMPLES, '--out', out, '--distribution', 'kubeadm', '--compliance', 'pci-dss,cis'], io, [registerHarden]);
    expect(io.err()).not.toContain('internal error');
    expect(code).toBe(0);
    const lines = io.err().split('\n');
    for (const id of Object.keys(GENERATORS)) expect(lines.some((l) => new RegExp(`^rampart: \\[\\d+/\\d+\\] ${id}: `).test(l)), id).toBe(true);
    expect(io.err()).toMatch(/rampart: wrote \d+ file\(s\) to /);
    expect(io.out()).toBe('');
    const encryption = path.join(out, 'cluster-hardening/encryption-config.yaml');
    expect(statSync(encryption).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(out, 'PLAN.md')).mode & 0o077).not.toBe(0);
    const key = (/secret: (\S+)/.exec(readFileSync(encryption, 'utf8')) ?? [])[1] ?? '';
    expect(Buffer.from(key, 'base64')).toHaveLength(32);
    expect(io.err()).not.toContain(key);
    expect(readdirSync(out).sort()).toEqual(['PLAN.md', ...Object.keys(GENERATORS), 'profile.yaml'].sort());
  });

  it('two runs give different keys (real randomness at the edge)', async () => {
    const keys = [];
    for (let i = 0; i < 2; i++) {
      const out = tempDir();
      await run(['harden', '-f', EXAMPLES, '--out', out], memoryIO(), [registerHarden]);
      keys.push(readFileSync(path.join(out, 'cluster-hardening/encryption-config.yaml'), 'utf8'));
    }
    expect(keys[0]).not.toBe(keys[1]);
  });

  it('refuses a non-empty --out unless --force', async () => {
    const out = tempDir();
    writeFileSync(path.join(out, 'keep.txt'), 'x');
    const io = memoryIO();
    expect(await run(['harden', '-f', EXAMPLES, '--out', out], io, [registerHarden])).toBe(2);
    expect(io.err()).toContain('is not empty; pass --force');
    expect(await run(['harden', '-f', EXAMPLES, '--out', out, '--force'], memoryIO(), [registerHarden])).toBe(0);
    expect(readFileSync(path.join(out, 'keep.txt'), 'utf8')).toBe('x');
  });

  it('reads the sample profile, with flags overriding it', async () => {
    const out = tempDir();
    const code = await run(['harden', '-f', EXAMPLES, '--profile', path.join(PROJECT_ROOT, 'examples/rampart.yaml'), '--mesh', 'linkerd', '--out', out, '--force'], memoryIO(), [registerHarden]);
    expect(code).toBe(0);
    const profile = parse(readFileSync(path.join(out, 'profile.yaml'), 'utf8')) as { spec: { mesh: string; distribution: string; namespaces: { production: string[] } } };
    expect(profile.spec.mesh).toBe('linkerd');
    expect(profile.spec.distribution).toBe('eks');
    expect(profile.spec.namespaces.production).toEqual(['payments', 'storefront']);
  });

  it('an invalid profile: exit 2, every problem of the file and the flags listed, nothing written', async () => {
    const dir = tempDir();
    const profile = path.join(dir, 'rampart.yaml');
    writeFileSync(profile, 'distribution: openshift\nposture: strict\nnamespaces: {production: [A]}\n');
    const out = path.join(dir, 'out');
    const io = memoryIO();
    expect(await run(['harden', '-f', EXAMPLES, '--profile', profile, '--mesh', 'consul', '--out', out], io, [registerHarden])).toBe(2);
    expect(io.err()).toContain('rampart.yaml:1 distribution');
    expect(io.err()).toContain('rampart.yaml:2 posture');
    expect(io.err()).toContain('rampart.yaml:3 namespaces.production[0]');
    expect(io.err()).toContain('--mesh');
    expect(() => statSync(out)).toThrow();
  });

  it('usage errors exit 2; an input that does not parse exits 1 with the bundle written', async () => {
    let io = memoryIO();
    expect(await run(['harden', '-f', EXAMPLES], io, [registerHarden])).toBe(2);
    expect(io.err()).toContain('--out DIR is required');
    io = memoryIO();
    expect(await run(['harden', '--out', tempDir()], io, [registerHarden])).toBe(2);
    expect(io.err()).toContain('no inventory');
    const dir = tempDir();
    mkdirSync(path.join(dir, 'in'));
    writeFileSync(path.join(dir, 'in/ok.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n');
    writeFileSync(path.join(dir, 'in/broken.yaml'), 'apiVersion: v1\nkind: [\n');
    io = memoryIO();
    expect(await run(['harden', '-f', path.join(dir, 'in'), '--out', path.join(dir, 'out')], io, [registerHarden])).toBe(1);
    expect(io.err()).toContain('broken.yaml');
    expect(statSync(path.join(dir, 'out/PLAN.md')).isFile()).toBe(true);
  });
});
