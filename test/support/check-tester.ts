/**
 * A RuleTester for checks, in the shape of ESLint's: each check is run against `valid` manifests
 * (no report) and `invalid` ones (exactly the listed reports, in order). Inputs are deep-frozen,
 * so a check that mutates a resource fails its test.
 *
 * @example
 * checkTester.run(check, {
 *   valid: [{ manifest: minimalPod }],
 *   invalid: [{ manifest: privilegedPod, errors: [{ messageId: 'privileged', path: '/spec/containers/0/securityContext/privileged' }] }],
 * });
 */
import { describe, expect, it } from 'vitest';
import { loadText } from '../../src/load/index.js';
import { Inventory } from '../../src/model/inventory.js';
import { evaluateInventory } from '../../src/engine/runner.js';
import type { AnyCheck, CheckContext, InventoryCheckContext, Report, RunSettings } from '../../src/engine/types.js';
import type { Resource } from '../../src/model/types.js';
import { describeResource, resourceRef } from '../../src/model/types.js';
import { recordCheckCases } from './check-coverage.js';
import { fixSources } from '../../src/fix/plan.js';
import type { FixOptions } from '../../src/fix/types.js';

export interface TesterCase {
  /** Shown as the test name; defaults to the first line of the manifest. */
  name?: string;
  /** YAML of the resources under test (several documents allowed). */
  manifest: string;
  /** Other resources of the inventory (namespaces, services…), not expected to be reported. */
  inventory?: string;
  settings?: Partial<RunSettings>;
  options?: unknown;
}

export interface ExpectedReport {
  messageId: string;
  /** JSON Pointer inside the reported resource; checked when given. */
  path?: string;
  /** Placeholder values; each given key is checked. */
  data?: Record<string, string | number>;
  /** `Kind name` or `Kind namespace/name` of the reported resource; checked when given. */
  resource?: string;
}

export interface InvalidCase extends TesterCase {
  errors: ExpectedReport[];
  /**
   * What `rampart fix` makes of the manifest with only this check's fixes: the fixed text, or `null`
   * when it leaves the manifest as it is (no fix, or none that is safe here). Checked when given.
   */
  output?: string | null;
}

export const DEFAULT_TEST_SETTINGS: RunSettings = { pssLevel: 'restricted', pssVersion: '1.37' };

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as object)) deepFreeze(child);
  }
  return value;
}

interface RecordedReport {
  resource: Resource;
  report: Report<string>;
}

/** Runs one check over a case and returns its raw reports (before suppression and location). */
export function runCheck(check: AnyCheck, testCase: TesterCase): RecordedReport[] {
  const loaded = loadText(testCase.manifest + (testCase.inventory ? `\n---\n${testCase.inventory}` : ''), 'case.yaml');
  if (loaded.errors.length > 0) throw new Error(`test manifest does not parse: ${loaded.errors.map((e) => `${e.line}: ${e.message}`).join('; ')}`);
  for (const r of loaded.resources) deepFreeze(r.body);
  const inventory = new Inventory(loaded.resources);
  const recorded: RecordedReport[] = [];
  const spy = wrap(check, recorded);
  const settings = { ...DEFAULT_TEST_SETTINGS, ...testCase.settings };
  const evaluation = evaluateInventory(inventory, [spy], { settings, checkOptions: testCase.options === undefined ? {} : { [check.id]: testCase.options } });
  if (evaluation.errors.length > 0) throw new Error(evaluation.errors.map((e) => e.message).join('\n'));
  return recorded;
}

function wrap(check: AnyCheck, recorded: RecordedReport[]): AnyCheck {
  if (check.scope === 'inventory') {
    return {
      ...check,
      evaluate: (context: InventoryCheckContext<string, unknown>) =>
        check.evaluate({
          ...context,
          report: (report) => {
            recorded.push({ resource: report.resource, report });
            context.report(report);
          },
        }),
    };
  }
  if (check.scope === 'resource') {
    type Evaluate = (context: CheckContext<string, unknown>) => void;
    const wrapEvaluate = (evaluate: Evaluate): Evaluate => (context) =>
      evaluate({
        ...context,
        report: (report) => {
          recorded.push({ resource: context.resource, report });
          context.report(report);
        },
      });
    return {
      ...check,
      ...(check.evaluate ? { evaluate: wrapEvaluate(check.evaluate) } : {}),
      ...(check.versions ? { versions: check.versions.map((v) => ({ since: v.since, evaluate: wrapEvaluate(v.evaluate) })) } : {}),
    };
  }
  return check;
}

/** The manifest after `rampart fix` with only `check`'s fixes (the inventory documents are read, never fixed). */
function fixedText(check: AnyCheck, testCase: InvalidCase): string | undefined {
  const sources = [{ file: 'case.yaml', text: testCase.manifest }, ...(testCase.inventory ? [{ file: 'inventory.yaml', text: testCase.inventory }] : [])];
  const { files } = fixSources(sources, {
    settings: { ...DEFAULT_TEST_SETTINGS, ...testCase.settings },
    checks: [check],
    only: (id) => id === check.id,
    ...(testCase.options !== undefined ? { options: testCase.options as FixOptions } : {}),
  });
  return files[0]?.fixed;
}

function caseName(kind: string, testCase: TesterCase, index: number): string {
  return `${kind} #${index + 1}: ${testCase.name ?? testCase.manifest.split('\n').find((l) => l.startsWith('kind:')) ?? ''}`;
}

export const checkTester = {
  run(check: AnyCheck, cases: { valid: TesterCase[]; invalid: InvalidCase[] }): void {
    recordCheckCases(check.id, cases.valid.length, cases.invalid.length);
    describe(check.id, () => {
      it('has at least one valid and one invalid case', () => {
        expect(cases.valid.length).toBeGreaterThan(0);
        expect(cases.invalid.length).toBeGreaterThan(0);
      });
      cases.valid.forEach((testCase, i) => {
        it(caseName('valid', testCase, i), () => {
          const reports = runCheck(check, testCase);
          expect(reports.map((r) => `${describeResource(resourceRef(r.resource))}: ${r.report.messageId} ${r.report.path}`)).toEqual([]);
        });
      });
      cases.invalid.forEach((testCase, i) => {
        it(caseName('invalid', testCase, i), () => {
          const reports = runCheck(check, testCase);
          expect(reports.length, `reports: ${JSON.stringify(reports.map((r) => r.report))}`).toBe(testCase.errors.length);
          testCase.errors.forEach((expected, j) => {
            const actual = reports[j] as RecordedReport;
            expect(actual.report.messageId).toBe(expected.messageId);
            expect(Object.keys(check.messages)).toContain(actual.report.messageId);
            if (expected.path !== undefined) expect(actual.report.path).toBe(expected.path);
            if (expected.resource !== undefined) expect(describeResource(resourceRef(actual.resource))).toBe(expected.resource);
            for (const [key, value] of Object.entries(expected.data ?? {})) expect(actual.report.data?.[key]).toBe(value);
          });
          if (testCase.output !== undefined) expect(fixedText(check, testCase)).toBe(testCase.output ?? testCase.manifest);
        });
      });
    });
  },
};
