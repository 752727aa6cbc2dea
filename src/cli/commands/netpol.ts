/**
 * `rampart netpol …`: NetworkPolicy reachability (list, can, explain), coverage, diff and
 * verified least-privilege generation. The inventory comes from `-f, --filename` (repeatable:
 * file, directory or `-`), as kubectl takes it.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { stringify } from 'yaml';
import {
  coverage,
  diffConnections,
  diffToJson,
  endpointName,
  formatConnections,
  formatCoverage,
  formatDiff,
  generatePolicies,
  inferFlows,
  LIST_FORMATS,
  NetworkAnalyzer,
  parseFlows,
  parsePortSpec,
  buildNetworkModel,
  type Endpoint,
  type Explanation,
  type Flow,
  type ListFormat,
  type DirectionVerdict,
} from '../../analyzers/netpol/index.js';
import { UsageError } from '../../errors.js';
import { loadInputs } from '../../load/index.js';
import { Inventory } from '../../model/inventory.js';
import type { JsonObject } from '../../model/types.js';
import type { CommandContext } from '../io.js';
import type { RegisterCommand } from '../program.js';

interface InventoryFlags {
  filename?: string[];
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function inventoryOption(command: Command): Command {
  return command.option('-f, --filename <path>', 'inventory: a file, a directory (recursive) or - for stdin; repeatable', collect);
}

function inputPath(context: CommandContext, path: string): string {
  return path === '-' || isAbsolute(path) || context.io.cwd === process.cwd() ? path : resolve(context.io.cwd, path);
}

/** Loads the inventory, reports every input problem on stderr and goes on with the rest. */
async function loadInventory(paths: readonly string[] = [], context: CommandContext, what = '-f, --filename'): Promise<Inventory> {
  if (paths.length === 0) throw new UsageError(`no inventory: pass ${what} PATH (a file, a directory or - for stdin)`);
  const loaded = await loadInputs(
    paths.map((p) => inputPath(context, p)),
    { stdin: context.io.stdin },
  );
  for (const e of loaded.errors) context.io.stderr.write(`rampart: ${e.line !== undefined ? `${e.file}:${e.line}` : e.file}: ${e.message}\n`);
  if (!loaded.anyReadable) throw new UsageError(`no input could be read from ${paths.join(', ')}`);
  if (loaded.errors.length > 0) context.setExitCode(1);
  return new Inventory(loaded.resources);
}

/** Builds the analyzer, reporting malformed policies and hostNetwork workloads on stderr. */
function analyze(inventory: Inventory, context: CommandContext): NetworkAnalyzer {
  const model = buildNetworkModel(inventory);
  for (const issue of model.issues) context.io.stderr.write(`rampart: ${issue.line !== undefined ? `${issue.file}:${issue.line}` : issue.file}: ${issue.message}\n`);
  if (model.issues.length > 0) context.setExitCode(1);
  if (model.hostNetworkWorkloads.length > 0)
    context.io.stderr.write(`rampart: note: hostNetwork workloads are outside NetworkPolicy's reach: ${model.hostNetworkWorkloads.map((w) => w.id).join(', ')}\n`);
  return new NetworkAnalyzer(model);
}

/** The single endpoint `text` names, or a UsageError that says what exists. */
function endpointOf(analyzer: NetworkAnalyzer, text: string, role: string): Endpoint {
  const found = analyzer.resolve(text);
  if (found.length === 1) return found[0] as Endpoint;
  if (found.length > 1) throw new UsageError(`${role} "${text}" is ambiguous: ${found.map(endpointName).join(', ')}; use namespace/name[Kind]`);
  const known = analyzer.model.workloads.map((w) => w.id);
  const hint = known.length === 0 ? 'the inventory has no workloads' : `known workloads: ${known.slice(0, 10).join(', ')}${known.length > 10 ? `, … (${known.length} in all)` : ''}`;
  throw new UsageError(`unknown ${role} "${text}": ${hint}`);
}

