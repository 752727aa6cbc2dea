/**
 * `rampart scan` end to end, in memory: governance flags (--compliance, --exceptions,
 * --baseline, --write-baseline, --checks-dir) and the exit codes of DESIGN.md — 0 clean,
 * 1 findings at or above --fail-on (or a failed document), 2 usage or configuration errors.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { memoryIO } from './harness.js';

const PRIVILEGED_POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
  labels: { team: payments }
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        privileged: true
`;

const CLEAN_CONFIGMAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: shop
data:
  mode: production
`;

let dir: string;
const path = (name: string) => join(dir, name);
function write(name: string, text: string): string {
  const file = path(name);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
  return file;
}

async function scan(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIO();
  const code = await run(['scan', '--no-progress', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

interface JsonOut {
  summary: Record<string, unknown> & { findings: number; suppressed: number; baselined?: number };
  findings: Array<Record<string, unknown> & { checkId: string; baseline?: boolean }>;
  errors: Array<{ message: string; checkId?: string }>;
  compliance?: { frameworks: Array<{ framework: string; score: number | null; controls: Array<{ id: string; status: string; evidence: Array<{ checkId: string; file: string; line: number }> }> }> };
}

async function scanJson(args: string[]): Promise<{ code: number; json: JsonOut; err: string }> {
  const result = await scan([...args, '--format', 'json']);
  return { code: result.code, json: JSON.parse(result.out) as JsonOut, err: result.err };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rampart-scan-'));
  write('pod.yaml', PRIVILEGED_POD);
  write('clean.yaml', CLEAN_CONFIGMAP);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rampart scan: exit codes', () => {
  it('exits 1 for a finding at or above --fail-on, 0 with --fail-on none', async () => {
    expect((await scan([path('pod.yaml')])).code).toBe(1);
    expect((await scan([path('pod.yaml'), '--fail-on', 'none'])).code).toBe(0);
  });

  it('exits 1 when a document fails to parse, even with --fail-on none; the JSON is still complete', async () => {
    write('broken.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n');
    const { code, out } = await scan([path('broken.yaml'), path('clean.yaml'), '--fail-on', 'none', '--format', 'json']);
    expect(code).toBe(1);
    expect((JSON.parse(out) as { summary: { failed: number } }).summary.failed).toBe(1);
  });

  it('exits 2 when no input can be read', async () => {
    expect((await scan([path('does-not-exist.yaml')])).code).toBe(2);
  });

  it('exits 0 on clean input with every governance flag set', async () => {
    const exceptions = write('empty-exceptions.yaml', 'exceptions: []\n');
    const baseline = write('empty-baseline.json', '{"rampartBaseline": 1, "findings": []}');
    const { code } = await scan([path('clean.yaml'), '--exceptions', exceptions, '--baseline', baseline, '--compliance', 'all']);
    expect(code).toBe(0);
  });

  it('exits 2 for an unknown --compliance framework, naming the valid ones', async () => {
    const { code, err } = await scan([path('pod.yaml'), '--compliance', 'iso27001']);
    expect(code).toBe(2);
    expect(err).toContain('unknown framework "iso27001"');
    expect(err).toContain('pci-dss');
  });

  it('exits 2 for a missing exceptions, baseline or checks-dir path', async () => {
    expect((await scan([path('pod.yaml'), '--exceptions', path('nope.yaml')])).code).toBe(2);
    expect((await scan([path('pod.yaml'), '--baseline', path('nope.json')])).code).toBe(2);
    const missingDir = await scan([path('pod.yaml'), '--checks-dir', path('nope')]);
    expect(missingDir.code).toBe(2);
    expect(missingDir.err).toContain('--checks-dir');
  });
});

describe('rampart scan --compliance', () => {
  it('adds a compliance key after the contract keys, with evidence for failed controls', async () => {
    const { json } = await scanJson([path('pod.yaml'), '--compliance', 'cis,pss', '--compliance', 'soc2', '--fail-on', 'none']);
    expect(Object.keys(json)).toEqual(['schemaVersion', 'tool', 'summary', 'findings', 'errors', 'skipped', 'compliance']);
    const frameworks = json.compliance?.frameworks ?? [];
    expect(frameworks.map((f) => f.framework)).toEqual(['cis-k8s', 'pss', 'soc2']);
    const cis = frameworks[0];
    const privileged = cis?.controls.find((c) => c.id === '5.2.2');
    expect(privileged?.status).toBe('fail');
    expect(privileged?.evidence[0]).toMatchObject({ checkId: 'pss.privileged', file: path('pod.yaml'), line: 12 });
    expect(cis?.controls.find((c) => c.id === '1.2.1')?.status).toBe('manual');
    expect(typeof cis?.score).toBe('number');
  });

  it('renders a compliance section after the findings in text, before the summary line', async () => {
    const { out } = await scan([path('pod.yaml'), '--compliance', 'pss', '--fail-on', 'none']);
    const section = out.indexOf('Compliance — Pod Security Standards');
    expect(section).toBeGreaterThan(out.indexOf('pss.privileged'));
    expect(out).toMatch(/FAIL\s+baseline/);
    expect(out).toMatch(/N\/A\s+privileged/);
    expect(out.trimEnd().split('\n').at(-1)).toMatch(/^\d+ documents?: /);
  });

  it('accepts every framework the issue names', async () => {
    const { code, json } = await scanJson([path('clean.yaml'), '--compliance', 'pci-dss,hipaa,soc2,cis,nsa,mitre,pss']);
    expect(code).toBe(0);
    expect(json.compliance?.frameworks).toHaveLength(7);
  });
});

describe('rampart scan --exceptions', () => {
  it('hides covered findings (counted as suppressed) and reports unused and expired exceptions', async () => {
    const file = write(
      'exceptions.yaml',
      `exceptions:
  - checkId: pss.*
    resource: { kind: Pod, namespace: sh?p, name: web, labels: { team: payments } }
    reason: vendor image needs it
    owner: payments@example.com
    expires: 2999-12-31
  - checkId: image.*
    resource: { name: nothing-here }
    reason: stale
    owner: ops@example.com
    expires: 2999-12-31
  - checkId: pss.privileged
    reason: long gone
    owner: ops@example.com
    expires: 2000-01-01
`,
    );
    const { code, json } = await scanJson([path('pod.yaml'), '--exceptions', file]);
    const ids = json.findings.map((f) => f.checkId);
    expect(ids.filter((id) => id.startsWith('pss.'))).toEqual([]);
    expect(ids).toContain('governance.exception-unused');
    expect(ids).toContain('governance.exception-expired');
    expect(json.summary.suppressed).toBeGreaterThan(0);
    const expired = json.findings.find((f) => f.checkId === 'governance.exception-expired');
    expect(expired).toMatchObject({ file, line: 12 });
    expect(code).toBe(0);
  });

  it('is a configuration error (exit 2) listing every problem with file and line', async () => {
    const file = write(
      'bad-exceptions.yaml',
      `exceptions:
  - checkId: pss.*
    owner: me
    expires: tomorrow
  - checkId: image.*
    reason: ok
    owner: me
    expires: 2026-02-30
    resource: { colour: red }
`,
    );
    const { code, err } = await scan([path('pod.yaml'), '--exceptions', file]);
    expect(code).toBe(2);
    expect(err).toContain(`${file}:2 exceptions[0].reason: is required`);
    expect(err).toContain(`${file}:4 exceptions[0].expires: must be a date written YYYY-MM-DD`);
    expect(err).toContain(`${file}:8 exceptions[1].expires: must be a date`);
    expect(err).toContain(`${file}:9 exceptions[1].resource.colour: unknown key`);
  });
});

describe('rampart scan --baseline', () => {
  it('writes a baseline, then lists baselined findings marked and exits 0; a new finding fails again', async () => {
    const baseline = path('baseline.json');
    const first = await scan([path('pod.yaml'), '--write-baseline', baseline, '--fail-on', 'none']);
    expect(first.code).toBe(0);
    const written = JSON.parse(readFileSync(baseline, 'utf8')) as { rampartBaseline: number; findings: Array<{ checkId: string; resource: string }> };
    expect(written.rampartBaseline).toBe(1);
    expect(written.findings.map((f) => f.checkId)).toContain('pss.privileged');
    expect(written.findings[0]?.resource).toBe('Pod shop/web');

    const { code, json } = await scanJson([path('pod.yaml'), '--baseline', baseline]);
    expect(code).toBe(0);
    expect(json.findings.length).toBeGreaterThan(0);
    expect(json.findings.every((f) => f.baseline === true)).toBe(true);
    expect(json.summary.baselined).toBe(json.findings.length);
    expect(Object.keys(json.summary).at(-1)).toBe('baselined');
    expect(Object.keys(json.findings[0] ?? {}).at(-1)).toBe('baseline');

    const text = await scan([path('pod.yaml'), '--baseline', baseline]);
    expect(text.out).toContain('(baseline)');
    expect(text.out).toMatch(/\d+ baselined\n$/);

    write('pod2.yaml', PRIVILEGED_POD.replace('name: web', 'name: api'));
    const withNew = await scanJson([path('pod.yaml'), path('pod2.yaml'), '--baseline', baseline]);
    expect(withNew.code).toBe(1);
    expect(withNew.json.findings.filter((f) => f.baseline !== true).every((f) => (f['resource'] as { name: string }).name === 'api')).toBe(true);
  });

  it('sets SARIF baselineState only when a baseline applies', async () => {
    const baseline = path('baseline-sarif.json');
    await scan([path('pod.yaml'), '--write-baseline', baseline, '--fail-on', 'none', '--format', 'json']);
    write('pod3.yaml', PRIVILEGED_POD.replace('name: web', 'name: fresh'));
    type Sarif = { runs: Array<{ results: Array<{ baselineState?: string; properties: { resource: { name: string } } }> }> };
    const withBaseline = JSON.parse((await scan([path('pod.yaml'), path('pod3.yaml'), '--baseline', baseline, '--format', 'sarif'])).out) as Sarif;
    const states = new Set(withBaseline.runs[0]?.results.map((r) => `${r.properties.resource.name}:${r.baselineState}`));
    expect([...states].sort()).toEqual(['fresh:new', 'web:unchanged']);
    const without = JSON.parse((await scan([path('pod.yaml'), '--format', 'sarif'])).out) as Sarif;
    expect(without.runs[0]?.results.every((r) => r.baselineState === undefined)).toBe(true);
  });

  it('rejects a file that is not a baseline (exit 2)', async () => {
    const file = write('not-baseline.json', '{"hello": 1}');
    const { code, err } = await scan([path('pod.yaml'), '--baseline', file]);
    expect(code).toBe(2);
    expect(err).toContain('rampartBaseline');
  });

  it('does not add baseline fields when no baseline is given', async () => {
    const { json } = await scanJson([path('pod.yaml')]);
    expect(json.summary).not.toHaveProperty('baselined');
    expect(json.findings[0]).not.toHaveProperty('baseline');
  });
});

describe('rampart scan --checks-dir', () => {
  it('runs custom checks alongside the built-ins', async () => {
    const checks = join(dir, 'checks-ok');
    write(
      'checks-ok/team-label.yaml',
      `id: custom.team-label
title: Workloads carry a team label
severity: medium
domain: workload
controls: [{ framework: soc2, id: CC8.1 }]
remediation: Add a team label to the resource.
match: { kinds: [Pod, ConfigMap] }
expression: "!has(object.metadata.labels) || !('team' in object.metadata.labels)"
message: '{{kind}} {{name}} has no team label'
path: /metadata
`,
    );
    const { json } = await scanJson([path('pod.yaml'), path('clean.yaml'), '--checks-dir', checks, '--fail-on', 'none', '--compliance', 'soc2']);
    const custom = json.findings.filter((f) => f.checkId === 'custom.team-label');
    expect(custom).toHaveLength(1);
    expect(custom[0]).toMatchObject({ message: 'ConfigMap settings has no team label', file: path('clean.yaml'), line: 3 });
    const cc81 = json.compliance?.frameworks[0]?.controls.find((c) => c.id === 'CC8.1');
    expect(cc81?.evidence.some((e) => e.checkId === 'custom.team-label')).toBe(true);
  });

  it('reports a bad custom check as a configuration error with file and line (exit 2)', async () => {
    const checks = join(dir, 'checks-bad');
    const file = write(
      'checks-bad/broken.yaml',
      `id: team-label
title: Broken
severity: urgent
domain: workload
remediation: Fix it.
expression: |
  has(object.metadata) &&
  object.metadata.name ==
`,
    );
    const { code, err } = await scan([path('pod.yaml'), '--checks-dir', checks]);
    expect(code).toBe(2);
    expect(err).toContain(`${file}:1 id: must start with "custom."`);
    expect(err).toContain(`${file}:3 severity: must be one of`);
    expect(err).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:8 expression: CEL syntax error`));
  });

  it('turns a runtime CEL error on one resource into a run error naming check and resource; the run goes on', async () => {
    const checks = join(dir, 'checks-runtime');
    write(
      'checks-runtime/replicas.yaml',
      `id: custom.spec-field
title: Reads a field without has()
severity: low
domain: workload
remediation: Use has() before reading optional fields.
expression: object.spec.containers.size() > 0 && object.data.mode == 'x'
`,
    );
    const { code, json } = await scanJson([path('pod.yaml'), '--checks-dir', checks, '--fail-on', 'none']);
    expect(code).toBe(0);
    const error = json.errors.find((e) => e.checkId === 'custom.spec-field');
    expect(error?.message).toContain('custom.spec-field failed on Pod shop/web');
    expect(json.findings.some((f) => f.checkId === 'pss.privileged')).toBe(true);
  });
});
