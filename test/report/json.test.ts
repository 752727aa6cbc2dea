import { describe, expect, it } from 'vitest';
import { jsonReporter, toJsonReport } from '../../src/report/json.js';
import { CHECKS, TEST_VERSION, finding, scanResult } from './fixtures.js';

const OPTIONS = { color: false, toolVersion: TEST_VERSION };

/** The example of DESIGN.md, "`rampart scan INPUT… --format json`", as a scan result. */
function designExample() {
  const result = scanResult({
    findings: [
      finding({
        fingerprint: 'stable hash of checkId + resource + path',
        controls: [
          { framework: 'cis-k8s', id: '5.2.2' },
          { framework: 'pss', id: 'baseline' },
        ],
      }),
    ],
    errors: [{ file: 'k8s/broken.yaml', line: 7, message: '...' }],
  });
  return {
    ...result,
    summary: {
      documents: 14,
      resources: 12,
      skipped: 1,
      failed: 1,
      findings: 3,
      suppressed: 0,
      bySeverity: { critical: 0, high: 1, medium: 2, low: 0, info: 0 },
    },
  };
}

describe('json reporter', () => {
  it('matches the DESIGN.md contract byte for byte (key order included)', () => {
    const expected = {
      schemaVersion: 1,
      tool: { name: 'rampart', version: TEST_VERSION },
      summary: {
        documents: 14,
        resources: 12,
        skipped: 1,
        failed: 1,
        findings: 3,
        suppressed: 0,
        bySeverity: { critical: 0, high: 1, medium: 2, low: 0, info: 0 },
      },
      findings: [
        {
          checkId: 'pss.privileged',
          severity: 'high',
          domain: 'pod-security',
          title: 'Privileged container',
          message: 'container "app" sets securityContext.privileged=true',
          resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'cart' },
          file: 'k8s/cart.yaml',
          line: 14,
          column: 13,
          path: '/spec/template/spec/containers/0/securityContext/privileged',
          controls: [
            { framework: 'cis-k8s', id: '5.2.2' },
            { framework: 'pss', id: 'baseline' },
          ],
          fingerprint: 'stable hash of checkId + resource + path',
        },
      ],
      errors: [{ file: 'k8s/broken.yaml', line: 7, message: '...' }],
      skipped: [],
    };
    const output = jsonReporter.render(designExample(), OPTIONS);
    expect(JSON.parse(output)).toEqual(expected);
    // The layout: the envelope indented by two, each finding one compact line.
    const { findings } = expected;
    const pretty = JSON.stringify({ ...expected, findings: [] }, null, 2).replace('"findings": []', `"findings": [\n    ${JSON.stringify(findings[0])}\n  ]`);
    expect(output).toBe(`${pretty}\n`);
  });

  it('writes one compact line per finding, separated by commas, the same value as toJsonReport', () => {
    const result = scanResult({
      findings: [
        finding({ file: 'a.yaml', line: 1 }),
        finding({ file: 'a.yaml', line: 2, message: 'quote " backslash \\ tab \t newline \n nul \u0000 lone \ud800 pair 😀' }),
        finding({ file: 'b "odd".yaml', line: 3, path: '/metadata/annotations/a~1b' }, CHECKS.latestTag),
        finding({ file: 'c.yaml', line: 4, template: 'chart/templates/x.yaml' }),
        { ...finding({ file: 'd.yaml', line: 5 }), baseline: true } as ReturnType<typeof finding>,
      ],
    });
    const output = jsonReporter.render(result, OPTIONS);
    expect(JSON.parse(output)).toEqual(JSON.parse(JSON.stringify(toJsonReport(result, OPTIONS))));
    const lines = output.split('\n').filter((l) => l.startsWith('    {'));
    expect(lines).toHaveLength(5);
    for (const [i, line] of lines.entries()) expect(JSON.parse(i < 4 ? line.slice(4, -1) : line.slice(4))).toHaveProperty('checkId');
  });

  it('writes each finding with its own metadata when a check id comes with different titles or controls', () => {
    const first = finding({ file: 'a.yaml', line: 1 });
    const renamed = { ...finding({ file: 'a.yaml', line: 2 }), title: 'Another title', controls: [{ framework: 'soc2', id: 'CC6.1' }] } as ReturnType<typeof finding>;
    const { findings } = JSON.parse(jsonReporter.render(scanResult({ findings: [first, renamed, finding({ file: 'a.yaml', line: 3 })] }), OPTIONS)) as { findings: Array<{ title: string; controls: unknown[] }> };
    expect(findings.map((f) => f.title)).toEqual(['Privileged container', 'Another title', 'Privileged container']);
    expect(findings.map((f) => f.controls)).toEqual([first.controls, [{ framework: 'soc2', id: 'CC6.1' }], first.controls]);
  });

  it('streams the same bytes through renderTo as render returns', () => {
    const result = scanResult({ findings: Array.from({ length: 3000 }, (_, i) => finding({ file: `f${i % 7}.yaml`, line: i + 1, message: `m ${'ü'.repeat(i % 50)}` })) });
    const chunks: Buffer[] = [];
    jsonReporter.renderTo?.(result, OPTIONS, (bytes) => chunks.push(Buffer.from(bytes)));
    expect(chunks.length).toBeGreaterThan(1);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(jsonReporter.render(result, OPTIONS));
  });

  it('puts the contract keys first and extensions after them', () => {
    const parsed = JSON.parse(jsonReporter.render(designExample(), { ...OPTIONS, compliance: { 'cis-k8s': { passed: 3 } } })) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['schemaVersion', 'tool', 'summary', 'findings', 'errors', 'skipped', 'compliance']);
    expect(parsed['compliance']).toEqual({ 'cis-k8s': { passed: 3 } });
    expect(Object.keys(JSON.parse(jsonReporter.render(designExample(), OPTIONS)) as object)).not.toContain('compliance');
  });

  it('omits namespace for cluster-scoped resources and adds template last when known', () => {
    const result = scanResult({
      findings: [
        finding({ template: 'chart/templates/deploy.yaml' }),
        finding({ resource: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', name: 'x' }, line: 1 }, CHECKS.clusterAdmin),
      ],
    });
    const { findings } = JSON.parse(jsonReporter.render(result, OPTIONS)) as { findings: Array<Record<string, unknown>> };
    expect(Object.keys(findings[0]?.['resource'] as object)).toEqual(['apiVersion', 'kind', 'name']);
    expect(findings[0]).not.toHaveProperty('template');
    expect(Object.keys(findings[1] as object).at(-1)).toBe('template');
    expect(Object.keys(findings[1]?.['resource'] as object)).toEqual(['apiVersion', 'kind', 'namespace', 'name']);
  });

  it('sorts findings by severity (worst first), then file, line, column and check id', () => {
    const result = scanResult({
      findings: [
        finding({ file: 'b.yaml', line: 1, column: 1 }, CHECKS.latestTag),
        finding({ file: 'b.yaml', line: 1, column: 1 }),
        finding({ file: 'a.yaml', line: 9, column: 1 }),
        finding({ file: 'a.yaml', line: 2, column: 7 }),
        finding({ file: 'a.yaml', line: 2, column: 3 }),
        finding({ file: 'z.yaml', line: 1, column: 1, checkId: 'pss.b' }),
        finding({ file: 'z.yaml', line: 1, column: 1, checkId: 'pss.a' }),
        finding({ file: 'z.yaml', line: 1, column: 1 }, CHECKS.clusterAdmin),
        finding({ file: 'a.yaml', line: 1, column: 1 }, CHECKS.noProbe),
      ],
    });
    const { findings } = JSON.parse(jsonReporter.render(result, OPTIONS)) as { findings: Array<{ severity: string; file: string; line: number; column: number; checkId: string }> };
    expect(findings.map((f) => `${f.severity} ${f.file}:${f.line}:${f.column} ${f.checkId}`)).toEqual([
      'critical z.yaml:1:1 rbac.cluster-admin-binding',
      'high a.yaml:2:3 pss.privileged',
      'high a.yaml:2:7 pss.privileged',
      'high a.yaml:9:1 pss.privileged',
      'high b.yaml:1:1 pss.privileged',
      'high z.yaml:1:1 pss.a',
      'high z.yaml:1:1 pss.b',
      'medium b.yaml:1:1 image.latest-tag',
      'info a.yaml:1:1 workload.no-liveness-probe',
    ]);
  });

  it('writes error fields in contract order and only when present', () => {
    const result = scanResult({
      errors: [
        { message: 'check threw', resource: { apiVersion: 'v1', kind: 'Pod', name: 'p' }, checkId: 'pss.privileged', line: 2, file: 'b.yaml' },
        { message: 'not UTF-8', file: 'a.yaml' },
      ],
    });
    const { errors } = JSON.parse(jsonReporter.render(result, OPTIONS)) as { errors: object[] };
    expect(errors.map((e) => Object.keys(e))).toEqual([
      ['file', 'message'],
      ['file', 'line', 'message', 'checkId', 'resource'],
    ]);
  });

  it('fills every severity in bySeverity even when the engine left one out', () => {
    const result = scanResult();
    const partial = { ...result, summary: { ...result.summary, bySeverity: { high: 2 } as typeof result.summary.bySeverity } };
    const { summary } = JSON.parse(jsonReporter.render(partial, OPTIONS)) as { summary: { bySeverity: object } };
    expect(summary.bySeverity).toEqual({ critical: 0, high: 2, medium: 0, low: 0, info: 0 });
    expect(Object.keys(summary.bySeverity)).toEqual(['critical', 'high', 'medium', 'low', 'info']);
  });

  it('indents the envelope with two spaces and ends with a newline', () => {
    const output = jsonReporter.render(scanResult(), OPTIONS);
    expect(output.startsWith('{\n  "schemaVersion": 1,\n  "tool": {\n    "name": "rampart",')).toBe(true);
    expect(output.endsWith('}\n')).toBe(true);
  });

  it('keeps unicode as characters, not escapes', () => {
    const result = scanResult({ findings: [finding({ message: '名前 🚀' })] });
    expect(jsonReporter.render(result, OPTIONS)).toContain('"message":"名前 🚀"');
  });
});