const EXAMPLES = `
Examples:
  rampart netpol list -f k8s/
  rampart netpol list -f k8s/ -f policies/ --format dot | dot -Tsvg > netpol.svg
  rampart netpol can shop/web shop/api --port 8080/TCP -f k8s/
  rampart netpol explain shop/web[Deployment] 10.0.0.1 -f k8s/
  rampart netpol coverage -f k8s/ --format json
  rampart netpol diff k8s-before/ k8s-after/
  rampart netpol generate -f k8s/ --infer --out netpol/
  rampart netpol generate -f k8s/ --flows flows.yaml

Endpoints are namespace/name[Kind], namespace/name, a bare name, an IP address, or {ingress-controller}.`;

function registerList(netpol: Command, context: CommandContext): void {
  inventoryOption(netpol.command('list'))
    .summary('allowed connections between workloads, address ranges and the ingress controller')
    .description('List every allowed connection, one per line (src => dst : conn), sorted and deterministic.')
    .addOption(new Option('--format <format>', 'output format').choices([...LIST_FORMATS]).default('connlist'))
    .addHelpText('after', '\nExamples:\n  rampart netpol list -f k8s/\n  kubectl get deploy,netpol,ns -A -o yaml | rampart netpol list -f - --format json')
    .action(async (flags: InventoryFlags & { format: ListFormat }) => {
      const analyzer = analyze(await loadInventory(flags.filename, context), context);
      context.io.stdout.write(formatConnections(analyzer.list(), flags.format));
    });
}

function registerCan(netpol: Command, context: CommandContext): void {
  inventoryOption(netpol.command('can'))
    .summary('can SRC reach DST (on PORT/PROTO)? yes or no, with the deciding policies per direction')
    .argument('<src>', 'source endpoint')
    .argument('<dst>', 'destination endpoint')
    .option('--port <port/proto>', 'a port, range or port/protocol: 8080, 8080/TCP, 53/UDP, 8000-8100/TCP')
    .addHelpText('after', '\nExit code 0 when allowed, 1 when not.\n\nExamples:\n  rampart netpol can shop/web shop/api -f k8s/\n  rampart netpol can shop/web kube-system/coredns --port 53/UDP -f k8s/')
    .action(async (src: string, dst: string, flags: InventoryFlags & { port?: string }) => {
      const wanted = flags.port === undefined ? undefined : parsePortSpec(flags.port);
      if (flags.port !== undefined && !wanted) throw new UsageError(`--port "${flags.port}" is not PORT, PORT-PORT or PORT/PROTO (TCP, UDP, SCTP)`);
      const analyzer = analyze(await loadInventory(flags.filename, context), context);
      const from = endpointOf(analyzer, src, 'source');
      const to = endpointOf(analyzer, dst, 'destination');
      const explanation = analyzer.explain(from, to);
      const allowed = explanation.allowed;
      const yes = wanted ? allowed.covers(wanted) : !allowed.isEmpty();
      const verdict = `${yes ? 'yes' : 'no'}: ${explanation.src} => ${explanation.dst} : ${wanted ?? allowed}${wanted ? ` (allowed: ${allowed})` : ''}`;
      context.io.stdout.write([verdict, ...directionLines(explanation)].join('\n') + '\n');
      if (!yes) context.setExitCode(1);
    });
}

function formatVerdict(verdict: DirectionVerdict | undefined, label: string): string[] {
  if (!verdict) return [`${label}: not restricted (not a workload in the inventory)`];
  const state = verdict.isolated ? 'isolated by NetworkPolicy' : 'not isolated by NetworkPolicy';
  const lines = [`${verdict.direction} of ${verdict.subject}: ${state}; allowed ${verdict.allowed}`];
  for (const d of verdict.decisions) {
    const rule = d.rule !== undefined ? ` ${d.rule}` : d.effect === 'isolate' ? ' (no rule matches)' : '';
    lines.push(`  ${d.effect.padEnd(7)} ${d.policy}${rule}${d.effect === 'isolate' ? '' : `: ${d.connections}`}`);
  }
  return lines;
}

/** The per-direction verdicts and notes of an explanation, as `can` and `explain` print them. */
function directionLines(e: Explanation): string[] {
  return [...formatVerdict(e.egress, 'egress'), ...formatVerdict(e.ingress, 'ingress'), ...e.notes.map((n) => `note: ${n}`)];
}

function formatExplanation(e: Explanation): string {
  return [`${e.src} => ${e.dst} : ${e.allowed}`, '', ...directionLines(e)].join('\n') + '\n';
}

