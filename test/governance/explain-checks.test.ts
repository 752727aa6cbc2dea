/**
 * `rampart explain` and `rampart checks`, in memory. Both read the registry's metadata, so the
 * tests pick checks from the registry rather than naming a list that would go stale.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/checks/index.js';
import { closestIds } from '../../src/cli/commands/explain.js';
import { run } from '../../src/cli/main.js';
import { DOMAINS } from '../../src/engine/types.js';
import { checksMarkdown } from '../../src/report/catalogue.js';
import { memoryIO } from '../cli/harness.js';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIO();
  const code = await run(args, io);
  return { code, out: io.out(), err: io.err() };
}

const dir = mkdtempSync(join(tmpdir(), 'rampart-explain-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(
  join(dir, 'label.yaml'),
  `id: custom.owner-label
title: Resources name their owner
severity: low
domain: governance
controls: [{ framework: soc2, id: CC8.1 }]
remediation: Add an owner label.
docs: Every resource should say who owns it.
expression: "!has(object.metadata.labels) || !('owner' in object.metadata.labels)"
`,
);

describe('rampart explain', () => {
  it.each(CHECKS.map((c) => c.id))('explains %s with its metadata', async (id) => {
    const check = CHECKS.find((c) => c.id === id)!;
    const { code, out } = await cli(['explain', id]);
    expect(code).toBe(0);
    expect(out.startsWith(`${id} — ${check.title}\n`)).toBe(true);
    expect(out).toContain(`severity   ${check.severity}`);
    expect(out).toContain(`domain     ${check.domain}`);
    for (const control of check.controls) expect(out).toContain(`${control.framework} ${control.id}`);
    expect(out).toContain(`Remediation: ${check.remediation.trim()}`);
  });

  it('names the control titles from the catalogues', async () => {
    const { out } = await cli(['explain', 'pss.privileged']);
    expect(out).toContain('cis-k8s 5.2.2 — Minimize the admission of privileged containers');
  });

  it('prints JSON metadata with --format json', async () => {
    const { code, out } = await cli(['explain', 'pss.privileged', '--format', 'json']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ id: 'pss.privileged', domain: 'pod-security', severity: 'high' });
  });

  it('is a usage error (exit 2) for an unknown id, suggesting close matches', async () => {
    const { code, err } = await cli(['explain', 'pss.privilegd']);
    expect(code).toBe(2);
    expect(err).toContain('unknown check "pss.privilegd"; did you mean pss.privileged');
    const far = await cli(['explain', 'zzzzzzzzzzzz']);
    expect(far.code).toBe(2);
    expect(far.err).toContain('rampart checks');
  });

  it('explains custom checks from --checks-dir', async () => {
    const { code, out } = await cli(['explain', 'custom.owner-label', '--checks-dir', dir]);
    expect(code).toBe(0);
    expect(out).toContain('custom.owner-label — Resources name their owner');
  });
});

describe('closestIds', () => {
  const ids = ['pss.privileged', 'pss.sysctls', 'rbac.wildcard-verbs', 'rbac.wildcard-resources', 'workload.default-namespace'];
  it('finds typos and partial ids, best first', () => {
    expect(closestIds('pss.privilegd', ids)).toEqual(['pss.privileged']);
    expect(closestIds('wildcard', ids).sort()).toEqual(['rbac.wildcard-resources', 'rbac.wildcard-verbs']);
    expect(closestIds('privileged', ids)[0]).toBe('pss.privileged');
    expect(closestIds('default-namespace', ids)).toEqual(['workload.default-namespace']);
  });
  it('suggests nothing for unrelated input', () => {
    expect(closestIds('kubernetes', ids)).toEqual([]);
  });
});

describe('rampart checks', () => {
  it('lists every registered check, one line each', async () => {
    const { code, out } = await cli(['checks']);
    expect(code).toBe(0);
    for (const check of CHECKS) expect(out).toMatch(new RegExp(`^${check.id.replace(/\./g, '\\.')}\\s+${check.severity}\\s+${check.domain}\\s+`, 'm'));
    expect(out).toContain(`${CHECKS.length} checks.`);
  });

  it('filters by --domain and rejects an unknown domain (exit 2)', async () => {
    const domain = CHECKS[0]!.domain;
    const { out } = await cli(['checks', '--domain', domain, '--format', 'json']);
    const listed = JSON.parse(out) as Array<{ id: string; domain: string }>;
    expect(listed.map((c) => c.id).sort()).toEqual(CHECKS.filter((c) => c.domain === domain).map((c) => c.id).sort());
    expect((await cli(['checks', '--domain', 'nonsense'])).code).toBe(2);
  });

  it('prints JSON in domain order with the full metadata', async () => {
    const { out } = await cli(['checks', '--format', 'json']);
    const listed = JSON.parse(out) as Array<{ id: string; domain: (typeof DOMAINS)[number]; controls: unknown[]; remediation: string }>;
    expect(listed).toHaveLength(CHECKS.length);
    const order = listed.map((c) => DOMAINS.indexOf(c.domain));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(listed.every((c) => Array.isArray(c.controls) && c.remediation.length > 0)).toBe(true);
  });

  it('prints the docs/checks.md Markdown with --format md', async () => {
    const { out } = await cli(['checks', '--format', 'md']);
    expect(out).toBe(checksMarkdown(CHECKS));
  });

  it('includes custom checks from --checks-dir', async () => {
    const { out } = await cli(['checks', '--checks-dir', dir, '--domain', 'governance']);
    expect(out).toMatch(/^custom\.owner-label\s+low\s+governance\s+Resources name their owner$/m);
  });
});
