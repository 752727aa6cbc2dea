/**
 * `rampart rbac …`: RBAC analysis with the Kubernetes authorizer's exact semantics — can,
 * who-can, permissions, risks, paths and generate --from-audit. The inventory comes from
 * `-f, --filename` (repeatable: file, directory or `-`), as kubectl takes it.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { stringify } from 'yaml';
import {
  auditIdentity,
  buildEscalationGraph,
  buildRbacModel,
  entersThrough,
  describeRequest,
  describeSubjectKey,
  findPaths,
  findRisks,
  generateFromAudit,
  loadDefaultRoles,
  nonResourceRequest,
  parseAuditLog,
  parseResourceArgument,
  parseSubject,
  pathsToDot,
  pathsToMermaid,
  pathsToText,
  PATH_TARGETS,
  resourceRequest,
  unusedGrants,
  type AccessRequest,
  type Grant,
  type Identity,
  type PathTarget,
  type PolicyRule,
  type RbacModel,
} from '../../analyzers/rbac/index.js';
import { UsageError } from '../../errors.js';
import { loadInputs } from '../../load/index.js';
import { Inventory } from '../../model/inventory.js';
import type { JsonObject } from '../../model/types.js';
import type { CommandContext } from '../io.js';
import type { RegisterCommand } from '../program.js';

interface CommonFlags {
  filename: string[];
  defaultRoles: boolean;
  format: string;
}

interface RequestFlags extends CommonFlags {
  namespace?: string;
  subresource?: string;
  name?: string;
  url?: string;
}

const TEXT_JSON = ['text', 'json'] as const;

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function common(command: Command, formats: readonly string[] = TEXT_JSON): Command {
  return command
    .option('-f, --filename <path>', 'inventory: a file, a directory (recursive) or - for stdin; repeatable', collect, [])
    .option('--no-default-roles', 'do not assume the built-in default roles and bindings (cluster-admin, admin, edit, view, system:*)')
    .addOption(new Option('--format <format>', 'output format').choices([...formats]).default('text'));
}

function requestOptions(command: Command): Command {
  return command
    .option('-n, --namespace <ns>', 'namespace of the request (default: cluster-wide, where only ClusterRoleBindings apply)')
    .option('--subresource <sub>', 'subresource, e.g. exec, log, status, scale (same as RESOURCE/SUB)')
    .option('--name <name>', 'object name (omit for list, watch, create and deletecollection on a collection)')
    .option('--url <path>', 'a non-resource URL such as /healthz or /metrics, instead of RESOURCE');
}

function inputPath(context: CommandContext, path: string): string {
  return path === '-' || isAbsolute(path) || context.io.cwd === process.cwd() ? path : resolve(context.io.cwd, path);
}

function warn(context: CommandContext, where: { file: string; line?: number | undefined }, message: string): void {
  context.io.stderr.write(`rampart: ${where.line !== undefined ? `${where.file}:${where.line}` : where.file}: ${message}\n`);
}

/** Loads the inventory and builds the model; input and RBAC problems go to stderr and the run goes on. */
async function loadModel(flags: CommonFlags, context: CommandContext): Promise<{ model: RbacModel; inventory: Inventory }> {
  if (flags.filename.length === 0) throw new UsageError('no inventory: pass -f, --filename PATH (a file, a directory or - for stdin)');
  const loaded = await loadInputs(flags.filename.map((p) => inputPath(context, p)), { stdin: context.io.stdin });
  for (const e of loaded.errors) warn(context, e, e.message);
  if (!loaded.anyReadable) throw new UsageError(`no input could be read from ${flags.filename.join(', ')}`);
  const inventory = new Inventory(loaded.resources);
  const model = buildRbacModel(inventory, flags.defaultRoles ? { defaults: loadDefaultRoles() } : {});
  for (const p of model.problems) warn(context, p, p.message);
  return { model, inventory };
}

