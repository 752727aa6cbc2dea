import { describe, expect, it } from 'vitest';
import { ERRORS_SUITE, SKIPPED_SUITE, junitReporter } from '../../src/report/junit.js';
import { xmlAttr, xmlChars, xmlText } from '../../src/report/xml.js';
import { parseXml } from './decode.js';
import { CHECKS, HOSTILE, TEST_VERSION, finding, manyFindings, scanResult } from './fixtures.js';

const OPTIONS = { color: false, toolVersion: TEST_VERSION };

interface Failure {
  '#text'?: string;
  '@_message': string;
  '@_type': string;
}
interface TestCase {
  '@_name': string;
  '@_classname': string;
  '@_file': string;
  '@_line'?: string;
  failure?: Failure;
  error?: Failure;
  skipped?: { '@_message': string };
}
interface TestSuite {
  '@_name': string;
  '@_tests': string;
  '@_failures': string;
  '@_errors': string;
  '@_skipped': string;
  testcase?: TestCase[];
}
interface Parsed {
  testsuites: { '@_tests': string; '@_failures': string; '@_errors': string; '@_skipped': string; testsuite?: TestSuite[] };
}

function render(...args: Parameters<typeof scanResult>): Parsed {
  return parseXml(junitReporter.render(scanResult(...args), OPTIONS)) as Parsed;
}

function counts(node: { '@_tests': string; '@_failures': string; '@_errors': string; '@_skipped': string }): number[] {
  return [node['@_tests'], node['@_failures'], node['@_errors'], node['@_skipped']].map(Number);
}

