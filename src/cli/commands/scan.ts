/**
 * `rampart scan INPUT…`: evaluates every registered check over manifests and reports findings.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { parsePssVersion } from '../../checks/pod-security/evaluate.js';
import { parseBaseline, renderBaseline, type Baseline } from '../../engine/baseline.js';
import { parseFrameworks, readCatalogues, type Catalogue } from '../../engine/compliance.js';
import { parseExceptions, type ExceptionsFile } from '../../engine/exceptions.js';
import { assertValidRegistry } from '../../engine/registry.js';
import { assembleScan, shouldFail, type GovernedScanResult } from '../../engine/scan.js';
import { FRAMEWORKS, SEVERITIES, type AnyCheck } from '../../engine/types.js';
import { UsageError, describeError } from '../../errors.js';
import { loadInputs, type LoadResult } from '../../load/index.js';
import { REPORT_FORMATS, getReporter } from '../../report/index.js';
import type { ByteSink } from '../../report/bytes.js';
import { TOOL_VERSION } from '../../version.js';
import { useColor, type CommandContext } from '../io.js';
import { collect, emit, parseChoice, parseFailOn, parsePssLevel, parseSeverity, threadsFromEnv } from '../options.js';
import { createProgress } from '../progress.js';

interface ScanFlags {
  format: string;
  output?: string;
  failOn: string;
  minSeverity: string;
  pssLevel: string;
  pssVersion: string;
  progress: boolean;
  compliance?: string[];
  exceptions?: string;
  baseline?: string;
  writeBaseline?: string;
  checksDir?: string[];
  cluster?: boolean;
  context?: string;
  kubeconfig?: string;
  namespace?: string[];
  secrets: boolean;
  apply?: boolean;
  check?: string[];
}

export function registerScan(program: Command, context: CommandContext): void {
  program
    .command('scan')
    .summary('assess manifests: every check, with file, line and column for each finding')
    .description(
      'Assess Kubernetes manifests (files, directories searched recursively for .yaml/.yml/.json, or - for stdin), ' +
        'rendered Helm output (findings name the chart template) and List documents — or, with --cluster, a live cluster ' +
        'read through the Kubernetes API (Secrets as metadata only).',
    )
    .argument('[inputs...]', 'files, directories or - (stdin); none with --cluster')
    .addOption(new Option('-f, --format <format>', 'output format').choices(REPORT_FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity').choices([...SEVERITIES, 'none']).default('high'))
    .addOption(new Option('--min-severity <severity>', 'leave out findings below this severity').choices([...SEVERITIES]).default('info'))
    .addOption(new Option('--pss-level <level>', 'Pod Security Standards level for the pss.* checks').choices(['baseline', 'restricted']).default('restricted'))
    .option('--pss-version <version>', 'Pod Security Standards version: v1.0 … v1.37 or latest', 'latest')
    .option('--no-progress', 'never show a progress bar')
    .option('--compliance <frameworks>', 'add a compliance report: cis, nsa, mitre, pss, pci-dss, hipaa, soc2 or all (repeatable or comma-separated)', collect)
    .option('--exceptions <file>', 'YAML file of accepted risks (checkId, resource, reason, owner, expires)')
    .option('--baseline <file>', 'findings recorded in this baseline are listed but do not count toward --fail-on')
    .option('--write-baseline <file>', 'record the fingerprints of this run\'s findings as a baseline')
    .option('--checks-dir <dir>', 'load custom checks (YAML + CEL) from a directory (repeatable)', collect)
    .option('--check <id>', 'run only this check (repeatable; a trailing * matches a prefix, e.g. pss.*)', collect)
    .option('--cluster', 'scan the live cluster of the current kubeconfig context instead of files')
    .option('--context <name>', 'with --cluster: the kubeconfig context to use')
    .option('--kubeconfig <path>', 'with --cluster: the kubeconfig file (default $KUBECONFIG, ~/.kube/config, then in-cluster)')
    .option('-n, --namespace <namespace>', 'with --cluster: read namespaced kinds only in this namespace (repeatable)', collect)
    .option('--no-secrets', 'with --cluster: do not list Secrets at all (they are only ever read as metadata)')
    .option('--apply', 'with --cluster --format policyreport: write the reports to the cluster with server-side apply')
    .addHelpText(
      'after',
      `
Exit codes:
  0  no finding at or above --fail-on, and every document parsed
  1  a finding at or above --fail-on, or a document that did not parse (the report is still complete)
  2  usage error, a bad --exceptions, --baseline or --checks-dir file (every problem with file and line),
     or no input could be read

Suppress a finding with the annotation  rampart.dev/ignore: "<checkId>[,<checkId>…] -- <reason>"
on the resource or on its Namespace, or with an entry in an --exceptions file (with an owner and an
expiry date). --baseline findings are still listed, marked as baselined. File formats and the
compliance frameworks: docs/compliance/README.md.

Examples:
  rampart scan k8s/
  helm template shop ./chart | rampart scan - --format sarif --output rampart.sarif
  rampart scan deploy.yaml --pss-level baseline --pss-version v1.30 --fail-on critical
  rampart scan k8s/ --compliance pci-dss,soc2 --exceptions exceptions.yaml
  rampart scan k8s/ --write-baseline rampart-baseline.json --fail-on none
  rampart scan k8s/ --baseline rampart-baseline.json --checks-dir policies/
  rampart scan --cluster --context prod --compliance cis
  rampart scan --cluster --format policyreport --apply
`,
    )
    .action(async (inputs: string[], flags: ScanFlags) => {
      const reporter = getReporter(parseChoice('--format', flags.format, REPORT_FORMATS));
      if (flags.apply && (!flags.cluster || flags.format !== 'policyreport')) throw new UsageError('--apply needs --cluster and --format policyreport');
      const { result, loaded } = await runScan(inputs, flags, context);
      if (flags.writeBaseline !== undefined) await writeText(flags.writeBaseline, renderBaseline(result.findings), '--write-baseline');
      const renderOptions = {
        color: flags.output === undefined && useColor(context.io),
        toolVersion: TOOL_VERSION,
        ...(result.compliance ? { compliance: result.compliance } : {}),
      };
      const { renderTo } = reporter;
      const rendered = renderTo ? (sink: ByteSink) => renderTo(result, renderOptions, sink) : reporter.render(result, renderOptions);
      await emit(context.io, rendered, flags.output);
      if (flags.apply) await applyReports(result, loaded, flags, context);
      if (shouldFail(result, parseFailOn(flags.failOn))) context.setExitCode(1);
    });
}

async function runScan(inputs: string[], flags: ScanFlags, context: CommandContext): Promise<{ result: GovernedScanResult; loaded: LoadResult }> {
  let pssVersion: string;
  try {
    pssVersion = parsePssVersion(flags.pssVersion);
  } catch (error) {
    throw new UsageError(`--pss-version: ${describeError(error)}`, { cause: error });
  }
  const settings = { pssLevel: parsePssLevel(flags.pssLevel), pssVersion };
  const minSeverity = parseSeverity('--min-severity', flags.minSeverity);
  const frameworks = parseFrameworks(flags.compliance ?? []);
  // Configuration is read before any document is evaluated — a bad exceptions file or custom check
  // fails fast — while parse workers, if any, start on the input (`meanwhile`).
  let config: ScanConfig | undefined;
  const loaded = await readInputs(inputs, flags, context, async () => {
    config = await readScanConfig(flags, frameworks);
  });
  if (!config) throw new Error('the scan configuration was not read');
  const result = assembleScan(loaded, config.checks, {
    settings,
    minSeverity,
    compliance: config.compliance,
    ...(config.exceptions ? { exceptions: config.exceptions } : {}),
    ...(config.baseline ? { baseline: config.baseline } : {}),
  });
  return { result, loaded };
}

/** What a scan needs besides its input: the checks to run and the governance files. */
interface ScanConfig {
  checks: readonly AnyCheck[];
  compliance: Catalogue[];
  exceptions?: ExceptionsFile;
  baseline?: Baseline;
}

