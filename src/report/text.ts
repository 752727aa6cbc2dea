/**
 * `--format text` (the default): a report for a person at a terminal. Findings are grouped by
 * resource because a user fixes one manifest at a time; the worst resource comes first
 * because that is where to start. The last line is always the one-line summary, so
 * `rampart scan … | tail -1` works in scripts and CI logs.
 */
import picocolors from 'picocolors';
import { isComplianceRollup, type ComplianceRollup, type ControlResult, type FrameworkReport } from '../engine/compliance.js';
import { SEVERITIES, type Finding, type RunError, type ScanResult, type Severity, type Summary } from '../engine/types.js';
import { describeResource } from '../model/types.js';
import type { Reporter } from './reporter.js';
import { firstLine, groupByResource, sortErrors } from './order.js';
import { terminalSafe } from './terminal.js';

type Colors = ReturnType<typeof picocolors.createColors>;

const SEVERITY_WIDTH = Math.max(...SEVERITIES.map((s) => s.length));

function paintSeverity(colors: Colors, severity: Severity): string {
  // Padding before painting: escape codes have no width, so padding after would misalign.
  const label = severity.padEnd(SEVERITY_WIDTH);
  switch (severity) {
    case 'critical':
      return colors.bold(colors.red(label));
    case 'high':
      return colors.red(label);
    case 'medium':
      return colors.yellow(label);
    case 'low':
      return colors.cyan(label);
    case 'info':
      return colors.dim(label);
  }
}

function location(file: string, line?: number, column?: number): string {
  let out = terminalSafe(file);
  if (line !== undefined && line > 0) {
    out += `:${line}`;
    if (column !== undefined && column > 0) out += `:${column}`;
  }
  return out;
}

function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/**
 * The closing line, e.g. `14 documents: 12 resources evaluated, 1 skipped, 1 failed — 3
 * findings (0 critical, 1 high, 2 medium, 0 low, 0 info), 0 suppressed`.
 *
 * @example
 * summaryLine(result.summary);
 */
export function summaryLine(summary: Summary): string {
  const bySeverity = SEVERITIES.map((s) => `${summary.bySeverity[s] ?? 0} ${s}`).join(', ');
  const baselined = (summary as Summary & { baselined?: unknown }).baselined;
  return (
    `${plural(summary.documents, 'document')}: ${plural(summary.resources, 'resource')} evaluated, ` +
    `${summary.skipped} skipped, ${summary.failed} failed — ` +
    `${plural(summary.findings, 'finding')} (${bySeverity}), ${summary.suppressed} suppressed` +
    (typeof baselined === 'number' ? `, ${baselined} baselined` : '')
  );
}

function findingLine(colors: Colors, finding: Finding): string {
  const baselined = (finding as Finding & { baseline?: boolean }).baseline === true ? `  ${colors.dim('(baseline)')}` : '';
  return (
    `  ${paintSeverity(colors, finding.severity)}  ${colors.bold(terminalSafe(finding.checkId))}  ` +
    `${terminalSafe(finding.message)}  ${colors.dim(location(finding.file, finding.line, finding.column))}${baselined}`
  );
}

/** Evidence lines printed per failed control; the JSON output carries all of them. */
const EVIDENCE_SHOWN = 5;

const STATUS_LABEL: Readonly<Record<ControlResult['status'], string>> = {
  fail: 'FAIL',
  pass: 'PASS',
  manual: 'MANUAL',
  'not-applicable': 'N/A',
};
const STATUS_ORDER: ReadonlyArray<ControlResult['status']> = ['fail', 'pass', 'manual', 'not-applicable'];
const STATUS_WIDTH = Math.max(...Object.values(STATUS_LABEL).map((l) => l.length));

function paintStatus(colors: Colors, status: ControlResult['status']): string {
  const label = STATUS_LABEL[status].padEnd(STATUS_WIDTH);
  if (status === 'fail') return colors.red(label);
  if (status === 'pass') return colors.green(label);
  return colors.dim(label);
}

/**
 * `PCI DSS 4.0: 83% (5 passed, 1 failed, 40 manual, 1 not applicable)`.
 *
 * @example
 * frameworkHeadline(rollup.frameworks[0]);
 */