/** The request from VERB, RESOURCE and the request flags; a UsageError when they do not fit together. */
function requestOf(verb: string, resourceArg: string | undefined, flags: RequestFlags): AccessRequest {
  if (flags.url !== undefined) {
    if (resourceArg !== undefined) throw new UsageError('give either RESOURCE or --url, not both');
    if (!flags.url.startsWith('/') && flags.url !== '*') throw new UsageError(`--url must be a path starting with "/", got "${flags.url}"`);
    return nonResourceRequest(verb, flags.url);
  }
  if (resourceArg === undefined) throw new UsageError('missing RESOURCE (or --url PATH for a non-resource URL)');
  const parsed = parseResourceArgument(resourceArg);
  if (flags.subresource !== undefined && parsed.subresource !== '' && flags.subresource !== parsed.subresource) {
    throw new UsageError(`subresource given twice: "${parsed.subresource}" in RESOURCE and "${flags.subresource}" in --subresource`);
  }
  return resourceRequest({
    verb,
    ...parsed,
    subresource: flags.subresource ?? parsed.subresource,
    name: flags.name ?? '',
    namespace: flags.namespace ?? '',
  });
}

function roleName(grant: Grant): string {
  return grant.role.namespace ? `Role ${grant.role.namespace}/${grant.role.name}` : `ClusterRole ${grant.role.name}`;
}

function bindingName(grant: Grant): string {
  return grant.binding.namespace ? `RoleBinding ${grant.binding.namespace}/${grant.binding.name}` : `ClusterRoleBinding ${grant.binding.name}`;
}

function ruleText(rule: PolicyRule): string {
  const parts = [`verbs=${rule.verbs.join(',')}`];
  if (rule.nonResourceURLs.length) parts.push(`nonResourceURLs=${rule.nonResourceURLs.join(',')}`);
  if (rule.resources.length) parts.push(`apiGroups=${rule.apiGroups.map((g) => (g === '' ? '""' : g)).join(',')}`, `resources=${rule.resources.join(',')}`);
  if (rule.resourceNames.length) parts.push(`resourceNames=${rule.resourceNames.join(',')}`);
  return parts.join(' ');
}

function grantJson(grant: Grant): JsonObject {
  return {
    binding: grant.binding.id,
    role: grant.role.namespace ? `Role/${grant.role.namespace}/${grant.role.name}` : `ClusterRole/${grant.role.name}`,
    scope: grant.scope === '' ? '*' : grant.scope,
    ruleIndex: grant.ruleIndex,
    rule: { ...grant.rule } as unknown as JsonObject,
    builtIn: grant.binding.builtIn,
  };
}

function requestJson(request: AccessRequest): JsonObject {
  return { ...request } as unknown as JsonObject;
}

/** Fixed-width columns; the last column is not padded. */
function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

function write(context: CommandContext, text: string): void {
  context.io.stdout.write(text);
}

