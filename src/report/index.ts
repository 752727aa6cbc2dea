/**
 * The reporters of `rampart scan`, one per `--format`. The registry is an explicit literal
 * (no registration by import side effect), so the list of formats is visible in one place
 * and `ReportFormat` is derived from it.
 */
import { UsageError } from '../errors.js';
import { jsonReporter } from './json.js';
import { junitReporter } from './junit.js';
import { policyReportReporter } from './policyreport.js';
import type { Reporter } from './reporter.js';
import { sarifReporter } from './sarif.js';
import { textReporter } from './text.js';

export type { Reporter, ReportOptions } from './reporter.js';
export { toJsonReport, type JsonReport, type JsonFinding, type JsonError, type JsonResource } from './json.js';
export { toSarifLog, toArtifactUri, type SarifLog } from './sarif.js';
export { summaryLine } from './text.js';

/**
 * Every reporter, keyed by the `--format` value that selects it.
 *
 * @example
 * Object.keys(REPORTERS); // ['text', 'json', 'sarif', 'junit']
 */
export const REPORTERS = {
  text: textReporter,
  json: jsonReporter,
  sarif: sarifReporter,
  junit: junitReporter,
  policyreport: policyReportReporter,
} as const satisfies Record<string, Reporter>;

export type ReportFormat = keyof typeof REPORTERS;

/** The valid `--format` values, in the order `--help` lists them. */
export const REPORT_FORMATS = Object.keys(REPORTERS) as ReportFormat[];

/**
 * Narrows a user-supplied string to a known format.
 *
 * @example
 * isReportFormat('sarif'); // true
 */
export function isReportFormat(format: string): format is ReportFormat {
  return Object.hasOwn(REPORTERS, format);
}

/**
 * The reporter for a `--format` value.
 *
 * @throws {UsageError} for an unknown format, naming the valid ones (exit code 2 in the CLI).
 * @example
 * const output = getReporter('json').render(result, { color: false, toolVersion: TOOL_VERSION });
 */
export function getReporter(format: string): Reporter {
  if (!isReportFormat(format)) {
    throw new UsageError(`unknown report format "${format}"; valid formats: ${REPORT_FORMATS.join(', ')}`);
  }
  return REPORTERS[format];
}
