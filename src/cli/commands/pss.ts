/**
 * `rampart pss INPUT… --level --version`: the exact Pod Security Admission verdict for every
 * pod-bearing resource, evaluated the way PSA's enforce mode judges Pods and its warn and audit
 * modes judge workload templates.
 */
import { Option, type Command } from 'commander';
import pc from 'picocolors';
import { evaluateResourcePodSecurity, parsePssVersion } from '../../checks/pod-security/evaluate.js';
import type { PssLevel } from '../../engine/types.js';
import { UsageError } from '../../errors.js';
import { loadInputs } from '../../load/index.js';
import { describeResource, type Resource, type ResourceRef } from '../../model/types.js';
import { useColor, type CommandContext } from '../io.js';
import { emit, parseChoice, parsePssLevel, threadsFromEnv } from '../options.js';
import { createProgress } from '../progress.js';

interface PssFlags {
  level: string;
  version: string;
  format: string;
  output?: string;
  progress: boolean;
}

/** One entry of the JSON contract (DESIGN.md), extended with lines and locations. */
export interface PssVerdict {
  resource: ResourceRef;
  file: string;
  line: number;
  allowed: boolean;
  violations: Array<{
    check: string;
    reason: string;
    detail: string;
    locations: Array<{ path: string; line: number; column: number }>;
  }>;
}

/**
 * Verdicts for every resource that carries a pod template PSA evaluates.
 *
 * @example
 * pssVerdicts(resources, 'restricted', '1.37').filter((v) => !v.allowed)
 */
export function pssVerdicts(resources: readonly Resource[], level: PssLevel, version: string): PssVerdict[] {
  const verdicts: PssVerdict[] = [];
  for (const resource of resources) {
    const result = evaluateResourcePodSecurity(resource, level, version);
    if (!result) continue;
    verdicts.push({
      resource: result.resource,
      file: resource.source.file,
      line: resource.source.line,
      allowed: result.allowed,
      violations: result.violations.map((v) => ({
        check: v.check,
        reason: v.reason,
        detail: v.detail,
        locations: v.paths.map((path) => ({ path, ...locate(resource, path) })),
      })),
    });
  }
  return verdicts;
}

function locate(resource: Resource, path: string): { line: number; column: number } {
  return resource.source.positions?.locate(resource.source.pointerPrefix + path) ?? { line: resource.source.line, column: 1 };
}

function renderText(verdicts: readonly PssVerdict[], level: string, version: string, color: boolean): string {
  const paint = color ? pc : { red: (s: string) => s, green: (s: string) => s, bold: (s: string) => s, dim: (s: string) => s };
  const lines: string[] = [];
  for (const v of verdicts) {
    const status = v.allowed ? paint.green('allowed') : paint.red('denied ');
    lines.push(`${status}  ${paint.bold(describeResource(v.resource))}  ${paint.dim(`${v.file}:${v.line}`)}`);
    for (const violation of v.violations) {
      const where = violation.locations[0] ? `  ${paint.dim(`${v.file}:${violation.locations[0].line}:${violation.locations[0].column}`)}` : '';
      lines.push(`         ${violation.reason}${violation.detail ? ` (${violation.detail})` : ''}  [${violation.check}]${where}`);
    }
  }
  const denied = verdicts.filter((v) => !v.allowed).length;
  lines.push(
    verdicts.length === 0
      ? `No pod-bearing resources found.`
      : `${verdicts.length} pod-bearing resource${verdicts.length === 1 ? '' : 's'} at ${level} v${version}: ${verdicts.length - denied} allowed, ${denied} denied`,
  );
  return lines.join('\n') + '\n';
}

export function registerPss(program: Command, context: CommandContext): void {
  program
    .command('pss')
    .summary('the exact Pod Security Admission verdict for every pod-bearing resource')
    .description(
      'Evaluate Pods and the pod templates of Deployments, StatefulSets, DaemonSets, ReplicaSets, ReplicationControllers, ' +
        'Jobs, CronJobs and PodTemplates against a Pod Security Standards level and version, exactly as the ' +
        'Kubernetes Pod Security Admission controller does (enforce for Pods; warn and audit for workload templates).',
    )
    .argument('<inputs...>', 'files, directories or - (stdin)')
    .addOption(new Option('-l, --level <level>', 'Pod Security Standards level').choices(['baseline', 'restricted']).default('restricted'))
    .option('--version <version>', 'policy version: v1.0 … v1.37 or latest', 'latest')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('-o, --output <file>', 'write the verdicts to a file instead of stdout')
    .option('--no-progress', 'never show a progress bar')
    .addHelpText(
      'after',
      `
Exit codes: 0 every resource allowed; 1 a resource denied, or a document that did not parse; 2 usage error.

Examples:
  rampart pss k8s/ --level baseline --version v1.30
  kubectl get pods -A -o yaml | rampart pss - --format json
`,
    )
    .action(async (inputs: string[], flags: PssFlags) => {
      const level = parsePssLevel(flags.level);
      const version = parsePssVersion(flags.version);
      const format = parseChoice('--format', flags.format, ['text', 'json'] as const);
      const progress = createProgress(context.io, 'Loading', flags.progress);
      const loaded = await loadInputs(inputs, { stdin: context.io.stdin, onProgress: (d, t) => progress.update(d, t), ...threadsFromEnv(context.io.env) });
      progress.stop();
      if (!loaded.anyReadable) throw new UsageError(`no input could be read (${loaded.errors.map((e) => `${e.file}: ${e.message}`).join('; ')})`);
      for (const error of loaded.errors) context.io.stderr.write(`rampart: ${error.file}${error.line !== undefined ? `:${error.line}` : ''}: ${error.message}\n`);
      const verdicts = pssVerdicts(loaded.resources, level, version);
      const text = format === 'json' ? JSON.stringify(verdicts, null, 2) + '\n' : renderText(verdicts, level, version, flags.output === undefined && useColor(context.io));
      await emit(context.io, text, flags.output);
      if (loaded.summary.failed > 0 || verdicts.some((v) => !v.allowed)) context.setExitCode(1);
    });
}
