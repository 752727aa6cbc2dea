/**
 * `rampart fix INPUT… [--write | --diff] [--check ID…]`: applies every safe fix to the source
 * manifests. Without `--write` it prints a unified diff per file (and exits 1 when there is
 * something to fix, like a formatter's check mode); with `--write` it rewrites files in place,
 * atomically. Standard input is never "rewritten": with `--write` the fixed text goes to stdout.
 */
import { randomBytes } from 'node:crypto';
import { chmod, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { isUtf8 } from 'node:buffer';
import { Option, type Command } from 'commander';
import { createTwoFilesPatch } from 'diff';
import { CHECKS } from '../../checks/index.js';
import { parsePssVersion } from '../../checks/pod-security/evaluate.js';
import type { RunSettings } from '../../engine/types.js';
import { parseExceptions } from '../../engine/exceptions.js';
import { UsageError, describeError } from '../../errors.js';
import { expandInputs } from '../../load/files.js';
import { describeResource } from '../../model/types.js';
import { FIXES } from '../../fix/fixes/index.js';
import { fixSources, type FileFixResult, type FixSource } from '../../fix/plan.js';
import { parseImageDigests } from '../../fix/image-digests.js';
import { redactDiff } from '../../fix/redact.js';
import { isQuantity } from '../../fix/quantity.js';
import type { FixOptions } from '../../fix/types.js';
import type { CommandContext } from '../io.js';
import { collect, parsePssLevel } from '../options.js';
import type { RegisterCommand } from '../program.js';

interface FixFlags {
  write?: boolean;
  diff?: boolean;
  check?: string[];
  skipCheck?: string[];
  defaultCpuRequest?: string;
  defaultCpuLimit?: string;
  defaultMemoryRequest?: string;
  defaultMemoryLimit?: string;
  pinPssVersion?: string;
  exceptions?: string;
  imageDigests?: string;
  verbose?: boolean;
  pssLevel: string;
  pssVersion: string;
}

export const registerFix: RegisterCommand = (program: Command, context: CommandContext): void => {
  program
    .command('fix')
    .summary('apply safe fixes to manifests, keeping comments and layout; prints a diff unless --write')
    .description(
      'Apply every safe, behaviour-preserving or hardening fix to Kubernetes manifests (files, directories searched ' +
        'recursively for .yaml/.yml/.json, or - for stdin). Comments, key order, quoting and indentation are kept. ' +
        'Templated files (Helm, {{ … }}) and rendered Helm output are reported, never rewritten.',
    )
    .argument('<inputs...>', 'files, directories or - (stdin)')
    .option('--write', 'rewrite the files in place (stdin: print the fixed manifests)')
    .option('--diff', 'print a unified diff of the fixes (the default)')
    .option('--check <id>', 'only fix findings of this check (repeatable; a trailing * matches a prefix)', collect)
    .option('--skip-check <id>', 'leave findings of this check alone (repeatable; a trailing * matches a prefix)', collect)
    .option('--default-cpu-request <quantity>', 'CPU request for containers that set none (e.g. 100m)')
    .option('--default-cpu-limit <quantity>', 'CPU limit for containers that set none (e.g. 500m)')
    .option('--default-memory-request <quantity>', 'memory request for containers that set none (e.g. 128Mi)')
    .option('--default-memory-limit <quantity>', 'memory limit for containers that set none (e.g. 256Mi)')
    .option('--pin-pss-version <v1.N>', 'pin Namespaces that enforce a Pod Security level to this version (the version the cluster runs today)')
    .option('--image-digests <file>', 'pin images by the digests in this file, one IMAGE@sha256:… per line (crane digest --full-ref IMAGE)')
    .option('--exceptions <file>', 'YAML file of accepted risks (as for scan): findings it covers are never fixed')
    .addOption(new Option('--pss-level <level>', 'Pod Security level of the pss.* findings to fix (as for scan)').choices(['baseline', 'restricted']).default('restricted'))
    .option('--pss-version <version>', 'Pod Security Standards version of the pss.* checks: v1.0 … v1.37 or latest (as for scan)', 'latest')
    .option('-v, --verbose', 'also list every finding of checks that have no automatic fix')
    .addHelpText(
      'after',
      `
Fixable checks:
${Object.values(FIXES)
  .map((f) => `  ${f.checkId.padEnd(42)} ${f.description}`)
  .join('\n')}

Exit codes:
  0  nothing to fix, or every fix written
  1  fixes are pending (diff mode), a file could not be written, or a document did not parse
  2  usage error, or no input could be read

The diff goes to stdout; the summary and the findings left alone go to stderr. Findings suppressed
with the rampart.dev/ignore annotation or covered by a live --exceptions entry are never fixed.

Examples:
  rampart fix k8s/                       # show what would change
  rampart fix k8s/ --write               # apply it
  rampart fix deploy.yaml --check pss.allowPrivilegeEscalation --check 'workload.*'
  rampart fix k8s/ --write --skip-check workload.read-only-root-filesystem
  rampart fix k8s/ --write --check 'image.*' --image-digests digests.txt
  rampart fix k8s/ --write --default-cpu-request 100m --default-memory-request 128Mi --default-memory-limit 256Mi
  kustomize build . | rampart fix - --write > hardened.yaml`,
    )
    .action(async (inputs: string[], flags: FixFlags) => {
      await runFix(inputs, flags, context);
    });
};

/** The Pod Security level and version whose findings are fixed, as `scan` reads them. */
function fixSettings(flags: FixFlags): RunSettings {
  let pssVersion: string;
  try {
    pssVersion = parsePssVersion(flags.pssVersion);
  } catch (error) {
    throw new UsageError(`--pss-version: ${describeError(error)}`, { cause: error });
  }
  return { pssLevel: parsePssLevel(flags.pssLevel), pssVersion };
}

async function runFix(inputs: string[], flags: FixFlags, context: CommandContext): Promise<void> {
  const { io } = context;
  if (flags.write && flags.diff) throw new UsageError('--write and --diff cannot be used together');
  const settings = fixSettings(flags);
  const only = checkFilter(flags.check ?? [], flags.skipCheck ?? []);
  const options = fixOptions(flags);
  const exceptions = flags.exceptions !== undefined ? parseExceptions(await readOptionFile(flags.exceptions, '--exceptions'), flags.exceptions) : undefined;
  if (flags.imageDigests !== undefined) options.imageDigests = parseImageDigests(await readOptionFile(flags.imageDigests, '--image-digests'), flags.imageDigests);

  const read = await readSources(inputs, context);
  if (read.sources.length === 0) {
    throw new UsageError(`no input could be read${read.problems.length > 0 ? ` (${read.problems.join('; ')})` : ''}`);
  }
  for (const problem of read.problems) io.stderr.write(`rampart: ${problem}\n`);

  const result = fixSources(
    read.sources.map((s) => s.source),
    {
      settings,
      checks: CHECKS.filter((c) => only(c.id)),
      only,
      options,
      ...(exceptions ? { exceptions, now: new Date() } : {}),
    },
  );
  let failed = read.failed || result.errors.length > 0;
  for (const error of result.errors) io.stderr.write(`${error.file}${error.line !== undefined ? `:${error.line}` : ''}: ${error.message}\n`);

  let fixes = 0;
  let changedFiles = 0;
  for (const [index, file] of result.files.entries()) {
    const bom = read.sources[index]?.bom ?? '';
    if (file.fixed === file.original) continue;
    if (flags.write) {
      if (file.file === '-') {
        io.stdout.write(bom + file.fixed);
      } else {
        try {
          await writeAtomically(file.file, bom + file.original, bom + file.fixed);
        } catch (error) {
          io.stderr.write(`rampart: ${file.file}: not written: ${describeError(error)}\n`);
          failed = true;
          continue;
        }
      }
    } else {
      io.stdout.write(unifiedDiff(file));
    }
    fixes += file.applied.length;
    changedFiles++;
  }

  reportLeftAlone(result.files, flags.verbose === true, context);
  const unfixed = result.files.reduce((n, f) => n + f.unfixed.length, 0);
  const verb = flags.write ? 'applied' : 'pending';
  io.stderr.write(
    `${plural(fixes, 'fix', 'fixes')} ${verb} in ${plural(changedFiles, 'file', 'files')}; ${plural(unfixed, 'finding', 'findings')} without a safe fix` +
      (!flags.write && fixes > 0 ? ' (run with --write to apply)' : '') +
      '\n',
  );
  if (failed || (!flags.write && changedFiles > 0)) context.setExitCode(1);
}

async function readOptionFile(file: string, option: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${option}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? describeError(error)})`, { cause: error });
  }
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `--check` and `--skip-check` patterns → a predicate; a pattern that names no check is a usage error. */
function checkFilter(include: readonly string[], exclude: readonly string[]): (checkId: string) => boolean {
  const matches = (pattern: string, id: string): boolean => (pattern.endsWith('*') ? id.startsWith(pattern.slice(0, -1)) : pattern === id);
  for (const [option, patterns] of [['--check', include], ['--skip-check', exclude]] as const) {
    for (const pattern of patterns) {
      if (!CHECKS.some((c) => matches(pattern, c.id))) {
        throw new UsageError(`${option} ${pattern}: no such check (fixable checks: ${Object.keys(FIXES).join(', ')})`);
      }
    }
  }
  return (id) => (include.length === 0 || include.some((p) => matches(p, id))) && !exclude.some((p) => matches(p, id));
}

function fixOptions(flags: FixFlags): FixOptions {
  const quantities = {
    cpuRequest: ['--default-cpu-request', flags.defaultCpuRequest],
    cpuLimit: ['--default-cpu-limit', flags.defaultCpuLimit],
    memoryRequest: ['--default-memory-request', flags.defaultMemoryRequest],
    memoryLimit: ['--default-memory-limit', flags.defaultMemoryLimit],
  } as const;
  const defaults: NonNullable<FixOptions['defaultResources']> = {};
  for (const [key, [flag, value]] of Object.entries(quantities) as Array<[keyof typeof quantities, readonly [string, string | undefined]]>) {
    if (value === undefined) continue;
    if (!isQuantity(value) || value.startsWith('-')) throw new UsageError(`${flag} must be a Kubernetes quantity such as 100m, 0.5, 128Mi or 1Gi (got ${JSON.stringify(value)})`);
    defaults[key] = value;
  }
  const options: FixOptions = { defaultResources: defaults };
  if (flags.pinPssVersion !== undefined) {
    if (!/^v1\.(0|[1-9][0-9]*)$/.test(flags.pinPssVersion)) throw new UsageError(`--pin-pss-version must be a version such as v1.30 (got ${JSON.stringify(flags.pinPssVersion)})`);
    options.psaVersion = flags.pinPssVersion;
  }
  return options;
}

interface ReadSource {
  source: FixSource;
  /** A byte-order mark to put back when writing. */
  bom: string;
}

/** Reads every input; problems (missing files, binary or non-UTF-8 files) are collected, not thrown. */
async function readSources(inputs: readonly string[], context: CommandContext): Promise<{ sources: ReadSource[]; problems: string[]; failed: boolean }> {
  const sources: ReadSource[] = [];
  const problems: string[] = [];
  let failed = false;
  for (const entry of await expandInputs(inputs)) {
    if (entry.kind === 'missing') {
      problems.push(`${entry.path}: ${entry.message}`);
      failed = true;
      continue;
    }
    const file = entry.kind === 'stdin' ? '-' : entry.path;
    let buffer: Buffer;
    try {
      buffer = entry.kind === 'stdin' ? await readStream(context.io.stdin) : await readFile(entry.path);
    } catch (error) {
      problems.push(`${file}: cannot read file (${(error as NodeJS.ErrnoException).code ?? describeError(error)})`);
      failed = true;
      continue;
    }
    if (buffer.subarray(0, 8000).includes(0)) continue; // binary: not a manifest, nothing to fix
    if (!isUtf8(buffer)) {
      problems.push(`${file}: not rewritten: the file is not valid UTF-8`);
      continue;
    }
    let text = buffer.toString('utf8');
    const bom = text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
    if (bom) text = text.slice(1);
    sources.push({ source: { file, text }, bom });
  }
  return { sources, problems, failed };
}

async function readStream(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/**
 * Replaces a file's content through a temporary file in the same directory and a rename, so a
 * reader never sees half a file. Follows symbolic links (the link stays a link), keeps the file
 * mode, and refuses when the file changed since it was read.
 */
async function writeAtomically(path: string, expected: string, content: string): Promise<void> {
  const target = await realpath(path);
  const info = await stat(target);
  const temp = join(dirname(target), `.${basename(target)}.rampart-fix-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, content, { flag: 'wx' });
    await chmod(temp, info.mode & 0o7777);
    if ((await readFile(target, 'utf8')) !== expected) throw new Error('the file changed while it was being fixed');
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

