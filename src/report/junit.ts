/**
 * `--format junit`: JUnit XML for CI systems that show test reports (Jenkins, GitLab, Azure
 * DevOps, CircleCI).
 *
 * Layout: one `<testsuite>` per check (name = check id), because CI dashboards group and
 * trend by suite and "which checks fail" is the question a CI report answers; one
 * `<testcase>` per (resource, check) pair with findings, carrying one `<failure>` that lists
 * all findings of that check on that resource. Checks and resources without findings do not
 * appear: the scan result does not say which resources each check evaluated. Run errors go
 * to a final `rampart.errors` suite as `<error>` cases, skipped documents to a
 * `rampart.skipped` suite as `<skipped>` cases, so nothing in the result is silently lost.
 */
import { severityRank, type Finding, type ScanResult } from '../engine/types.js';
import { describeResource } from '../model/types.js';
import type { Reporter } from './reporter.js';
import { sortErrors, sortFindings } from './order.js';
import { xmlAttrs, xmlText } from './xml.js';

export const ERRORS_SUITE = 'rampart.errors';
export const SKIPPED_SUITE = 'rampart.skipped';

interface Suite {
  name: string;
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  body: string[];
}

function position(file: string, line?: number, column?: number): string {
  if (line === undefined || line < 1) return file;
  return column !== undefined && column >= 1 ? `${file}:${line}:${column}` : `${file}:${line}`;
}

/** `Deployment shop/cart (k8s/cart.yaml)`: the file keeps same-named resources in different files apart. */
function caseName(finding: Finding): string {
  const template = finding.template !== undefined ? `, template ${finding.template}` : '';
  return `${describeResource(finding.resource)} (${finding.file}${template})`;
}

function failureCase(checkId: string, findings: readonly Finding[]): string {
  // Findings arrive sorted, so the first is the worst and the earliest.
  const lead = findings[0];
  if (!lead) return '';
  let worst = lead;
  for (const f of findings) if (severityRank(f.severity) > severityRank(worst.severity)) worst = f;
  const message = findings.length === 1 ? lead.message : `${findings.length} findings: ${findings.map((f) => f.message).join('; ')}`;
  const details = findings
    .map((f) => `[${f.severity}] ${f.message}\n  at ${position(f.file, f.line, f.column)}${f.path ? ` (${f.path})` : ''}`)
    .join('\n');
  return (
    `    <testcase${xmlAttrs({ name: caseName(lead), classname: checkId, file: lead.file, line: lead.line >= 1 ? lead.line : undefined })}>\n` +
    `      <failure${xmlAttrs({ message, type: worst.severity })}>${xmlText(details)}</failure>\n` +
    `    </testcase>`
  );
}

function renderSuite(suite: Suite): string {
  const attrs = xmlAttrs({ name: suite.name, tests: suite.tests, failures: suite.failures, errors: suite.errors, skipped: suite.skipped });
  if (suite.body.length === 0) return `  <testsuite${attrs}/>`;
  return `  <testsuite${attrs}>\n${suite.body.join('\n')}\n  </testsuite>`;
}

/**
 * `--format junit`.
 *
 * @example
 * writeFileSync('rampart-junit.xml', junitReporter.render(result, { color: false, toolVersion: TOOL_VERSION }));
 */
export const junitReporter: Reporter = {
  format: 'junit',
  render(result: ScanResult) {
    // check id → resource key → findings, in reporting order (worst check first).
    const byCheck = new Map<string, Map<string, Finding[]>>();
    for (const finding of sortFindings(result.findings)) {
      let byResource = byCheck.get(finding.checkId);
      if (!byResource) byCheck.set(finding.checkId, (byResource = new Map()));
      const key = caseName(finding) + '\u0000' + finding.resource.apiVersion;
      const list = byResource.get(key);
      if (list) list.push(finding);
      else byResource.set(key, [finding]);
    }

    const suites: Suite[] = [];
    for (const [checkId, byResource] of byCheck) {
      const body = [...byResource.values()].map((findings) => failureCase(checkId, findings));
      suites.push({ name: checkId, tests: body.length, failures: body.length, errors: 0, skipped: 0, body });
    }
    if (result.errors.length > 0) {
      const body = sortErrors(result.errors).map((e) => {
        const where = position(e.file, e.line);
        const context = [e.checkId, e.resource && describeResource(e.resource)].filter((s) => s !== undefined).join(', ');
        const name = context ? `${where} (${context})` : where;
        return (
          `    <testcase${xmlAttrs({ name, classname: ERRORS_SUITE, file: e.file, line: e.line })}>\n` +
          `      <error${xmlAttrs({ message: e.message, type: 'error' })}>${xmlText(`${where}: ${e.message}`)}</error>\n` +
          `    </testcase>`
        );
      });
      suites.push({ name: ERRORS_SUITE, tests: body.length, failures: 0, errors: body.length, skipped: 0, body });
    }
    if (result.skipped.length > 0) {
      const body = result.skipped.map(
        (s) =>
          `    <testcase${xmlAttrs({ name: position(s.file, s.line), classname: SKIPPED_SUITE, file: s.file, line: s.line })}>\n` +
          `      <skipped${xmlAttrs({ message: s.reason })}/>\n` +
          `    </testcase>`,
      );
      suites.push({ name: SKIPPED_SUITE, tests: body.length, failures: 0, errors: 0, skipped: body.length, body });
    }

    const total = (key: 'tests' | 'failures' | 'errors' | 'skipped'): number => suites.reduce((n, s) => n + s[key], 0);
    const rootAttrs = xmlAttrs({ name: 'rampart', tests: total('tests'), failures: total('failures'), errors: total('errors'), skipped: total('skipped') });
    const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
    if (suites.length === 0) lines.push(`<testsuites${rootAttrs}/>`);
    else lines.push(`<testsuites${rootAttrs}>`, ...suites.map(renderSuite), '</testsuites>');
    return `${lines.join('\n')}\n`;
  },
};