function explanationJson(e: Explanation): JsonObject {
  const verdict = (v: DirectionVerdict | undefined): JsonObject | null =>
    v
      ? {
          direction: v.direction,
          subject: v.subject,
          isolated: v.isolated,
          allowed: v.allowed.toString(),
          decisions: v.decisions.map((d) => ({ layer: d.layer, policy: d.policy, rule: d.rule ?? null, effect: d.effect, conn: d.connections.toString() })),
        }
      : null;
  return { src: e.src, dst: e.dst, conn: e.allowed.toString(), egress: verdict(e.egress), ingress: verdict(e.ingress), notes: e.notes };
}

function registerExplain(netpol: Command, context: CommandContext): void {
  inventoryOption(netpol.command('explain'))
    .summary('the verdict per direction, with the policies and rules that decided it')
    .argument('<src>', 'source endpoint')
    .argument('<dst>', 'destination endpoint')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText('after', '\nExamples:\n  rampart netpol explain shop/web shop/api -f k8s/\n  rampart netpol explain {ingress-controller} shop/web -f k8s/ --format json')
    .action(async (src: string, dst: string, flags: InventoryFlags & { format: string }) => {
      const analyzer = analyze(await loadInventory(flags.filename, context), context);
      const explanation = analyzer.explain(endpointOf(analyzer, src, 'source'), endpointOf(analyzer, dst, 'destination'));
      context.io.stdout.write(flags.format === 'json' ? JSON.stringify(explanationJson(explanation), null, 2) + '\n' : formatExplanation(explanation));
    });
}

function registerCoverage(netpol: Command, context: CommandContext): void {
  inventoryOption(netpol.command('coverage'))
    .summary('isolation, default-deny, DNS and exposure per namespace and workload')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText('after', '\nDNS "broken": egress-isolated and kube-dns unreachable on 53/UDP and 53/TCP.\n\nExamples:\n  rampart netpol coverage -f k8s/\n  rampart netpol coverage -f k8s/ --format json')
    .action(async (flags: InventoryFlags & { format: string }) => {
      const analyzer = analyze(await loadInventory(flags.filename, context), context);
      const report = coverage(analyzer.model);
      context.io.stdout.write(flags.format === 'json' ? JSON.stringify(report, null, 2) + '\n' : formatCoverage(report));
    });
}

function registerDiff(netpol: Command, context: CommandContext): void {
  netpol
    .command('diff')
    .summary('connections added, removed and changed between two inventories')
    .argument('<old>', 'the old inventory: a file, a directory or -')
    .argument('<new>', 'the new inventory: a file, a directory or -')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText('after', '\nLines: "+" added, "-" removed, "~" changed (old -> new).\n\nExamples:\n  rampart netpol diff main/k8s/ k8s/\n  rampart netpol diff before.yaml after.yaml --format json')
    .action(async (oldPath: string, newPath: string, flags: { format: string }) => {
      const before = analyze(await loadInventory([oldPath], context, 'OLD'), context).list();
      const after = analyze(await loadInventory([newPath], context, 'NEW'), context).list();
      const diff = diffConnections(before, after);
      context.io.stdout.write(flags.format === 'json' ? JSON.stringify(diffToJson(diff), null, 2) + '\n' : formatDiff(diff));
    });
}

