/**
 * `rampart harden -f INPUT… --out DIR [profile flags]`: generates the hardening bundle for the
 * inventory and profile, and writes it under DIR. The core (src/generate) is pure; this shell
 * reads the profile and the inventory, supplies real randomness for key material, writes the
 * files (key material with mode 0600) and reports progress on stderr. Key material is never
 * printed.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { readCatalogues } from '../../engine/compliance.js';
import { FRAMEWORKS } from '../../engine/types.js';
import { UsageError } from '../../errors.js';
import { generateBundle } from '../../generate/bundle.js';
import { ALL_GENERATORS } from '../../generate/deliverables/index.js';
import { readProfileInputs, resolveProfile } from '../../generate/profile.js';
import { COMPLIANCE_TARGETS, DELIVERABLE_IDS, DISTRIBUTIONS, MESHES, POLICY_ENGINES, SECRETS_BACKENDS } from '../../generate/types.js';
import { loadInputs, type LoadResult } from '../../load/index.js';
import { Inventory } from '../../model/inventory.js';
import type { CommandContext } from '../io.js';
import { collect } from '../options.js';
import type { RegisterCommand } from '../program.js';

interface HardenFlags {
  filename?: string[];
  cluster?: boolean;
  context?: string;
  kubeconfig?: string;
  out?: string;
  profile?: string;
  force?: boolean;
  distribution?: string;
  kubernetesVersion?: string;
  compliance?: string[];
  posture?: string;
  policyEngine?: string;
  secretsBackend?: string;
  mesh?: string;
  clusterName?: string;
}

function inputPath(context: CommandContext, path: string): string {
  return path === '-' || isAbsolute(path) ? path : resolve(context.io.cwd, path);
}

async function readProfileText(path: string, context: CommandContext): Promise<string> {
  try {
    return await readFile(inputPath(context, path), 'utf8');
  } catch (error) {
    throw new UsageError(`--profile: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
  }
}

/** Refuses to write into a directory that holds anything, unless --force. */
async function prepareOut(dir: string, force: boolean): Promise<void> {
  let entries: string[] = [];
  try {
    entries = await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') throw new UsageError(`--out ${dir} is a file, not a directory`, { cause: error });
    if (code !== 'ENOENT') throw new UsageError(`--out ${dir}: cannot read (${code ?? String(error)})`, { cause: error });
  }
  if (entries.length > 0 && !force) throw new UsageError(`--out ${dir} is not empty; pass --force to write into it (files of the same name are overwritten)`);
  await mkdir(dir, { recursive: true });
}

const EXAMPLES = `
Profile: --profile rampart.yaml (kind: RampartProfile, or the same keys at the top level; see
docs/harden.md). Flags override the file. Production, development and system namespaces are
inferred from the inventory when the profile does not list them.

Exit codes:
  0  the bundle was written
  1  the bundle was written, but an input document did not parse or the NetworkPolicy set did
     not pass verification (see network/verification.txt)
  2  usage error, invalid profile, or no input could be read

Examples:
  rampart harden -f k8s/ --out hardening/
  rampart harden -f k8s/ --profile rampart.yaml --out hardening/ --force
  rampart harden -f k8s/ --distribution eks --kubernetes-version 1.30 --compliance pci-dss,soc2 --out out/`;

/**
 * Registers `rampart harden`.
 *
 * @example
 * await run(['harden', '-f', 'examples/', '--out', 'out/'], io, [registerHarden]);
 */