export function frameworkHeadline(report: FrameworkReport): string {
  const score = report.score === null ? 'no automated controls' : `${Math.round(report.score * 1000) / 10}%`;
  return `${report.title} ${report.version}: ${score} (${report.passed} passed, ${report.failed} failed, ${report.manual} manual, ${report.notApplicable} not applicable)`;
}

/** The compliance section: per framework, failed controls first with their evidence, then the rest. */
function complianceLines(colors: Colors, rollup: ComplianceRollup): string[] {
  const lines: string[] = [];
  for (const report of rollup.frameworks) {
    lines.push(colors.bold(`Compliance — ${terminalSafe(frameworkHeadline(report))}`));
    const idWidth = Math.min(24, Math.max(0, ...report.controls.map((c) => c.id.length)));
    for (const status of STATUS_ORDER) {
      for (const control of report.controls.filter((c) => c.status === status)) {
        let line = `  ${paintStatus(colors, status)}  ${terminalSafe(control.id).padEnd(idWidth)}  ${terminalSafe(control.title)}`;
        if (status === 'pass' && control.checks.length > 0) {
          const named = control.checks.slice(0, 3).join(', ') + (control.checks.length > 3 ? `, +${control.checks.length - 3} more` : '');
          line += colors.dim(`  (${terminalSafe(named)})`);
        }
        if (status === 'not-applicable' && control.reason !== undefined) line += colors.dim(` — ${terminalSafe(control.reason)}`);
        lines.push(line);
        const indent = ' '.repeat(2 + STATUS_WIDTH + 2 + idWidth + 2);
        if (status === 'fail') {
          for (const e of control.evidence.slice(0, EVIDENCE_SHOWN)) {
            lines.push(
              `${indent}${paintSeverity(colors, e.severity)}  ${terminalSafe(e.checkId)}  ${terminalSafe(describeResource(e.resource))}  ${colors.dim(location(e.file, e.line))}`,
            );
          }
          if (control.evidence.length > EVIDENCE_SHOWN) lines.push(`${indent}… and ${control.evidence.length - EVIDENCE_SHOWN} more`);
        }
        if (status === 'manual' && control.manual !== undefined) lines.push(`${indent}${colors.dim(`evidence: ${terminalSafe(control.manual)}`)}`);
      }
    }
    lines.push('');
  }
  return lines;
}

function errorLine(error: RunError): string {
  let line = `  ${location(error.file, error.line)}: ${terminalSafe(error.message)}`;
  const context = [error.checkId, error.resource && describeResource(error.resource)].filter((s) => s !== undefined);
  if (context.length > 0) line += ` (${terminalSafe(context.join(', '))})`;
  return line;
}

/**
 * `--format text`.
 *
 * @example
 * process.stdout.write(textReporter.render(result, { color: process.stdout.isTTY, toolVersion: TOOL_VERSION }));
 */
export const textReporter: Reporter = {
  format: 'text',
  render(result: ScanResult, options) {
    // A colour set of our own, not picocolors' global one: the global one reads the
    // environment at import, and the CLI has already decided whether colour is wanted.
    const colors = picocolors.createColors(options.color);
    const lines: string[] = [];

    const groups = groupByResource(result.findings);
    if (groups.length === 0) lines.push(colors.green('No findings.'), '');
    for (const group of groups) {
      const { lead } = group;
      let header = `${colors.bold(terminalSafe(describeResource(lead.resource)))}  ${location(lead.file, firstLine(group))}`;
      if (lead.template !== undefined) header += `  (template ${terminalSafe(lead.template)})`;
      lines.push(header);
      for (const finding of group.findings) lines.push(findingLine(colors, finding));
      lines.push('');
    }

    if (isComplianceRollup(options.compliance)) lines.push(...complianceLines(colors, options.compliance));

    if (result.errors.length > 0) {
      lines.push(colors.red(`Errors (${result.errors.length}):`));
      for (const error of sortErrors(result.errors)) lines.push(errorLine(error));
      lines.push('');
    }
    if (result.skipped.length > 0) {
      lines.push(`Skipped (${result.skipped.length}):`);
      for (const skipped of result.skipped) lines.push(`  ${location(skipped.file, skipped.line)}: ${terminalSafe(skipped.reason)}`);
      lines.push('');
    }

    lines.push(summaryLine(result.summary));
    return `${lines.join('\n')}\n`;
  },
};
