/**
 * The one ordering every reporter shares, so that JSON, SARIF, JUnit and text list the same
 * findings in the same order and a diff between two runs shows only real changes.
 */
import { severityRank, type Finding, type RunError } from '../engine/types.js';
import { describeResource } from '../model/types.js';

/**
 * Code-unit comparison rather than `localeCompare`: the order must not depend on the locale
 * of the machine that produced the report.
 *
 * @example
 * ['b', 'B', 'a'].sort(compareStrings); // ['B', 'a', 'b']
 */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Worst severity first, then file, line, column and check id, as the JSON contract requires.
 * The fingerprint breaks the remaining ties so that the order is total.
 *
 * @example
 * const ordered = [...result.findings].sort(compareFindings);
 */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    compareStrings(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compareStrings(a.checkId, b.checkId) ||
    compareStrings(a.fingerprint, b.fingerprint)
  );
}

/**
 * A sorted copy; the result passed to a reporter is never mutated.
 *
 * @example
 * for (const finding of sortFindings(result.findings)) console.log(finding.checkId);
 */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  // The order of compareFindings, with severity and file turned into numbers first: a large scan
  // sorts tens of thousands of findings, and most comparisons would otherwise walk long file paths.
  const files = [...new Set(findings.map((f) => f.file))].sort(compareStrings);
  const fileRank = new Map(files.map((file, i) => [file, i]));
  const keyed = findings.map((finding) => ({ finding, severity: severityRank(finding.severity), file: fileRank.get(finding.file) ?? 0 }));
  keyed.sort(
    (a, b) =>
      b.severity - a.severity ||
      a.file - b.file ||
      a.finding.line - b.finding.line ||
      a.finding.column - b.finding.column ||
      compareStrings(a.finding.checkId, b.finding.checkId) ||
      compareStrings(a.finding.fingerprint, b.finding.fingerprint),
  );
  return keyed.map((k) => k.finding);
}

/**
 * Errors by file and line (errors without a line first within their file); the stable sort
 * keeps the engine's order for errors at the same place.
 *
 * @example
 * for (const error of sortErrors(result.errors)) console.log(error.file);
 */
export function sortErrors(errors: readonly RunError[]): RunError[] {
  return [...errors].sort((a, b) => compareStrings(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0));
}

/** The findings of one resource (one object in one file), in reporting order. */
export interface ResourceGroup {
  /** The first finding in reporting order: its severity is the group's worst. */
  readonly lead: Finding;
  readonly findings: Finding[];
}

/**
 * Groups findings by the resource they belong to. The same name in two files, or from two
 * Helm templates, is two resources: a user fixes them in two places. Groups come worst-first
 * (worst severity, then most findings, then file and position), findings within a group too.
 *
 * @example
 * for (const group of groupByResource(result.findings)) console.log(describeResource(group.lead.resource));
 */
export function groupByResource(findings: readonly Finding[]): ResourceGroup[] {
  const groups = new Map<string, Finding[]>();
  for (const finding of sortFindings(findings)) {
    const key = [finding.file, finding.template ?? '', finding.resource.apiVersion, describeResource(finding.resource)].join('\u0000');
    const group = groups.get(key);
    if (group) group.push(finding);
    else groups.set(key, [finding]);
  }
  const result: ResourceGroup[] = [];
  for (const list of groups.values()) {
    const lead = list[0];
    if (lead) result.push({ lead, findings: list });
  }
  return result.sort(
    (a, b) =>
      severityRank(b.lead.severity) - severityRank(a.lead.severity) ||
      b.findings.length - a.findings.length ||
      compareStrings(a.lead.file, b.lead.file) ||
      firstLine(a) - firstLine(b) ||
      compareStrings(describeResource(a.lead.resource), describeResource(b.lead.resource)),
  );
}

/**
 * The line of a group's earliest finding, printed as the place to open the file at. (A
 * finding does not carry the line where its resource's document starts.) 0 when no finding
 * has a position, as for live objects.
 *
 * @example
 * `${group.lead.file}:${firstLine(group)}`; // 'k8s/cart.yaml:14'
 */
export function firstLine(group: ResourceGroup): number {
  let line = Number.POSITIVE_INFINITY;
  for (const finding of group.findings) if (finding.line > 0 && finding.line < line) line = finding.line;
  return Number.isFinite(line) ? line : 0;
}