async function readScanConfig(flags: ScanFlags, frameworks: readonly string[]): Promise<ScanConfig> {
  // The catalogue is the largest import of a scan: loaded here, while parse workers start.
  const { CHECKS } = await import('../../checks/index.js');
  assertValidRegistry(CHECKS);
  const catalogues = frameworks.length > 0 || (flags.checksDir ?? []).length > 0 ? await readCatalogues(FRAMEWORKS) : [];
  const compliance: Catalogue[] = catalogues.filter((c) => frameworks.includes(c.framework)).sort((a, b) => frameworks.indexOf(a.framework) - frameworks.indexOf(b.framework));
  const exceptions = flags.exceptions !== undefined ? parseExceptions(await readText(flags.exceptions, '--exceptions'), flags.exceptions) : undefined;
  const baseline = flags.baseline !== undefined ? parseBaseline(await readText(flags.baseline, '--baseline'), flags.baseline) : undefined;
  // The CEL evaluator is loaded only when custom checks are asked for.
  const customDirs = flags.checksDir ?? [];
  const withCustom = customDirs.length > 0 ? await (await import('../../engine/custom-checks.js')).withCustomChecks(CHECKS, customDirs, { catalogues }) : CHECKS;
  return { checks: selectChecks(withCustom, flags.check), compliance, ...(exceptions ? { exceptions } : {}), ...(baseline ? { baseline } : {}) };
}

