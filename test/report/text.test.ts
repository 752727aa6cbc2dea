import { describe, expect, it } from 'vitest';
import { summaryLine, textReporter } from '../../src/report/text.js';
import { CHECKS, TEST_VERSION, finding, scanResult } from './fixtures.js';

const PLAIN = { color: false, toolVersion: TEST_VERSION };

describe('text reporter', () => {
  it('ends with the one-line summary in the documented wording', () => {
    expect(
      summaryLine({
        documents: 14,
        resources: 12,
        skipped: 1,
        failed: 1,
        findings: 3,
        suppressed: 0,
        bySeverity: { critical: 0, high: 1, medium: 2, low: 0, info: 0 },
      }),
    ).toBe('14 documents: 12 resources evaluated, 1 skipped, 1 failed — 3 findings (0 critical, 1 high, 2 medium, 0 low, 0 info), 0 suppressed');
    const output = textReporter.render(scanResult({ findings: [finding()] }), PLAIN);
    expect(output.trimEnd().split('\n').at(-1)).toBe(
      '1 document: 1 resource evaluated, 0 skipped, 0 failed — 1 finding (0 critical, 1 high, 0 medium, 0 low, 0 info), 0 suppressed',
    );
  });

  it('says "No findings." and still prints the summary when there is nothing to report', () => {
    const output = textReporter.render(scanResult({ resources: 4 }), PLAIN);
    expect(output).toBe(
      'No findings.\n\n4 documents: 4 resources evaluated, 0 skipped, 0 failed — 0 findings (0 critical, 0 high, 0 medium, 0 low, 0 info), 0 suppressed\n',
    );
  });

  it('groups findings by resource, worst resource first, worst finding first, with file:line:column', () => {
    const result = scanResult({
      findings: [
        finding({ line: 20, column: 5, message: 'uses :latest' }, CHECKS.latestTag),
        finding({ line: 14, column: 13 }),
        finding({ line: 30, column: 9, message: 'no probe' }, CHECKS.noProbe),
        finding(
          {
            resource: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', name: 'ops-admin' },
            file: 'k8s/rbac.yaml',
            line: 3,
            column: 1,
            message: 'Group "ops" is bound to cluster-admin',
          },
          CHECKS.clusterAdmin,
        ),
        finding({ resource: { apiVersion: 'v1', kind: 'Pod', namespace: 'shop', name: 'debug' }, file: 'k8s/debug.yaml', line: 8, column: 7, template: 'chart/templates/debug.yaml' }),
      ],
    });
    const lines = textReporter.render(result, PLAIN).split('\n');
    expect(lines.slice(0, 11)).toEqual([
      'ClusterRoleBinding ops-admin  k8s/rbac.yaml:3',
      '  critical  rbac.cluster-admin-binding  Group "ops" is bound to cluster-admin  k8s/rbac.yaml:3:1',
      '',
      'Deployment shop/cart  k8s/cart.yaml:14',
      '  high      pss.privileged  container "app" sets securityContext.privileged=true  k8s/cart.yaml:14:13',
      '  medium    image.latest-tag  uses :latest  k8s/cart.yaml:20:5',
      '  info      workload.no-liveness-probe  no probe  k8s/cart.yaml:30:9',
      '',
      'Pod shop/debug  k8s/debug.yaml:8  (template chart/templates/debug.yaml)',
      '  high      pss.privileged  container "app" sets securityContext.privileged=true  k8s/debug.yaml:8:7',
      '',
    ]);
  });

  it('keeps same-named resources in different files apart', () => {
    const result = scanResult({ findings: [finding({ file: 'a.yaml' }), finding({ file: 'b.yaml' })] });
    const headers = textReporter.render(result, PLAIN).split('\n').filter((l) => l.startsWith('Deployment'));
    expect(headers).toEqual(['Deployment shop/cart  a.yaml:14', 'Deployment shop/cart  b.yaml:14']);
  });

  it('lists errors as file:line: message and skipped documents with their reason', () => {
    const result = scanResult({
      errors: [
        { file: 'k8s/broken.yaml', line: 7, message: 'bad indentation' },
        { file: 'k8s/cart.yaml', line: 1, message: 'check threw', checkId: 'pss.privileged', resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'cart' } },
      ],
      skipped: [{ file: 'notes.yaml', line: 1, reason: 'not a Kubernetes object' }],
    });
    const output = textReporter.render(result, PLAIN);
    expect(output).toContain('Errors (2):\n  k8s/broken.yaml:7: bad indentation\n  k8s/cart.yaml:1: check threw (pss.privileged, Deployment shop/cart)\n');
    expect(output).toContain('Skipped (1):\n  notes.yaml:1: not a Kubernetes object\n');
  });

  it('colours severities only when asked', () => {
    const result = scanResult({ findings: [finding(), finding({ line: 2 }, CHECKS.clusterAdmin)] });
    const coloured = textReporter.render(result, { ...PLAIN, color: true });
    expect(coloured).toContain('\u001b[31mhigh    \u001b[39m');
    expect(coloured).toMatch(/\u001b\[1m\u001b\[31mcritical/);
    expect(textReporter.render(result, PLAIN)).not.toContain('\u001b');
    // Colour changes presentation only: stripped of escape codes, both outputs are equal.
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(textReporter.render(result, PLAIN));
  });

  it('prints unicode names and messages as they are', () => {
    const result = scanResult({
      findings: [finding({ resource: { apiVersion: 'v1', kind: 'Pod', namespace: '名前空間', name: '名前-🚀' }, message: 'conteneur « 名前 » 🚀 <&>"\'' })],
    });
    const output = textReporter.render(result, PLAIN);
    expect(output).toContain('Pod 名前空間/名前-🚀  k8s/cart.yaml:14');
    expect(output).toContain('conteneur « 名前 » 🚀 <&>"\'');
  });

  it('shows terminal escapes and bidi overrides from manifests as visible text instead of executing them', () => {
    const result = scanResult({ findings: [finding({ message: 'x\u001b[2J\u202eevil\nnext' })] });
    const output = textReporter.render(result, { ...PLAIN, color: true });
    expect(output).toContain('x\\u001b[2J\\u202eevil\\nnext');
    expect(output).not.toContain('\u202e');
  });

  it('omits line and column for findings without a position (live objects)', () => {
    const result = scanResult({ findings: [finding({ file: 'cluster://prod', line: 0, column: 0 })] });
    expect(textReporter.render(result, PLAIN)).toContain('Deployment shop/cart  cluster://prod\n');
  });
});
