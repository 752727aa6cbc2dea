import { existsSync, readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
// ajv-formats is CommonJS: under NodeNext its default import is `module.exports`, whose `.default` is the plugin.
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { ScanResult } from '../../src/engine/types.js';
import { sarifReporter, toArtifactUri, toSarifLog, type SarifLog } from '../../src/report/sarif.js';
import { CHECKS, TEST_VERSION, contractCases, finding, scanResult } from './fixtures.js';
import { sharedPath } from '../support/shared.js';

const OPTIONS = { color: false, toolVersion: TEST_VERSION };
const SCHEMA_PATH = sharedPath('schemas/sarif/sarif-schema-2.1.0.json');

type Schema = Record<string, unknown>;

/** Keywords under which a draft-04 schema holds a map of subschemas (so keys there are names, not keywords). */
const SCHEMA_MAPS = new Set(['properties', 'definitions', 'patternProperties', 'dependencies']);

/**
 * The SARIF 2.1.0 schema declares draft-04, which Ajv 8 no longer implements (and
 * ajv-draft-04 is not installed). Draft-04 differs from draft-07 in only two places that could
 * matter here: `id` is spelt `$id`, and `exclusiveMinimum`/`exclusiveMaximum` are booleans.
 * This rewrites `id` and refuses the schema outright if it uses the boolean form, so the
 * validation is exactly draft-04's, not an approximation of it.
 */
function draft04ToDraft07(node: unknown, isSchema = true): unknown {
  if (Array.isArray(node)) return node.map((n) => draft04ToDraft07(n, isSchema));
  if (typeof node !== 'object' || node === null) return node;
  const out: Schema = {};
  for (const [key, value] of Object.entries(node as Schema)) {
    if (!isSchema) {
      out[key] = draft04ToDraft07(value, true);
    } else if (key === '$schema') {
      continue;
    } else if (key === 'id' && typeof value === 'string') {
      out['$id'] = value;
    } else if ((key === 'exclusiveMinimum' || key === 'exclusiveMaximum') && typeof value === 'boolean') {
      throw new Error(`draft-04 boolean ${key} is not supported by this conversion`);
    } else if (key === 'enum' || key === 'required' || key === 'default') {
      out[key] = value;
    } else {
      out[key] = draft04ToDraft07(value, !SCHEMA_MAPS.has(key));
    }
  }
  return out;
}

/** Picks the Ajv class for the draft the schema declares. */
function compileSchema(schema: Schema): ValidateFunction {
  const declared = String(schema['$schema'] ?? '');
  // Strict, except for two rules the official schema itself breaks: `required` inside an
  // `anyOf` branch that does not list the property, and union types without a `type` guard.
  const options = { allErrors: true, strict: true, strictRequired: false, strictTypes: false } as const;
  let ajv: Ajv | Ajv2019 | Ajv2020;
  let target: Schema = schema;
  if (declared.includes('draft-04')) {
    ajv = new Ajv(options);
    target = draft04ToDraft07(schema) as Schema;
  } else if (declared.includes('draft-07') || declared.includes('draft-06')) {
    ajv = new Ajv(options);
  } else if (declared.includes('2019-09')) {
    ajv = new Ajv2019(options);
  } else if (declared.includes('2020-12')) {
    ajv = new Ajv2020(options);
  } else {
    throw new Error(`unexpected JSON Schema draft "${declared}" in ${SCHEMA_PATH}`);
  }
  ajvFormats.default(ajv);
  return ajv.compile(target);
}

let compiled: ValidateFunction | undefined;

/**
 * The validator, compiled on first use. A missing ../shared fails every test that needs it
 * (never skips it): a green run without the schema would prove nothing about the output.
 */
function validator(): ValidateFunction {
  if (!existsSync(SCHEMA_PATH)) {
    throw new Error(
      `../shared is required: the SARIF 2.1.0 schema was not found at ${SCHEMA_PATH}. ` +
        "../shared is the team's shared reference material checkout; check it out next to the project root.",
    );
  }
  compiled ??= compileSchema(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as Schema);
  return compiled;
}

function render(result: ScanResult): SarifLog {
  return JSON.parse(sarifReporter.render(result, OPTIONS)) as SarifLog;
}

function expectValid(log: unknown): void {
  const validate = validator();
  const ok = validate(log);
  expect(ok ? [] : JSON.stringify(validate.errors?.slice(0, 5), null, 1)).toEqual([]);
}

describe('sarif reporter', () => {
  it.each(Object.entries(contractCases()))('validates against the SARIF 2.1.0 schema: %s', (_name, result) => {
    expectValid(render(result));
  });

  it('the validator rejects an invalid log (the schema check has teeth)', () => {
    const validate = validator();
    const log = render(scanResult({ findings: [finding()] }));
    const broken = structuredClone(log) as unknown as { runs: Array<{ results: Array<Record<string, unknown>> }> };
    const first = broken.runs[0]?.results[0];
    if (first) first['level'] = 'fatal';
    expect(validate(broken)).toBe(false);
    expect(validate({ ...log, version: '2.0.0' })).toBe(false);
  });

  it('describes the tool and one rule per check that ran, sorted by id', () => {
    const log = render(scanResult({ findings: [finding()] }));
    const driver = log.runs[0].tool.driver;
    expect(driver).toMatchObject({ name: 'rampart', version: TEST_VERSION });
    // No project address is published yet; SARIF makes informationUri optional, and a made-up one would mislead.
    expect(driver).not.toHaveProperty('informationUri');
    expect(driver.rules.map((r) => r.id)).toEqual(['image.latest-tag', 'pss.privileged', 'rbac.cluster-admin-binding', 'workload.no-liveness-probe']);
    expect(driver.rules.find((r) => r.id === 'pss.privileged')).toEqual({
      id: 'pss.privileged',
      name: 'PssPrivileged',
      shortDescription: { text: 'Privileged container' },
      fullDescription: { text: CHECKS.privileged.docs, markdown: CHECKS.privileged.docs },
      help: {
        text: `${CHECKS.privileged.remediation}\n\n${CHECKS.privileged.docs}`,
        markdown: `**Remediation:** ${CHECKS.privileged.remediation}\n\n${CHECKS.privileged.docs}\n\n**Controls:** cis-k8s 5.2.2, pss baseline`,
      },
      defaultConfiguration: { level: 'error' },
      properties: { 'security-severity': '8.0', tags: ['security', 'pod-security', 'cis-k8s:5.2.2', 'pss:baseline'], domain: 'pod-security', severity: 'high' },
    });
  });

  it('maps severities to levels and security-severity scores', () => {
    const log = render(scanResult());
    const bySeverity = Object.fromEntries(log.runs[0].tool.driver.rules.map((r) => [r.properties.severity, [r.defaultConfiguration.level, r.properties['security-severity']]]));
    expect(bySeverity).toEqual({ critical: ['error', '9.5'], high: ['error', '8.0'], medium: ['warning', '5.5'], info: ['note', '0.0'] });
  });

  it('writes one result per finding, with rule index, location, resource and fingerprint', () => {
    const result = scanResult({
      findings: [finding({ template: 'chart/templates/deploy.yaml' }), finding({ line: 40, column: 2, message: 'latest' }, CHECKS.latestTag)],
    });
    const log = render(result);
    const { results } = log.runs[0];
    const rules = log.runs[0].tool.driver.rules;
    for (const r of results) expect(rules[r.ruleIndex]?.id).toBe(r.ruleId);
    expect(results[0]).toEqual({
      ruleId: 'pss.privileged',
      ruleIndex: 1,
      level: 'error',
      message: { text: 'container "app" sets securityContext.privileged=true' },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: 'k8s/cart.yaml' }, region: { startLine: 14, startColumn: 13 } },
          logicalLocations: [{ name: 'cart', fullyQualifiedName: 'Deployment shop/cart', kind: 'resource' }],
        },
      ],
      partialFingerprints: { 'rampart/v1': 'fp-pss.privileged-14-13-cart' },
      properties: {
        severity: 'high',
        domain: 'pod-security',
        path: '/spec/template/spec/containers/0/securityContext/privileged',
        resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'cart' },
        controls: CHECKS.privileged.controls,
        template: 'chart/templates/deploy.yaml',
      },
    });
    expect(results[1]?.level).toBe('warning');
  });

  it('still gives a rule to a finding whose check was not passed in', () => {
    const log = render(scanResult({ findings: [finding({ checkId: 'custom.thing', title: 'Custom thing' })], checks: [] }));
    expect(log.runs[0].tool.driver.rules.map((r) => [r.id, r.shortDescription.text])).toEqual([['custom.thing', 'Custom thing']]);
    expect(log.runs[0].results[0]?.ruleIndex).toBe(0);
    expectValid(log);
  });

  it('omits the region for findings without a position and keeps the log valid', () => {
    const log = render(scanResult({ findings: [finding({ file: 'cluster://prod/apis/apps/v1', line: 0, column: 0 })] }));
    expect(log.runs[0].results[0]?.locations[0]?.physicalLocation).toEqual({ artifactLocation: { uri: 'cluster://prod/apis/apps/v1' } });
    expectValid(log);
  });

  it('reports run errors and skipped documents as notifications, and marks the run unsuccessful on errors', () => {
    const clean = render(scanResult({ findings: [finding()] }));
    expect(clean.runs[0].invocations[0]).toEqual({ executionSuccessful: true, toolExecutionNotifications: [] });
    const log = render(
      scanResult({
        errors: [
          { file: 'k8s/broken.yaml', line: 7, message: 'bad indentation' },
          { file: 'k8s/cart.yaml', message: 'check threw', checkId: 'pss.privileged', resource: { apiVersion: 'v1', kind: 'Pod', name: 'p' } },
        ],
        skipped: [{ file: 'notes.yaml', reason: 'not a Kubernetes object' }],
      }),
    );
    expect(log.runs[0].invocations[0]).toEqual({
      executionSuccessful: false,
      toolExecutionNotifications: [
        { level: 'error', message: { text: 'bad indentation' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'k8s/broken.yaml' }, region: { startLine: 7 } } }] },
        {
          level: 'error',
          message: { text: 'check threw' },
          locations: [{ physicalLocation: { artifactLocation: { uri: 'k8s/cart.yaml' } } }],
          associatedRule: { id: 'pss.privileged', index: 1 },
          properties: { resource: { apiVersion: 'v1', kind: 'Pod', name: 'p' } },
        },
        { level: 'note', message: { text: 'skipped: not a Kubernetes object' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'notes.yaml' } } }] },
      ],
    });
    expectValid(log);
  });

  it('carries the summary, and the compliance roll-up when given, in run properties', () => {
    const result = scanResult({ findings: [finding()] });
    expect(toSarifLog(result, OPTIONS).runs[0].properties).toEqual({ summary: result.summary });
    expect(toSarifLog(result, { ...OPTIONS, compliance: { pss: 'baseline' } }).runs[0].properties.compliance).toEqual({ pss: 'baseline' });
  });
});

describe('toArtifactUri', () => {
  it.each([
    ['k8s/cart.yaml', 'k8s/cart.yaml'],
    ['k8s\\windows\\cart.yaml', 'k8s/windows/cart.yaml'],
    ['my dir/a#b?c%d.yaml', 'my%20dir/a%23b%3Fc%25d.yaml'],
    ['名前/🚀.yaml', '%E5%90%8D%E5%89%8D/%F0%9F%9A%80.yaml'],
    ['a:b/c.yaml', 'a%3Ab/c.yaml'],
    ['../up/c.yaml', '../up/c.yaml'],
    ['/srv/k8s/a b.yaml', 'file:///srv/k8s/a%20b.yaml'],
    ['C:\\k8s\\a.yaml', 'file:///C:/k8s/a.yaml'],
    ['-', '-'],
    ['cluster://prod/api/v1 x', 'cluster://prod/api/v1%20x'],
    ['bad\ud800name.yaml', 'bad%EF%BF%BDname.yaml'],
  ])('%s → %s', (file, uri) => {
    expect(toArtifactUri(file)).toBe(uri);
  });
});
