/**
 * One evaluator: the inventory read from the cluster, exported as YAML and scanned from files,
 * gives the same findings as the live scan (compared by check, resource and path; file, line
 * and column naturally differ).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { CHECKS } from '../../src/checks/index.js';
import { assembleScan } from '../../src/engine/scan.js';
import type { ScanResult } from '../../src/engine/types.js';
import { readCluster } from '../../src/live/reader.js';
import { loadInputs } from '../../src/load/index.js';
import { startCluster, type TestCluster } from './harness.js';

let cluster: TestCluster | undefined;
let dir: string | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function keys(result: ScanResult): string[] {
  return result.findings.map((f) => `${f.checkId} ${f.resource.apiVersion} ${f.resource.kind} ${f.resource.namespace ?? '-'}/${f.resource.name} ${f.path}`).sort();
}

describe('live scan and file scan agree', () => {
  it.each(['restricted', 'baseline'] as const)('at %s', async (pssLevel) => {
    cluster = await startCluster();
    const { loaded } = await readCluster({ kubeconfig: cluster.kubeconfig });
    const settings = { pssLevel, pssVersion: '1.30' };
    const live = assembleScan(loaded, CHECKS, { settings });

    dir = mkdtempSync(join(tmpdir(), 'rampart-export-'));
    const file = join(dir, 'inventory.yaml');
    writeFileSync(file, loaded.resources.map((r) => stringify(r.body)).join('---\n'));
    const fromFiles = assembleScan(await loadInputs([file]), CHECKS, { settings });

    expect(fromFiles.summary.resources).toBe(live.summary.resources);
    expect(fromFiles.errors).toEqual([]);
    expect(keys(live).length).toBeGreaterThan(10);
    expect(keys(fromFiles)).toEqual(keys(live));
    // Live findings name the object's API path and carry no line.
    const sample = live.findings.find((f) => f.resource.kind === 'Deployment' && f.resource.name === 'cart');
    expect(sample?.file).toBe('cluster://test/apis/apps/v1/namespaces/shop/deployments/cart');
    expect(sample?.line).toBe(0);
  });
});
