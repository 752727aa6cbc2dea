/**
 * `rampart scan --cluster` end to end: the CLI reads the fake API server through a kubeconfig,
 * evaluates with the one evaluator, and with `--apply` writes PolicyReports by server-side apply.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { memoryIO } from '../cli/harness.js';
import { CANARY, CANARY_BASE64, startCluster, type TestCluster } from './harness.js';

let cluster: TestCluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

describe('rampart scan --cluster', () => {
  it('scans the live cluster and prints the JSON contract, without any Secret value', async () => {
    cluster = await startCluster();
    const io = memoryIO();
    const code = await run(['scan', '--cluster', '--kubeconfig', cluster.kubeconfig, '--format', 'json', '--fail-on', 'none', '--no-progress'], io);
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(io.out());
    expect(report.schemaVersion).toBe(1);
    expect(report.summary.resources).toBeGreaterThan(10);
    expect(report.findings.some((f: { file: string }) => f.file.startsWith('cluster://'))).toBe(true);
    expect(io.out()).not.toContain(CANARY);
    expect(io.out()).not.toContain(CANARY_BASE64);
  });

  it('writes PolicyReports with --apply', async () => {
    cluster = await startCluster();
    const io = memoryIO();
    const code = await run(['scan', '--cluster', '--kubeconfig', cluster.kubeconfig, '--format', 'policyreport', '--apply', '--fail-on', 'none', '--no-progress'], io);
    expect(code).toBe(0);
    expect(io.err()).toMatch(/applied (\d+) of \1 PolicyReport/);
    expect(cluster.server.applied.size).toBeGreaterThan(0);
    expect([...cluster.server.applied.keys()].some((path) => path.includes('/clusterpolicyreports/'))).toBe(true);
  });

  it('rejects inputs with --cluster, cluster flags without it, and --apply without policyreport output', async () => {
    const a = memoryIO();
    expect(await run(['scan', 'examples', '--cluster'], a)).toBe(2);
    expect(a.err()).toContain('give no input paths');
    const b = memoryIO();
    expect(await run(['scan', 'examples', '--context', 'prod'], b)).toBe(2);
    expect(b.err()).toContain('need --cluster');
    const c = memoryIO();
    expect(await run(['scan', '--cluster', '--apply'], c)).toBe(2);
    expect(c.err()).toContain('--apply needs --cluster and --format policyreport');
    const d = memoryIO();
    expect(await run(['scan'], d)).toBe(2);
    expect(d.err()).toContain('or scan a live cluster with --cluster');
  });
});
