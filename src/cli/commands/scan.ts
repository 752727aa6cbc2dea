/**
 * `rampart scan INPUT…`: evaluates every registered check over manifests and reports findings.
 */
import { Option, type Command } from 'commander';
import { CHECKS } from '../../checks/index.js';
import { parsePssVersion } from '../../checks/pod-security/evaluate.js';
import { assertValidRegistry } from '../../engine/registry.js';
import { assembleScan, shouldFail } from '../../engine/scan.js';
import { SEVERITIES, type ScanResult } from '../../engine/types.js';
import { UsageError, describeError } from '../../errors.js';
import { loadInputs } from '../../load/index.js';
import { REPORT_FORMATS, getReporter } from '../../report/index.js';
import { TOOL_VERSION } from '../../version.js';
import { useColor, type CommandContext } from '../io.js';
import { emit, parseChoice, parseFailOn, parsePssLevel, parseSeverity } from '../options.js';
import { createProgress } from '../progress.js';

interface ScanFlags {
  format: string;
  output?: string;
  failOn: string;
  minSeverity: string;
  pssLevel: string;
  pssVersion: string;
  progress: boolean;
}

export function registerScan(program: Command, context: CommandContext): void {
  program
    .command('scan')
    .summary('assess manifests: every check, with file, line and column for each finding')
    .description(
      'Assess Kubernetes manifests (files, directories searched recursively for .yaml/.yml/.json, or - for stdin),\n' +
        'rendered Helm output (findings name the chart template) and List documents.',
    )
    .argument('<inputs...>', 'files, directories or - (stdin)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(REPORT_FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity').choices([...SEVERITIES, 'none']).default('high'))
    .addOption(new Option('--min-severity <severity>', 'leave out findings below this severity').choices([...SEVERITIES]).default('info'))
    .addOption(new Option('--pss-level <level>', 'Pod Security Standards level for the pss.* checks').choices(['baseline', 'restricted']).default('restricted'))
    .option('--pss-version <version>', 'Pod Security Standards version: v1.0 … v1.37 or latest', 'latest')
    .option('--no-progress', 'never show a progress bar')
    .addHelpText(
      'after',
      `
Exit codes:
  0  no finding at or above --fail-on, and every document parsed
  1  a finding at or above --fail-on, or a document that did not parse (the report is still complete)
  2  usage error, or no input could be read

Suppress a finding with the annotation  rampart.dev/ignore: "<checkId>[,<checkId>…] -- <reason>"
on the resource or on its Namespace.

Examples:
  rampart scan k8s/
  helm template shop ./chart | rampart scan - --format sarif --output rampart.sarif
  rampart scan deploy.yaml --pss-level baseline --pss-version v1.30 --fail-on critical`,
    )
    .action(async (inputs: string[], flags: ScanFlags) => {
      const result = await runScan(inputs, flags, context);
      const reporter = getReporter(parseChoice('--format', flags.format, REPORT_FORMATS));
      const rendered = reporter.render(result, { color: flags.output === undefined && useColor(context.io), toolVersion: TOOL_VERSION });
      await emit(context.io, rendered, flags.output);
      if (shouldFail(result, parseFailOn(flags.failOn))) context.setExitCode(1);
    });
}

async function runScan(inputs: string[], flags: ScanFlags, context: CommandContext): Promise<ScanResult> {
  assertValidRegistry(CHECKS);
  let pssVersion: string;
  try {
    pssVersion = parsePssVersion(flags.pssVersion);
  } catch (error) {
    throw new UsageError(`--pss-version: ${describeError(error)}`, { cause: error });
  }
  const settings = { pssLevel: parsePssLevel(flags.pssLevel), pssVersion };
  const minSeverity = parseSeverity('--min-severity', flags.minSeverity);
  const progress = createProgress(context.io, 'Loading', flags.progress);
  const loaded = await loadInputs(inputs, { stdin: context.io.stdin, onProgress: (done, total) => progress.update(done, total) });
  progress.stop();
  if (!loaded.anyReadable) {
    const reasons = loaded.errors.map((e) => `${e.file}: ${e.message}`).join('; ');
    throw new UsageError(`no input could be read (${reasons})`);
  }
  return assembleScan(loaded, CHECKS, { settings, minSeverity });
}
