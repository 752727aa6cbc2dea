/**
 * The roll-up logic on a small synthetic catalogue and registry, so each status rule is seen
 * in isolation; and once end to end on the real catalogues.
 */
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/checks/index.js';
import { complianceRollup, frameworkReport, isComplianceRollup, normalizeControlId, parseFrameworks, readCatalogues, type Catalogue } from '../../src/engine/compliance.js';
import { assembleScan } from '../../src/engine/scan.js';
import type { AnyCheck, Finding } from '../../src/engine/types.js';
import { UsageError } from '../../src/errors.js';
import { loadText } from '../../src/load/index.js';
import { textReporter } from '../../src/report/text.js';

function check(id: string, controls: AnyCheck['controls']): AnyCheck {
  return {
    id,
    title: id,
    domain: 'workload',
    severity: 'high',
    controls,
    remediation: 'Fix it.',
    docs: '',
    messages: { m: 'm' },
    match: '*',
    scope: 'resource',
    evaluate: () => undefined,
  };
}

function finding(checkDef: AnyCheck, name: string, line: number): Finding {
  return {
    checkId: checkDef.id,
    severity: checkDef.severity,
    domain: checkDef.domain,
    title: checkDef.title,
    message: `${checkDef.id} on ${name}`,
    resource: { apiVersion: 'v1', kind: 'Pod', namespace: 'ns', name },
    file: 'pods.yaml',
    line,
    column: 1,
    path: '',
    controls: [...checkDef.controls],
    fingerprint: `${checkDef.id}-${name}`,
  };
}

const catalogue: Catalogue = {
  framework: 'hipaa',
  title: 'HIPAA',
  version: 'test',
  controls: [
    { id: '164.312(a)(1)', title: 'Access control', aliases: ['164.312(a)'], manual: 'RBAC review' },
    { id: '164.312(b)', title: 'Audit controls', manual: 'audit policy' },
    { id: '164.312(c)(1)', title: 'Integrity', manual: 'collect x' },
    { id: '164.308(b)(1)', title: 'BA contracts', notApplicable: 'legal' },
  ],
};
const access = check('x.access', [{ framework: 'hipaa', id: '§164.312(a)(1)' }]);
const aliased = check('x.alias', [{ framework: 'hipaa', id: '164.312(a)' }]);
const audit = check('x.audit', [{ framework: 'hipaa', id: '164.312(b)' }, { framework: 'soc2', id: 'CC7.2' }]);

describe('frameworkReport', () => {
  const report = frameworkReport([finding(access, 'b', 9), finding(access, 'a', 3), finding(aliased, 'a', 3)], [access, aliased, audit], catalogue);
  const byId = Object.fromEntries(report.controls.map((c) => [c.id, c]));

  it('fails a control with findings, citing them sorted by file and line, through ids and aliases', () => {
    expect(byId['164.312(a)(1)']?.status).toBe('fail');
    expect(byId['164.312(a)(1)']?.checks).toEqual(['x.access', 'x.alias']);
    expect(byId['164.312(a)(1)']?.evidence.map((e) => `${e.checkId} ${e.resource.name}:${e.line}`)).toEqual(['x.access a:3', 'x.alias a:3', 'x.access b:9']);
  });

  it('passes a control whose checks ran and found nothing', () => {
    expect(byId['164.312(b)']).toMatchObject({ status: 'pass', checks: ['x.audit'], evidence: [] });
  });

  it('reports controls no check decides as manual (with the evidence to collect) or not applicable (with why)', () => {
    expect(byId['164.312(c)(1)']).toMatchObject({ status: 'manual', manual: 'collect x', checks: [] });
    expect(byId['164.308(b)(1)']).toMatchObject({ status: 'not-applicable', reason: 'legal' });
  });

  it('scores passed / (passed + failed)', () => {
    expect(report).toMatchObject({ passed: 1, failed: 1, manual: 1, notApplicable: 1, score: 0.5 });
    expect(frameworkReport([], [], catalogue).score).toBeNull();
  });

  it('keeps the catalogue order and the JSON key order of resources', () => {
    expect(report.controls.map((c) => c.id)).toEqual(catalogue.controls.map((c) => c.id));
    expect(Object.keys(byId['164.312(a)(1)']?.evidence[0]?.resource ?? {})).toEqual(['apiVersion', 'kind', 'namespace', 'name']);
  });

  it('is recognised by the text reporter', () => {
    expect(isComplianceRollup(complianceRollup([], [audit], [catalogue]))).toBe(true);
    expect(isComplianceRollup({ 'cis-k8s': { passed: 3 } })).toBe(false);
  });
});