function writeJson(context: CommandContext, value: unknown): void {
  context.io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

function identityJson(identity: Identity): JsonObject {
  return { user: identity.user, groups: [...identity.groups] };
}

async function runCan(subject: string, verb: string, resourceArg: string | undefined, flags: RequestFlags & { group: string[] }, context: CommandContext): Promise<void> {
  const identity = parseSubject(subject, flags.group);
  const request = requestOf(verb, resourceArg, flags);
  const { model } = await loadModel(flags, context);
  const decision = model.can(identity, request);
  context.setExitCode(decision.allowed ? 0 : 1);
  if (flags.format === 'json') {
    writeJson(context, { allowed: decision.allowed, subject: identityJson(identity), request: requestJson(request), grants: decision.grants.map(grantJson) });
    return;
  }
  const lines = [decision.allowed ? 'yes' : 'no'];
  for (const g of decision.grants) lines.push(`  allowed by ${bindingName(g)} → ${roleName(g)} rule ${g.ruleIndex}: ${ruleText(g.rule)}`);
  if (!decision.allowed) lines.push(`  no rule allows ${describeRequest(request)} for ${identity.user || identity.groups[0]} (groups: ${identity.groups.join(', ')})`);
  write(context, lines.join('\n') + '\n');
}

async function runWhoCan(verb: string, resourceArg: string | undefined, flags: RequestFlags, context: CommandContext): Promise<void> {
  const request = requestOf(verb, resourceArg, flags);
  const { model } = await loadModel(flags, context);
  const result = model.whoCan(request);
  if (flags.format === 'json') {
    writeJson(context, { request: requestJson(request), subjects: result.map((r) => ({ subject: describeSubjectKey(r.subject), grants: r.grants.map(grantJson) })) });
    return;
  }
  if (result.length === 0) return write(context, `Nobody can ${describeRequest(request)}.\n`);
  const rows = result.flatMap((r) => r.grants.map((g) => [describeSubjectKey(r.subject), bindingName(g), roleName(g)]));
  write(context, table(['SUBJECT', 'BINDING', 'ROLE'], rows));
}

async function runPermissions(subject: string, flags: CommonFlags & { group: string[] }, context: CommandContext): Promise<void> {
  const identity = parseSubject(subject, flags.group);
  const { model } = await loadModel(flags, context);
  const grants = model.grantsOf(identity);
  if (flags.format === 'json') {
    writeJson(context, { subject: identityJson(identity), grants: grants.map(grantJson) });
    return;
  }
  if (grants.length === 0) return write(context, 'No permissions.\n');
  const rows = grants.map((g) => [
    g.scope === '' ? '*' : g.scope,
    g.rule.verbs.join(','),
    g.rule.nonResourceURLs.length ? g.rule.nonResourceURLs.join(',') : g.rule.resources.map((r) => r + groupSuffix(g.rule.apiGroups)).join(','),
    g.rule.resourceNames.join(','),
    `${bindingName(g)} → ${roleName(g)}`,
  ]);
  write(context, table(['NAMESPACE', 'VERBS', 'RESOURCES', 'NAMES', 'VIA'], rows));
}

function groupSuffix(groups: readonly string[]): string {
  const named = groups.filter((g) => g !== '');
  if (named.length === 0) return '';
  return `.${named.length === 1 ? named[0] : `{${named.join(',')}}`}${groups.includes('') ? ' (and core)' : ''}`;
}

async function runRisks(flags: CommonFlags & { includeDefaults: boolean }, context: CommandContext): Promise<void> {
  const { model } = await loadModel(flags, context);
  const findings = findRisks(model).filter((f) => flags.includeDefaults || f.grants.some((g) => !g.binding.builtIn));
  if (flags.format === 'json') {
    writeJson(context, findings.map((f) => ({
      id: f.risk.id, title: f.risk.title, severity: f.risk.severity, mitre: f.risk.mitre, explanation: f.risk.explanation,
      subject: describeSubjectKey(f.subject), scope: f.scope === '' ? '*' : f.scope, bindings: [...new Set(f.grants.map((g) => g.binding.id))],
    })));
    return;
  }
  if (findings.length === 0) return write(context, 'No risky permissions found.\n');
  const rows = findings.map((f) => [f.risk.severity, f.risk.id, describeSubjectKey(f.subject), f.scope === '' ? '*' : f.scope, f.risk.mitre, [...new Set(f.grants.map((g) => g.binding.id))].join(',')]);
  const explained = [...new Map(findings.map((f) => [f.risk.id, f.risk])).values()].map((r) => `  ${r.id}: ${r.explanation}`);
  write(context, `${table(['SEVERITY', 'RISK', 'SUBJECT', 'NAMESPACE', 'MITRE', 'BINDINGS'], rows)}\nWhy these matter:\n${explained.join('\n')}\n`);
}

async function runPaths(flags: CommonFlags & { to?: string; from?: string[]; includeDefaults: boolean }, context: CommandContext): Promise<void> {
  const targets: PathTarget[] = flags.to ? [flags.to as PathTarget] : [...PATH_TARGETS];
  const sources = flags.from?.map((s) => {
    if (s.startsWith('workload:')) return s;
    const identity = parseSubject(s);
    return identity.user !== '' ? `user:${identity.user}` : `group:${identity.groups[0] ?? ''}`;
  });
  const { model, inventory } = await loadModel(flags, context);
  const graph = buildEscalationGraph(model, inventory);
  const builtIn = new Set(model.bindings.filter((b) => b.builtIn).map((b) => b.id));
  const inputBindings = new Set(model.bindings.filter((b) => !b.builtIn).map((b) => b.id));
  const paths = findPaths(graph, sources && sources.length ? { targets, sources, lastResortCuts: builtIn } : { targets, lastResortCuts: builtIn })
    // Paths entered through default bindings (system:masters, controller ServiceAccounts) are how Kubernetes works.
    .filter((p) => flags.includeDefaults || entersThrough(p, inputBindings));
  switch (flags.format) {
    case 'json':
      return writeJson(context, paths);
    case 'dot':
      return write(context, pathsToDot(graph, paths));
    case 'mermaid':
      return write(context, pathsToMermaid(graph, paths));
    default:
      return write(context, pathsToText(graph, paths));
  }
}

async function runGenerate(flags: CommonFlags & { fromAudit?: string; subject?: string }, context: CommandContext): Promise<void> {
  if (!flags.fromAudit) throw new UsageError('missing --from-audit AUDIT.jsonl');
  const file = flags.fromAudit;
  let content: string;
  try {
    content = file === '-' ? await readStream(context.io.stdin) : await readFile(inputPath(context, file), 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read audit log ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
  }
  const parsed = parseAuditLog(content, file);
  for (const e of parsed.errors) warn(context, e, e.message);
  const only = flags.subject ? parseSubject(flags.subject) : undefined;
  const requests = only ? parsed.requests.filter((r) => (only.user !== '' ? r.user === only.user : r.groups.includes(only.groups[0] ?? ''))) : parsed.requests;
  const policy = generateFromAudit(requests);
  for (const u of policy.ungrantable) warn(context, u, u.message);
  const model = flags.filename.length > 0 ? (await loadModel(flags, context)).model : undefined;
  const unused = model
    ? policy.identities.map((i) => ({ user: i.user, grants: unusedGrants(model, auditIdentity(requests, i.user), requests) }))
    : [];
  if (flags.format === 'json') {
    writeJson(context, {
      manifests: policy.manifests,
      identities: policy.identities,
      denied: policy.denied.map((d) => ({ file: d.file, line: d.line, user: d.user, request: requestJson(d.request) })),
      unused: unused.map((u) => ({ user: u.user, grants: u.grants.map(grantJson) })),
      errors: [...parsed.errors, ...policy.ungrantable],
    });
    return;
  }
  write(context, generateText(policy.manifests, policy.identities, policy.denied.map((d) => `${d.user}: ${describeRequest(d.request)} (line ${d.line})`), unused));
}

function generateText(manifests: readonly JsonObject[], identities: ReadonlyArray<{ user: string; allowed: number; denied: number }>, denied: readonly string[], unused: ReadonlyArray<{ user: string; grants: readonly Grant[] }>): string {
  const out = ['# Least-privilege RBAC generated by rampart from an audit log.'];
  for (const i of identities) out.push(`# ${i.user}: ${i.allowed} allowed, ${i.denied} denied request(s)`);
  for (const d of denied) out.push(`# denied, not granted: ${d}`);
  for (const u of unused) for (const g of u.grants) out.push(`# unused today by ${u.user}: ${ruleText(g.rule)} via ${bindingName(g)}`);
  const docs = manifests.map((m) => stringify(m).trimEnd());
  return `${out.join('\n')}\n${docs.length ? `---\n${docs.join('\n---\n')}\n` : ''}`;
}

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

const SUBJECT_HELP = 'SUBJECT is user:NAME, group:NAME or sa:NAMESPACE:NAME';

/**
 * Registers `rampart rbac` and its sub-commands.
 *
 * @example
 * const program = new Command();
 * registerRbac(program, context);
 * await program.parseAsync(['rbac', 'can', 'sa:shop:cart', 'get', 'secrets', '-n', 'shop', '-f', 'k8s/'], { from: 'user' });
 */
export const registerRbac: RegisterCommand = (program, context) => {
  const rbac = program
    .command('rbac')
    .description('RBAC analysis with the exact semantics of the Kubernetes RBAC authorizer')
    .addHelpText('after', `
Resources are written as kubectl writes them: pods, deployments.apps, pods/exec.
Default roles (cluster-admin, admin, edit, view, system:*) are assumed present unless
the input defines them; --no-default-roles turns that off. See docs/rbac.md.`);

  const can = requestOptions(common(rbac.command('can').argument('<subject>', SUBJECT_HELP).argument('<verb>').argument('[resource]')))
    .description('is the request allowed? exit 0 for yes, 1 for no; shows the granting rules and bindings')
    .option('--group <group>', 'add a group to the subject, like kubectl --as-group; repeatable', collect, [])
    .addHelpText('after', `
Examples:
  rampart rbac can sa:shop:cart get secrets -n shop -f k8s/
  rampart rbac can user:alice create pods/exec -n shop --name web -f k8s/
  rampart rbac can user:alice update deployments.apps --subresource scale -n shop -f k8s/
  rampart rbac can user:bob get --url /metrics --group monitoring -f k8s/ --format json`);
  can.action((subject: string, verb: string, resource: string | undefined, flags: RequestFlags & { group: string[] }) => runCan(subject, verb, resource, flags, context));

  const whoCan = requestOptions(common(rbac.command('who-can').argument('<verb>').argument('[resource]')))
    .description('every subject the request is allowed for, with the binding and role that allow it')
    .addHelpText('after', `
Examples:
  rampart rbac who-can create pods/exec -n shop -f k8s/
  rampart rbac who-can list secrets -f k8s/          # cluster-wide: ClusterRoleBindings only
  rampart rbac who-can get --url /metrics -f k8s/ --format json`);
  whoCan.action((verb: string, resource: string | undefined, flags: RequestFlags) => runWhoCan(verb, resource, flags, context));

  common(rbac.command('permissions').argument('<subject>', SUBJECT_HELP))
    .description('the effective permission table of a subject (its own bindings and its groups\')')
    .option('--group <group>', 'add a group to the subject; repeatable', collect, [])
    .addHelpText('after', `
Examples:
  rampart rbac permissions sa:kube-system:coredns -f cluster.yaml
  rampart rbac permissions user:alice --group dev -f k8s/ --format json`)
    .action((subject: string, flags: CommonFlags & { group: string[] }) => runPermissions(subject, flags, context));

  common(rbac.command('risks'))
    .description('risky permissions (secrets, pods, impersonate, bind, escalate, nodes/proxy, CSR approval, webhooks…) per subject and namespace')
    .option('--include-defaults', 'also report risks held only through built-in default bindings', false)
    .addHelpText('after', `
Examples:
  rampart rbac risks -f k8s/
  rampart rbac risks -f k8s/ --format json --include-defaults`)
    .action((flags: CommonFlags & { includeDefaults: boolean }) => runRisks(flags, context));

  common(rbac.command('paths'), ['text', 'json', 'dot', 'mermaid'])
    .description('multi-hop escalation paths from every subject and workload to cluster-admin, every secret or node compromise, with the binding that cuts each')
    .addOption(new Option('--to <target>', 'only paths to this target').choices([...PATH_TARGETS]))
    .option('--from <subject>', 'only paths from this subject (user:, group:, sa:) or workload:KIND/NS/NAME; repeatable', collect, [])
    .option('--include-defaults', 'also show paths that use only built-in default bindings', false)
    .addHelpText('after', `
Examples:
  rampart rbac paths -f k8s/
  rampart rbac paths --to cluster-admin --from sa:shop:cart -f k8s/
  rampart rbac paths --to secrets -f k8s/ --format mermaid > paths.mmd`)
    .action((flags: CommonFlags & { to?: string; from?: string[]; includeDefaults: boolean }) => runPaths(flags, context));

  common(rbac.command('generate'))
    .description('least-privilege Roles/ClusterRoles and bindings from the requests each identity made in an audit log')
    .option('--from-audit <file>', 'audit log: audit.k8s.io/v1 Event objects, one JSON object per line (- for stdin)')
    .option('--subject <subject>', 'only this identity (user:, group:, sa:)')
    .addHelpText('after', `
With -f, also lists the permissions each identity holds today and never used.
Generalisation (docs/rbac.md): a request without a name grants every name; a request
without a namespace is granted cluster-wide; a plain create is granted without names.

Examples:
  rampart rbac generate --from-audit audit.jsonl > least-privilege.yaml
  rampart rbac generate --from-audit audit.jsonl --subject sa:shop:cart -f k8s/`)
    .action((flags: CommonFlags & { fromAudit?: string; subject?: string }) => runGenerate(flags, context));
};
