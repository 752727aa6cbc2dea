/**
 * The one interface every output format of `rampart scan` implements. A reporter is a pure
 * function of the scan result: it never reads files, the clock or the environment, so the
 * same result always renders to the same bytes and the contract suite can hold every format
 * to the same cases.
 */
import type { ByteSink } from './bytes.js';
import type { ScanResult } from '../engine/types.js';

/** Settings that change how a result is rendered, never what it says. */
export interface ReportOptions {
  /** Colour severities with ANSI codes. Only the text format uses it; the CLI sets it from the TTY check. */
  color: boolean;
  /** Version printed as the tool version (normally `TOOL_VERSION`); passed in so tests can pin it. */
  toolVersion: string;
  /**
   * Compliance roll-up to attach, when the run computed one (`scan --compliance`): an engine
   * `ComplianceRollup`. JSON (top-level `compliance`) and SARIF (run properties) carry it
   * through as it is; text renders it as a section after the findings; JUnit leaves it out.
   * Typed `unknown` so that callers may attach any JSON value; text renders only a value
   * `isComplianceRollup` accepts.
   */
  compliance?: unknown;
}

/**
 * Renders a scan result in one output format.
 *
 * @example
 * const reporter: Reporter = getReporter('json');
 * process.stdout.write(reporter.render(result, { color: false, toolVersion: TOOL_VERSION }));
 */
export interface Reporter {
  /** The name users pass to `--format`. */
  readonly format: string;
  /** The whole document, ending with a newline. */
  render(result: ScanResult, options: ReportOptions): string;
  /**
   * Streams the same document as UTF-8 bytes to `sink`, for reporters that can write bytes faster
   * than they can build a string (the CLI prefers it when present). The bytes passed to the sink
   * are valid only during the call.
   */
  renderTo?(result: ScanResult, options: ReportOptions, sink: ByteSink): void;
}