/** `--check`: the checks whose id matches one of the patterns (all when none is given); a pattern matching nothing is a usage error. */
function selectChecks(checks: readonly AnyCheck[], patterns: readonly string[] | undefined): readonly AnyCheck[] {
  if (!patterns || patterns.length === 0) return checks;
  const matches = (pattern: string, id: string): boolean => (pattern.endsWith('*') ? id.startsWith(pattern.slice(0, -1)) : id === pattern);
  for (const pattern of patterns) {
    if (!checks.some((c) => matches(pattern, c.id))) throw new UsageError(`--check ${pattern}: no check has that id (rampart checks lists them)`);
  }
  // Suppression governance belongs to every run, whatever is selected.
  return checks.filter((c) => c.scope === 'engine' || patterns.some((p) => matches(p, c.id)));
}

/** Files and stdin, or — with --cluster — the live cluster, as one LoadResult for the one evaluator. */
async function readInputs(inputs: string[], flags: ScanFlags, context: CommandContext, meanwhile: () => Promise<void>): Promise<LoadResult> {
  const clusterOnly = [flags.context, flags.kubeconfig, flags.namespace].some((v) => v !== undefined) || !flags.secrets;
  if (!flags.cluster) {
    if (clusterOnly) throw new UsageError('--context, --kubeconfig, --namespace and --no-secrets need --cluster');
    if (inputs.length === 0) throw new UsageError('give at least one file, directory or -, or scan a live cluster with --cluster');
  } else if (inputs.length > 0) {
    throw new UsageError('--cluster reads the cluster: give no input paths with it');
  }
  // Each list request of a live scan takes visible time, so its bar shows from the first one.
  const progress = createProgress(context.io, flags.cluster ? 'Listing' : 'Loading', flags.progress, flags.cluster ? { unit: 'lists', minimum: 1 } : {});
  const onProgress = (done: number, total: number): void => progress.update(done, total);
  try {
    if (flags.cluster) {
      await meanwhile();
      // The Kubernetes client is loaded only for live scans: it is large, and file scans never need it.
      const { readCluster } = await import('../../live/index.js');
      const live = await readCluster({
        ...(flags.kubeconfig !== undefined ? { kubeconfig: flags.kubeconfig } : {}),
        ...(flags.context !== undefined ? { context: flags.context } : {}),
        namespaces: flags.namespace ?? [],
        includeSecrets: flags.secrets,
        onProgress,
      });
      return live.loaded;
    }
    const loaded = await loadInputs(inputs, { stdin: context.io.stdin, onProgress, meanwhile, ...threadsFromEnv(context.io.env) });
    if (context.io.env['RAMPART_DEBUG']) {
      context.io.stderr.write(`rampart: read ${loaded.files} file(s) on ${loaded.threads ?? 1} thread(s), ${loaded.workerFiles ?? 0} of them parsed by workers\n`);
    }
    if (!loaded.anyReadable) {
      const reasons = loaded.errors.map((e) => `${e.file}: ${e.message}`).join('; ');
      throw new UsageError(`no input could be read (${reasons})`);
    }
    return loaded;
  } finally {
    progress.stop();
  }
}

/** `--apply`: writes the PolicyReports with server-side apply; a failed write is an error (exit 2). */
async function applyReports(result: GovernedScanResult, loaded: LoadResult, flags: ScanFlags, context: CommandContext): Promise<void> {
  const { applyPolicyReports, loadKubeConfig, scannedNamespaces } = await import('../../live/index.js');
  const { toPolicyReports } = await import('../../report/policyreport.js');
  const reports = toPolicyReports(result, { namespaces: scannedNamespaces(loaded.resources), toolVersion: TOOL_VERSION });
  const kubeConfig = loadKubeConfig({
    ...(flags.kubeconfig !== undefined ? { kubeconfig: flags.kubeconfig } : {}),
    ...(flags.context !== undefined ? { context: flags.context } : {}),
  });
  const outcomes = await applyPolicyReports(kubeConfig, reports);
  const failed = outcomes.filter((o) => o.error !== undefined);
  for (const outcome of failed) context.io.stderr.write(`rampart: --apply: ${describeError(outcome.error)}\n`);
  context.io.stderr.write(`rampart: applied ${outcomes.length - failed.length} of ${outcomes.length} PolicyReport(s)\n`);
  if (failed.length > 0) context.setExitCode(2);
}

async function readText(file: string, option: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${option}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
  }
}

async function writeText(file: string, text: string, option: string): Promise<void> {
  try {
    await writeFile(file, text);
  } catch (error) {
    throw new UsageError(`${option}: cannot write ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
  }
}