async function intendedFlows(analyzer: NetworkAnalyzer, inventory: Inventory, flags: { flows?: string; infer?: boolean }, context: CommandContext): Promise<Flow[]> {
  if (flags.flows === undefined && !flags.infer) throw new UsageError('generate needs intended flows: pass --flows FILE, --infer, or both');
  const flows: Flow[] = [];
  if (flags.flows !== undefined) {
    let text: string;
    try {
      text = await readFile(inputPath(context, flags.flows), 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read --flows ${flags.flows}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
    }
    flows.push(...parseFlows(text, flags.flows, analyzer));
  }
  if (flags.infer) flows.push(...inferFlows(inventory, analyzer.model));
  return flows;
}

function policiesYaml(policies: readonly JsonObject[]): string {
  return policies.map((p) => stringify(p, { lineWidth: 0 })).join('---\n');
}

async function writePolicies(policies: readonly JsonObject[], out: string | undefined, context: CommandContext): Promise<void> {
  if (out === undefined || out === '-') {
    context.io.stdout.write(policiesYaml(policies));
    return;
  }
  const dir = inputPath(context, out);
  await mkdir(dir, { recursive: true });
  const byNamespace = new Map<string, JsonObject[]>();
  for (const p of policies) {
    const ns = String((p['metadata'] as JsonObject)['namespace']);
    byNamespace.set(ns, [...(byNamespace.get(ns) ?? []), p]);
  }
  for (const [ns, list] of byNamespace) await writeFile(join(dir, `${ns}.networkpolicies.yaml`), policiesYaml(list));
  context.io.stderr.write(`rampart: wrote ${policies.length} NetworkPolicies to ${out} (${byNamespace.size} files)\n`);
}

function registerGenerate(netpol: Command, context: CommandContext): void {
  inventoryOption(netpol.command('generate'))
    .summary('a verified least-privilege NetworkPolicy set for the intended flows')
    .option('--flows <file>', 'intended flows (YAML): from a workload or selector to a workload:port/protocol')
    .option('--infer', 'infer flows from Services, Ingress objects and Service DNS names in env values and ConfigMaps')
    .option('--out <dir>', 'write one file per namespace into DIR instead of stdout')
    .addHelpText(
      'after',
      `
Generates, per namespace: default-deny of ingress and egress, DNS egress to kube-dns (53/UDP, 53/TCP),
and one ingress and one egress policy per workload with a rule per intended flow. Before writing, the
analyzer checks the set on the inventory: exactly the intended flows plus DNS are allowed, nothing
else; otherwise nothing is written and the exit code is 1.

flows.yaml:
  flows:
    - from: shop/web
      to: shop/api:8080/TCP
    - from: {namespace: shop, podSelector: {matchLabels: {role: client}}}
      to: shop/db
      ports: [5432/TCP]
    - from: "{ingress-controller}"
      to: shop/web:http

Examples:
  rampart netpol generate -f k8s/ --infer
  rampart netpol generate -f k8s/ --flows flows.yaml --out netpol/`,
    )
    .action(async (flags: InventoryFlags & { flows?: string; infer?: boolean; out?: string }) => {
      const inventory = await loadInventory(flags.filename, context);
      const analyzer = analyze(inventory, context);
      const flows = await intendedFlows(analyzer, inventory, flags, context);
      const result = generatePolicies(inventory, analyzer.model, flows);
      const { verification } = result;
      if (!verification.ok) {
        const lines = [
          `rampart: refusing to write: the generated policies would allow ${verification.unexpected.length} unintended and miss ${verification.missing.length} intended connection(s)`,
          ...verification.unexpected.map((p) => `  unintended: ${p.src} => ${p.dst} : ${p.conn}`),
          ...verification.missing.map((p) => `  missing:    ${p.src} => ${p.dst} : ${p.conn}`),
          '  (workloads whose pod labels do not tell them apart cannot be separated by NetworkPolicy; give each workload a distinguishing label)',
        ];
        context.io.stderr.write(lines.join('\n') + '\n');
        context.setExitCode(1);
        return;
      }
      await writePolicies(result.policies, flags.out, context);
      context.io.stderr.write(`rampart: verified: ${flows.length} intended flow(s) plus DNS, nothing else, in ${result.namespaces.length} namespace(s)\n`);
    });
}

/**
 * Registers `rampart netpol` and its sub-commands.
 *
 * @example
 * const program = new Command();
 * registerNetpol(program, context);
 * await program.parseAsync(['netpol', 'list', '-f', 'k8s/'], { from: 'user' });
 */
export const registerNetpol: RegisterCommand = (program, context) => {
  const netpol = program
    .command('netpol')
    .summary('NetworkPolicy reachability, coverage, diff and verified generation')
    .description(
      'Analyze NetworkPolicy (networking.k8s.io/v1), AdminNetworkPolicy and BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1) and Ingress objects over an inventory of manifests.',
    )
    .addHelpText('after', EXAMPLES);
  registerList(netpol, context);
  registerCan(netpol, context);
  registerExplain(netpol, context);
  registerCoverage(netpol, context);
  registerDiff(netpol, context);
  registerGenerate(netpol, context);
};