function unifiedDiff(file: FileFixResult): string {
  const name = file.file === '-' ? 'stdin' : file.file;
  const [oldName, newName] = isAbsolute(name) ? [name, name] : [`a/${name}`, `b/${name}`];
  const patch = createTwoFilesPatch(oldName, newName, file.original, file.fixed, undefined, undefined, { context: 3 });
  // Drop the "Index:" and "=====" banner: the rest is what `git apply` and `patch -p1` read.
  return redactDiff(patch.replace(/^Index: [^\n]*\n/, '').replace(/^=+\n/, ''), file);
}

/** Findings left alone: declined fixes one per line; findings of checks without a fix counted (listed with --verbose). */
function reportLeftAlone(files: readonly FileFixResult[], verbose: boolean, context: CommandContext): void {
  const { io } = context;
  let withoutFix = 0;
  const needing = new Map<string, number>();
  const refusedShown = new Set<string>();
  for (const file of files) {
    if (file.refused !== undefined && !refusedShown.has(file.file)) {
      io.stderr.write(`${file.file}: not rewritten: ${file.refused}\n`);
      refusedShown.add(file.file);
    }
    for (const u of file.unfixed) {
      if (u.kind === 'refused') continue;
      if (u.kind === 'no-fix') {
        withoutFix++;
        if (!verbose) continue;
      }
      if (u.needsOption !== undefined) {
        needing.set(u.needsOption, (needing.get(u.needsOption) ?? 0) + 1);
        if (!verbose) continue;
      }
      io.stderr.write(`${u.file}:${u.line}: ${u.checkId} (${describeResource(u.resource)}): ${u.reason}\n`);
    }
  }
  if (!verbose) {
    for (const [option, count] of [...needing].sort()) io.stderr.write(`${plural(count, 'finding', 'findings')} would be fixed with ${option}\n`);
  }
  if (withoutFix > 0 && !verbose) {
    io.stderr.write(`${plural(withoutFix, 'finding', 'findings')} of checks without an automatic fix (--verbose lists them; rampart scan explains them)\n`);
  }
}
