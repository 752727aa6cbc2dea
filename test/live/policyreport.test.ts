/**
 * `--format policyreport`: valid against the wgpolicyk8s.io CRD schemas, one report per
 * namespace plus a ClusterPolicyReport, bounded, deterministic; the reporter contract of
 * test/report/contract.test.ts held here too; server-side apply against the fake API server.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CHECKS as ALL_CHECKS } from '../../src/checks/index.js';
import { assembleScan } from '../../src/engine/scan.js';
import type { ScanResult } from '../../src/engine/types.js';
import { applyPolicyReports, policyReportPath, scannedNamespaces } from '../../src/live/apply.js';
import { loadKubeConfig } from '../../src/live/client.js';
import { deployManifests } from '../../src/live/deploy.js';
import { readCluster } from '../../src/live/reader.js';
import { rulesAllow, type PolicyRule } from '../../src/live/scanner-role.js';
import {
  DEFAULT_MAX_RESULTS,
  TRUNCATED_POLICY,
  policyReportReporter,
  toPolicyReports,
  type PolicyReportObject,
} from '../../src/report/policyreport.js';
import { CHECKS, TEST_VERSION, contractCases, finding, manyFindings, scanResult } from '../report/fixtures.js';
import { fixtureDiscovery, startCluster, type TestCluster } from './harness.js';
import { schemaErrors } from './schemas.js';

const OPTIONS = { color: false, toolVersion: TEST_VERSION };

let cluster: TestCluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

function render(result: ScanResult): { text: string; reports: PolicyReportObject[] } {
  const text = policyReportReporter.render(result, OPTIONS);
  return { text, reports: (JSON.parse(text) as { items: PolicyReportObject[] }).items };
}

function validate(report: PolicyReportObject): string[] {
  const schema = report.kind === 'PolicyReport' ? 'crds/wgpolicyk8s.io/policyreport_v1alpha2.json' : 'crds/wgpolicyk8s.io/clusterpolicyreport_v1alpha2.json';
  return schemaErrors(schema, report);
}

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (typeof value === 'object' && value !== null) for (const v of Object.values(value)) strings(v, out);
  return out;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

describe('policyreport: the reporter contract', () => {
  it('is named policyreport', () => {
    expect(policyReportReporter.format).toBe('policyreport');
  });

  describe.each(Object.entries(contractCases()))('case %s', (_name, original) => {
    const result = deepFreeze(original);

    it('is a complete, schema-valid document ending in one newline', () => {
      const { text, reports } = render(result);
      expect(text.endsWith('\n') && !text.endsWith('\n\n')).toBe(true);
      for (const report of reports) expect(validate(report), `${report.kind} ${report.metadata.namespace ?? ''}`).toEqual([]);
      const decoded = strings(reports).join('\u0000');
      const sample = result.findings.length > 100 ? result.findings.filter((_, i) => i % 97 === 0) : result.findings;
      for (const needle of [...sample.flatMap((f) => [f.message, f.checkId, f.resource.name]), ...result.errors.map((e) => e.message)]) {
        expect(decoded.includes(needle), needle).toBe(true);
      }
    });

    it('is deterministic and independent of the order of findings and checks', () => {
      const first = policyReportReporter.render(result, OPTIONS);
      expect(policyReportReporter.render(result, OPTIONS)).toBe(first);
      expect(policyReportReporter.render({ ...result, findings: [...result.findings].reverse(), checks: [...result.checks].reverse() }, OPTIONS)).toBe(first);
      expect(first).not.toContain('\u001b');
    });
  });

  it('renders 10,000 findings in well under a second', () => {
    const result = manyFindings(10_000);
    policyReportReporter.render(result, OPTIONS);
    const start = performance.now();
    const output = policyReportReporter.render(result, OPTIONS);
    expect(performance.now() - start).toBeLessThan(1_000);
    expect(output).toContain('finding 9999 of check');
  });

  it('keeps control characters from breaking the output', () => {
    const nasty = 'a\u0000b\u0007c\u001b[2Jd\ud800e\u202eevil\nnext';
    const output = policyReportReporter.render(
      scanResult({ findings: [finding({ message: nasty, resource: { apiVersion: 'v1', kind: 'Pod', name: nasty } })], errors: [{ file: `x${nasty}.yaml`, line: 1, message: nasty }] }),
      OPTIONS,
    );
    expect(output).not.toMatch(/[\u0000\u0007\u001b]/);
    expect(strings(JSON.parse(output))).toContain(nasty);
  });

  it('prints only what is in findings: never resource bodies smuggled onto a finding', () => {
    const secret = 'c3VwZXItc2VjcmV0LXZhbHVl';
    const body = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, data: { password: secret } };
    const resource = { apiVersion: 'v1', kind: 'Secret', namespace: 'shop', name: 'db', body, labels: {}, annotations: {} };
    const smuggled = { ...finding({ resource }), body, raw: secret };
    const output = policyReportReporter.render(
      scanResult({ findings: [smuggled], errors: [{ file: 'k8s/secret.yaml', line: 1, message: 'check threw', checkId: 'pss.privileged', resource }] }),
      OPTIONS,
    );
    expect(output).not.toContain(secret);
    expect(output).not.toContain('password');
  });
});

describe('policyreport: shape and bounds', () => {
  it('one PolicyReport per namespace, a ClusterPolicyReport for cluster-scoped resources and run errors', () => {
    const result = scanResult({
      findings: [
        finding({ resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'cart' } }),
        finding({ resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'payments', name: 'gw' }, fingerprint: 'fp-gw' }),
        finding({ resource: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', name: 'ops' }, path: '/roleRef/name' }, CHECKS.clusterAdmin),
      ],
      errors: [{ file: 'cluster://test/apis/rbac.authorization.k8s.io/v1/clusterroles', message: 'coverage gap (forbidden): could not list clusterroles' }],
    });
    const { reports } = render(result);
    expect(reports.map((r) => `${r.kind}/${r.metadata.namespace ?? ''}/${r.metadata.name}`)).toEqual(['ClusterPolicyReport//rampart', 'PolicyReport/payments/rampart', 'PolicyReport/shop/rampart']);
    const clusterReport = reports[0] as PolicyReportObject;
    expect(clusterReport.results.map((r) => r.result)).toEqual(['error', 'fail']);
    expect(clusterReport.summary).toEqual({ pass: 0, fail: 1, warn: 0, error: 1, skip: 0 });
    expect(reports[2]?.results[0]).toEqual({
      policy: 'pss.privileged',
      rule: 'Privileged container',
      category: 'pod-security',
      severity: 'high',
      result: 'fail',
      scored: true,
      source: 'rampart',
      message: 'container "app" sets securityContext.privileged=true',
      resources: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'cart', namespace: 'shop' }],
      properties: {
        fingerprint: 'fp-pss.privileged-14-13-cart',
        path: '/spec/template/spec/containers/0/securityContext/privileged',
        controls: 'cis-k8s:5.2.2,pss:baseline',
        file: 'k8s/cart.yaml',
        line: '14',
      },
    });
  });

  it(`caps each report at ${DEFAULT_MAX_RESULTS} results, worst first, and counts what was left out`, () => {
    const findings = Array.from({ length: 2_000 }, (_, i) =>
      finding({ resource: { apiVersion: 'v1', kind: 'Pod', namespace: 'busy', name: `p-${i}` }, fingerprint: `fp-${i}` }, i % 4 === 0 ? CHECKS.privileged : CHECKS.latestTag),
    );
    const { reports } = render(scanResult({ findings }));
    const busy = reports.find((r) => r.metadata.namespace === 'busy') as PolicyReportObject;
    expect(busy.results).toHaveLength(DEFAULT_MAX_RESULTS);
    expect(busy.results.slice(0, 499).every((r) => r.result === 'fail')).toBe(true);
    // All 500 high findings come before any lower one, so the 499 kept are all high.
    expect(new Set(busy.results.slice(0, 499).map((r) => r.severity))).toEqual(new Set([CHECKS.privileged.severity]));
    const last = busy.results[499];
    expect(last).toMatchObject({ policy: TRUNCATED_POLICY, result: 'skip', properties: { omitted: '1501', limit: '500' } });
    expect(busy.metadata.annotations).toMatchObject({ 'rampart.dev/results-total': '2000', 'rampart.dev/results-omitted': '1501' });
    expect(busy.metadata.annotations['rampart.dev/omitted-by-severity']).toBe(`${CHECKS.privileged.severity}=1,${CHECKS.latestTag.severity}=1500`);
    expect(busy.summary).toEqual({ pass: 0, fail: 499, warn: 0, error: 0, skip: 1 });
    expect(validate(busy)).toEqual([]);
    expect(JSON.stringify(busy).length).toBeLessThan(1_000_000);
    expect(toPolicyReports(scanResult({ findings }), { maxResults: 10 }).find((r) => r.metadata.namespace === 'busy')?.results).toHaveLength(10);
  });

  it('gives scanned namespaces without findings an empty report, and stamps a timestamp only when asked', () => {
    const reports = toPolicyReports(scanResult({ findings: [finding()] }), { namespaces: ['quiet', 'shop'], timestamp: new Date('2026-11-26T18:00:00Z') });
    expect(reports.map((r) => r.metadata.namespace ?? '-')).toEqual(['-', 'quiet', 'shop']);
    expect(reports[1]?.results).toEqual([]);
    expect(reports[2]?.results[0]?.timestamp).toEqual({ seconds: Date.parse('2026-11-26T18:00:00Z') / 1000, nanos: 0 });
    for (const r of reports) expect(validate(r)).toEqual([]);
    expect(JSON.stringify(toPolicyReports(scanResult({ findings: [finding()] })))).not.toContain('timestamp');
  });

  it('reports of a live scan of the recorded cluster are valid, gaps included', async () => {
    cluster = await startCluster({ faults: [{ group: 'batch', resource: 'jobs', kind: 'forbidden' }] });
    const { loaded } = await readCluster({ kubeconfig: cluster.kubeconfig });
    const result = assembleScan(loaded, ALL_CHECKS, { settings: { pssLevel: 'restricted', pssVersion: '1.30' } });
    const reports = toPolicyReports(result, { namespaces: scannedNamespaces(loaded.resources) });
    expect(reports.map((r) => r.metadata.namespace ?? '-')).toEqual(['-', 'default', 'kube-system', 'ml', 'payments', 'shop']);
    for (const r of reports) expect(validate(r)).toEqual([]);
    expect(reports[0]?.results[0]).toMatchObject({ policy: 'rampart.error', result: 'error', properties: { file: 'cluster://test/apis/batch/v1/jobs' } });
    expect(reports.find((r) => r.metadata.namespace === 'shop')?.results.some((r) => r.policy === 'pss.privileged')).toBe(true);
  });
});

describe('applyPolicyReports: server-side apply', () => {
  const writerRules = (deployManifests().find((o) => (o['metadata'] as { name: string }).name === 'rampart-report-writer' && o['kind'] === 'ClusterRole') as { rules: PolicyRule[] }).rules;

  it('writes every report with PATCH application/apply-patch+yaml as field manager rampart, within the report-writer role', async () => {
    cluster = await startCluster({ authorize: (r) => rulesAllow(writerRules, r.verb, r.group, r.resource) });
    const reports = toPolicyReports(scanResult({ findings: [finding(), finding({ resource: { apiVersion: 'v1', kind: 'Node', name: 'n1' } })] }), { namespaces: ['payments'] });
    const kc = loadKubeConfig({ kubeconfig: cluster.kubeconfig });
    expect(await applyPolicyReports(kc, reports)).toEqual([
      { kind: 'ClusterPolicyReport', name: 'rampart' },
      { kind: 'PolicyReport', namespace: 'payments', name: 'rampart' },
      { kind: 'PolicyReport', namespace: 'shop', name: 'rampart' },
    ]);
    const patches = cluster.server.requests.filter((r) => r.method === 'PATCH');
    expect(patches.map((r) => r.status)).toEqual([201, 201, 201]);
    for (const p of patches) {
      expect(p.contentType).toBe('application/apply-patch+yaml');
      expect(p.query).toEqual({ fieldManager: 'rampart', force: 'true' });
    }
    for (const report of reports) expect(cluster.server.applied.get(policyReportPath(report))).toMatchObject({ kind: report.kind, results: report.results, summary: report.summary });
    // A second run updates the same objects in place.
    await applyPolicyReports(kc, reports);
    expect(cluster.server.requests.filter((r) => r.method === 'PATCH').slice(3).map((r) => r.status)).toEqual([200, 200, 200]);
  });

  it('reports a failure per report and writes the others', async () => {
    cluster = await startCluster({ authorize: (r) => r.resource !== 'clusterpolicyreports' });
    const reports = toPolicyReports(scanResult({ findings: [finding()] }));
    const outcomes = await applyPolicyReports(loadKubeConfig({ kubeconfig: cluster.kubeconfig }), reports);
    expect(outcomes[0]?.error).toMatch(/HTTP 403 Forbidden/);
    expect(outcomes[1]).toEqual({ kind: 'PolicyReport', namespace: 'shop', name: 'rampart' });
  });

  it('says so when the PolicyReport CRDs are not installed', async () => {
    const discovery = fixtureDiscovery();
    delete discovery['/apis/wgpolicyk8s.io/v1alpha2'];
    cluster = await startCluster({ discovery });
    const outcomes = await applyPolicyReports(loadKubeConfig({ kubeconfig: cluster.kubeconfig }), toPolicyReports(scanResult()));
    expect(outcomes[0]?.error).toMatch(/PolicyReport CRDs \(wgpolicyk8s.io\/v1alpha2\) are not installed/);
  });
});