export const registerHarden: RegisterCommand = (program: Command, context: CommandContext) => {
  program
    .command('harden')
    .summary('generate the hardening bundle: cluster, RBAC, network, pod security and more, with PLAN.md')
    .description('Generate the hardening bundle for an inventory of manifests and a profile: one folder per deliverable, each with a README, plus PLAN.md (phases, controls matrix, costs).')
    .option('-f, --filename <path>', 'inventory: a file, a directory (recursive) or - for stdin; repeatable', collect)
    .option('--cluster', 'read the inventory from the live cluster (as rampart scan --cluster) instead of files')
    .option('--context <name>', 'with --cluster: the kubeconfig context to use')
    .option('--kubeconfig <path>', 'with --cluster: the kubeconfig file')
    .option('--out <dir>', 'directory to write the bundle into (must be empty unless --force)')
    .option('--force', 'write into a non-empty --out directory')
    .option('--profile <file>', 'the profile (rampart.yaml)')
    .option('--distribution <name>', `Kubernetes distribution: ${DISTRIBUTIONS.join(', ')}`)
    .option('--kubernetes-version <1.N>', 'Kubernetes minor version, e.g. 1.30')
    .option('--compliance <targets>', `compliance targets: ${COMPLIANCE_TARGETS.join(', ')} (comma-separated or repeatable)`, collect)
    .option('--posture <level>', 'Pod Security level for production namespaces: baseline, restricted')
    .option('--policy-engine <engine>', `admission policy engine: ${POLICY_ENGINES.join(', ')}`)
    .option('--secrets-backend <backend>', `external secrets backend: ${SECRETS_BACKENDS.join(', ')}`)
    .option('--mesh <mesh>', `service mesh: ${MESHES.join(', ')}`)
    .option('--cluster-name <name>', 'cluster name used in generated configuration')
    .addHelpText('after', EXAMPLES)
    .action(async (flags: HardenFlags) => {
      const io = context.io;
      if (flags.out === undefined) throw new UsageError('--out DIR is required: the directory to write the bundle into');
      const files = flags.filename ?? [];
      if (flags.cluster && files.length > 0) throw new UsageError('--cluster reads the inventory from the cluster: give no -f with it');
      if (!flags.cluster && (flags.context !== undefined || flags.kubeconfig !== undefined)) throw new UsageError('--context and --kubeconfig need --cluster');
      if (!flags.cluster && files.length === 0) throw new UsageError('no inventory: pass -f, --filename PATH (a file, a directory or - for stdin), or --cluster');
      // The profile first: a bad profile (file and flags, every problem at once) fails before any input is read.
      const source = flags.profile !== undefined ? { text: await readProfileText(flags.profile, context), file: flags.profile } : undefined;
      const partial = readProfileInputs(source, {
        ...(flags.distribution !== undefined ? { distribution: flags.distribution } : {}),
        ...(flags.kubernetesVersion !== undefined ? { kubernetesVersion: flags.kubernetesVersion } : {}),
        ...(flags.compliance !== undefined ? { compliance: flags.compliance } : {}),
        ...(flags.posture !== undefined ? { posture: flags.posture } : {}),
        ...(flags.policyEngine !== undefined ? { policyEngine: flags.policyEngine } : {}),
        ...(flags.secretsBackend !== undefined ? { secretsBackend: flags.secretsBackend } : {}),
        ...(flags.mesh !== undefined ? { mesh: flags.mesh } : {}),
        ...(flags.clusterName !== undefined ? { clusterName: flags.clusterName } : {}),
      });
      const loaded = flags.cluster ? await readLiveInventory(flags) : await loadInputs(files.map((p) => inputPath(context, p)), { stdin: io.stdin });
      for (const e of loaded.errors) io.stderr.write(`rampart: ${e.line !== undefined ? `${e.file}:${e.line}` : e.file}: ${e.message}\n`);
      if (!loaded.anyReadable && !flags.cluster) throw new UsageError(`no input could be read from ${files.join(', ')}`);
      if (loaded.errors.length > 0) context.setExitCode(1);
      const inventory = new Inventory(loaded.resources);
      const profile = resolveProfile(partial, inventory);
      const out = inputPath(context, flags.out);
      await prepareOut(out, flags.force === true);
      io.stderr.write(
        `rampart: hardening ${profile.clusterName} (${profile.distribution} ${profile.kubernetesVersion}, ${profile.posture}, ${profile.compliance.join(', ') || 'no compliance target'}) from ${loaded.summary.resources} resource(s)\n`,
      );
      const catalogues = await readCatalogues(FRAMEWORKS);
      const bundle = generateBundle({ profile, inventory, randomBytes: (size) => randomBytes(size) }, ALL_GENERATORS, {
        catalogues,
        onDeliverable: (d, index, total) => io.stderr.write(`rampart: [${index + 1}/${total}] ${d.id}: ${d.files.length} file(s), phase ${d.phase}\n`),
      });
      for (const [path, content] of bundle.files) {
        const target = join(out, path);
        await mkdir(dirname(target), { recursive: true });
        const sensitive = bundle.sensitive.has(path);
        await writeFile(target, content, sensitive ? { mode: 0o600 } : {});
        // An existing file keeps its mode on overwrite: set it explicitly.
        if (sensitive) await chmod(target, 0o600);
      }
      const network = bundle.deliverables.find((d) => d.id === 'network');
      const unverified = network?.files.some((f) => f.path.includes('unverified')) === true;
      if (unverified) context.setExitCode(1);
      const missing = DELIVERABLE_IDS.filter((id) => !bundle.deliverables.some((d) => d.id === id));
      const gaps = bundle.plan.matrix.reduce((n, fm) => n + fm.rows.filter((r) => r.cells.length === 0).length, 0);
      io.stderr.write(
        [
          `rampart: wrote ${bundle.files.size} file(s) to ${flags.out}: ${bundle.deliverables.length} deliverable(s), PLAN.md, profile.yaml`,
          ...(bundle.sensitive.size > 0 ? [`rampart: key material in ${[...bundle.sensitive].join(', ')} (mode 0600): move it to the control plane and delete the local copy`] : []),
          ...(unverified ? ['rampart: the NetworkPolicy set did not pass verification: see network/verification.txt'] : []),
          ...(missing.length > 0 ? [`rampart: not generated (no generator yet): ${missing.join(', ')}`] : []),
          `rampart: controls matrix: ${bundle.plan.matrix.map((fm) => `${fm.framework} ${fm.rows.length} control(s)`).join(', ') || 'no compliance target'}${gaps > 0 ? `, ${gaps} without a deliverable` : ''}`,
        ].join('\n') + '\n',
      );
    });
};

/** The live cluster as the inventory (Secrets as metadata only), through the same reader as `scan --cluster`. */
async function readLiveInventory(flags: HardenFlags): Promise<LoadResult> {
  // The Kubernetes client is loaded only when a live inventory is asked for.
  const { readCluster } = await import('../../live/index.js');
  const live = await readCluster({
    ...(flags.kubeconfig !== undefined ? { kubeconfig: flags.kubeconfig } : {}),
    ...(flags.context !== undefined ? { context: flags.context } : {}),
  });
  return live.loaded;
}