describe('junit reporter', () => {
  it('writes an empty but valid report when there is nothing to report', () => {
    const output = junitReporter.render(scanResult(), OPTIONS);
    expect(output).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="rampart" tests="0" failures="0" errors="0" skipped="0"/>\n');
    expect(counts(render().testsuites)).toEqual([0, 0, 0, 0]);
  });

  it('has one suite per check and one failing case per (resource, check) pair', () => {
    const parsed = render({
      findings: [
        finding({ line: 14, column: 13, message: 'container "app" is privileged' }),
        finding({ line: 30, column: 13, message: 'container "sidecar" is privileged' }),
        finding({ file: 'k8s/other.yaml', message: 'other is privileged' }),
        finding({ line: 20, message: 'uses :latest' }, CHECKS.latestTag),
        finding({ resource: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', name: 'ops' }, file: 'rbac.yaml', line: 2, column: 1, message: 'bound' }, CHECKS.clusterAdmin),
      ],
    });
    const root = parsed.testsuites;
    expect(counts(root)).toEqual([4, 4, 0, 0]);
    const suites = root.testsuite ?? [];
    // Worst check first, as everywhere else.
    expect(suites.map((s) => [s['@_name'], ...counts(s)])).toEqual([
      ['rbac.cluster-admin-binding', 1, 1, 0, 0],
      ['pss.privileged', 2, 2, 0, 0],
      ['image.latest-tag', 1, 1, 0, 0],
    ]);
    const privileged = suites[1]?.testcase ?? [];
    expect(privileged.map((c) => [c['@_name'], c['@_classname'], c['@_file'], c['@_line']])).toEqual([
      ['Deployment shop/cart (k8s/cart.yaml)', 'pss.privileged', 'k8s/cart.yaml', '14'],
      ['Deployment shop/cart (k8s/other.yaml)', 'pss.privileged', 'k8s/other.yaml', '14'],
    ]);
    const failure = privileged[0]?.failure;
    expect(failure?.['@_type']).toBe('high');
    expect(failure?.['@_message']).toBe('2 findings: container "app" is privileged; container "sidecar" is privileged');
    expect(failure?.['#text']).toBe(
      '[high] container "app" is privileged\n  at k8s/cart.yaml:14:13 (/spec/template/spec/containers/0/securityContext/privileged)\n' +
        '[high] container "sidecar" is privileged\n  at k8s/cart.yaml:30:13 (/spec/template/spec/containers/0/securityContext/privileged)',
    );
    expect(suites[0]?.testcase?.[0]?.['@_name']).toBe('ClusterRoleBinding ops (rbac.yaml)');
  });

  it('names the Helm template in the case name when known', () => {
    const parsed = render({ findings: [finding({ template: 'chart/templates/deploy.yaml' })] });
    expect(parsed.testsuites.testsuite?.[0]?.testcase?.[0]?.['@_name']).toBe('Deployment shop/cart (k8s/cart.yaml, template chart/templates/deploy.yaml)');
  });

  it('reports run errors as <error> cases and skipped documents as <skipped> cases', () => {
    const parsed = render({
      findings: [finding()],
      errors: [
        { file: 'k8s/broken.yaml', line: 7, message: 'bad indentation' },
        { file: 'k8s/cart.yaml', message: 'check threw', checkId: 'pss.privileged', resource: { apiVersion: 'v1', kind: 'Pod', name: 'p' } },
      ],
      skipped: [{ file: 'notes.yaml', line: 1, reason: 'not a Kubernetes object' }],
    });
    expect(counts(parsed.testsuites)).toEqual([4, 1, 2, 1]);
    const [, errors, skipped] = parsed.testsuites.testsuite ?? [];
    expect(errors?.['@_name']).toBe(ERRORS_SUITE);
    expect(counts(errors as TestSuite)).toEqual([2, 0, 2, 0]);
    expect(errors?.testcase?.map((c) => [c['@_name'], c.error?.['@_message'], c.error?.['#text']])).toEqual([
      ['k8s/broken.yaml:7', 'bad indentation', 'k8s/broken.yaml:7: bad indentation'],
      ['k8s/cart.yaml (pss.privileged, Pod p)', 'check threw', 'k8s/cart.yaml: check threw'],
    ]);
    expect(skipped?.['@_name']).toBe(SKIPPED_SUITE);
    expect(counts(skipped as TestSuite)).toEqual([1, 0, 0, 1]);
    expect(skipped?.testcase?.[0]?.skipped?.['@_message']).toBe('not a Kubernetes object');
  });

  it('round-trips markup, quotes, unicode, tabs and newlines exactly through attributes and text', () => {
    const message = `${HOSTILE}\tTab\nline two\r\nline three ]]> --> <![CDATA[`;
    const parsed = render({ findings: [finding({ message, resource: { apiVersion: 'v1', kind: 'Pod', namespace: '名前空間', name: HOSTILE } })] });
    const testcase = parsed.testsuites.testsuite?.[0]?.testcase?.[0];
    expect(testcase?.['@_name']).toBe(`Pod 名前空間/${HOSTILE} (k8s/cart.yaml)`);
    expect(testcase?.failure?.['@_message']).toBe(message);
    expect(testcase?.failure?.['#text']).toContain(message);
  });

  it('replaces characters XML 1.0 cannot carry, so the document stays well-formed', () => {
    const output = junitReporter.render(scanResult({ findings: [finding({ message: 'a\u0000b\u0008c\u001bd\ud800e\uffffend' })] }), OPTIONS);
    // The XML 1.0 Char production, checked on the raw bytes (parsers are lenient about this).
    expect(output).toMatch(/^[\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]*$/u);
    const parsed = parseXml(output) as Parsed;
    expect(parsed.testsuites.testsuite?.[0]?.testcase?.[0]?.failure?.['@_message']).toBe('a\ufffdb\ufffdc\ufffdd\ufffde\ufffdend');
  });

  it('counts stay right at 10,000 findings', () => {
    const result = manyFindings(10_000);
    const parsed = parseXml(junitReporter.render(result, OPTIONS)) as Parsed;
    const suites = parsed.testsuites.testsuite ?? [];
    const cases = suites.reduce((n, s) => n + (s.testcase?.length ?? 0), 0);
    const pairs = new Set(result.findings.map((f) => `${f.checkId}|${f.file}|${f.resource.namespace}/${f.resource.name}`)).size;
    expect(cases).toBe(pairs);
    expect(counts(parsed.testsuites)).toEqual([pairs, pairs, 0, 0]);
    for (const suite of suites) expect(Number(suite['@_tests'])).toBe(suite.testcase?.length);
  });
});

describe('xml escaping', () => {
  it('escapes text, attributes and invalid characters', () => {
    expect(xmlText('a < b & c > d\r')).toBe('a &lt; b &amp; c &gt; d&#13;');
    expect(xmlAttr(`"it's"\t\n`)).toBe('&quot;it&apos;s&quot;&#9;&#10;');
    expect(xmlChars('ok 名前 🚀 \u0001 \ud83d \ufffe')).toBe('ok 名前 🚀 \ufffd \ufffd \ufffd');
  });
});