describe('parseFrameworks', () => {
  it('resolves aliases, comma lists and repeats, keeping the order given', () => {
    expect(parseFrameworks(['cis,pci-dss', 'nsa', 'cis', ' MITRE '])).toEqual(['cis-k8s', 'pci-dss', 'nsa-cisa', 'mitre-attack']);
    expect(parseFrameworks(['all'])).toHaveLength(7);
  });
  it('rejects unknown names, including inherited object keys', () => {
    expect(() => parseFrameworks(['iso'])).toThrow(UsageError);
    expect(() => parseFrameworks(['constructor'])).toThrow(UsageError);
  });
});

describe('normalizeControlId', () => {
  it('ignores case, spaces and §', () => {
    expect(normalizeControlId('§ 164.312(B)')).toBe(normalizeControlId('164.312(b)'));
  });
});

describe('compliance in a real scan', () => {
  const manifest = `apiVersion: v1
kind: Pod
metadata: { name: web, namespace: shop }
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext: { privileged: true }
`;

  it('computes the roll-up before --min-severity trims findings', async () => {
    const compliance = await readCatalogues(['cis-k8s']);
    const settings = { pssLevel: 'restricted', pssVersion: '1.37' } as const;
    const full = assembleScan(loadText(manifest, 'pod.yaml'), CHECKS, { settings, compliance });
    const trimmed = assembleScan(loadText(manifest, 'pod.yaml'), CHECKS, { settings, compliance, minSeverity: 'critical' });
    expect(trimmed.findings.length).toBeLessThan(full.findings.length);
    expect(trimmed.compliance).toEqual(full.compliance);
    expect(full.compliance?.frameworks[0]?.controls.find((c) => c.id === '5.2.2')?.status).toBe('fail');
  });

  it('renders in text with the score headline and evidence', async () => {
    const compliance = await readCatalogues(['pss']);
    const result = assembleScan(loadText(manifest, 'pod.yaml'), CHECKS, { settings: { pssLevel: 'restricted', pssVersion: '1.37' }, compliance });
    const text = textReporter.render(result, { color: false, toolVersion: 'test', compliance: result.compliance });
    expect(text).toMatch(/Compliance — Pod Security Standards .*: 0% \(0 passed, 2 failed, 0 manual, 1 not applicable\)/);
    expect(text).toMatch(/FAIL\s+baseline\s+Baseline/);
    expect(text).toMatch(/high\s+pss\.privileged\s+Pod shop\/web\s+pod\.yaml:8/);
    expect(text).not.toContain('\u001b');
    const colored = textReporter.render(result, { color: true, toolVersion: 'test', compliance: result.compliance });
    expect(colored).toContain('\u001b[31mFAIL');
    // Colour changes only the paint, never the words.
    expect(colored.replace(/\u001b\[\d+m/g, '')).toBe(text);
  });

  it('leaves a value that is not a roll-up out of the text', () => {
    const result = assembleScan(loadText(manifest, 'pod.yaml'), CHECKS, { settings: { pssLevel: 'restricted', pssVersion: '1.37' } });
    const plain = textReporter.render(result, { color: false, toolVersion: 'test' });
    expect(textReporter.render(result, { color: false, toolVersion: 'test', compliance: { 'cis-k8s': { passed: 3 } } })).toBe(plain);
  });
});
