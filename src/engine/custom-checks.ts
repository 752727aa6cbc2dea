/**
 * Custom checks without TypeScript (`scan --checks-dir DIR`): YAML files whose documents each
 * define one check — metadata plus a CEL expression over the resource, evaluated with
 * `@bufbuild/cel`. The expression sees the resource body as `object` (as in Kubernetes'
 * ValidatingAdmissionPolicy) and is true when the resource VIOLATES the check.
 *
 * ```yaml
 * id: custom.no-host-network          # must start with "custom."
 * title: Pods must not use the host network
 * severity: high                       # critical | high | medium | low | info
 * domain: workload
 * controls: [{ framework: cis-k8s, id: 5.2.5 }]
 * remediation: Remove spec.hostNetwork from the pod.
 * docs: Sharing the node's network namespace exposes node-local services.
 * match: { kinds: [Pod] }              # omit for every kind; { podTemplates: true } for every pod template
 * expression: has(object.spec.hostNetwork) && object.spec.hostNetwork
 * message: '{{kind}} {{name}} uses the host network'   # or messageExpression: (CEL → string)
 * path: /spec/hostNetwork              # JSON Pointer reported as the finding's location
 * ```
 *
 * With `match: { podTemplates: true }` the check runs once per pod template of every resource
 * that has one (Pods, the workload kinds, CronJobs, custom resources), with `podSpec` and
 * `podMetadata` bound besides `object`, and `path` is relative to that pod spec — one check
 * covers Pods, Deployments and CronJobs alike.
 *
 * Every expression is parsed and planned once, at load; a syntax error, an unknown variable or
 * function, or bad metadata is a ConfigError naming the file and line. At run time an
 * evaluation error on one resource (a missing field without `has()`, a non-boolean result)
 * is thrown inside the check, so the runner reports it as a run error naming the check and
 * the resource, and the run goes on.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { celEnv, isCelError, parse, plan, type CelEnv } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { UsageError } from '../errors.js';
import { podTemplates } from '../model/pod-templates.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../model/types.js';
import { IssueCollector, isRecord, parseConfigDocuments, type ConfigDocument, type ConfigPath } from './config-file.js';
import { FRAMEWORK_ALIASES, controlMatches, type Catalogue } from './compliance.js';
import { formatMessage } from './runner.js';
import { DOMAINS, SEVERITIES, defineCheck, type AnyCheck, type Control, type Domain, type Severity } from './types.js';

/** Custom check ids live in their own namespace so they can never collide with a built-in added later. */
export const CUSTOM_PREFIX = 'custom.';
const CUSTOM_ID = /^custom\.[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const KEYS = ['id', 'title', 'severity', 'domain', 'controls', 'remediation', 'docs', 'match', 'expression', 'violation', 'message', 'messageExpression', 'path'];
/** Calls the planner handles itself rather than through the function registry. */
const INTRINSIC_CALLS = new Set(['_&&_', '_||_', '_?_:_', '@not_strictly_false', '_[_]', '_[?_]', '_?._', 'optional.of', 'optional.none']);
/** Variables every expression sees, and those only pod-template checks see. */
const VARIABLES = new Set(['object']);
const POD_TEMPLATE_VARIABLES = new Set(['podSpec', 'podMetadata']);

export interface CustomCheckSource {
  file: string;
  text: string;
}

export interface CustomCheckOptions {
  /** Ids already taken (the built-in registry). */
  reservedIds?: Iterable<string>;
  /** Catalogues to validate control ids against; frameworks without one are checked by name only. */
  catalogues?: readonly Catalogue[];
}

type Program = (bindings: { object: unknown; podSpec?: unknown; podMetadata?: unknown }) => unknown;

/** What a custom check runs on: resources of some kinds, or each pod template of every workload. */
type CustomMatch = readonly string[] | '*' | 'pod-templates';

let sharedEnv: CelEnv | undefined;
function env(): CelEnv {
  sharedEnv ??= celEnv({ funcs: strings });
  return sharedEnv;
}

/**
 * Compiles the checks of several files, collecting every problem of every file.
 *
 * @throws {ConfigError} listing each problem as `file:line path: message`.
 * @example
 * const checks = compileCustomChecks([{ file: 'checks/host-network.yaml', text }], { reservedIds: Object.keys(CHECK_REGISTRY) });
 */
export function compileCustomChecks(sources: readonly CustomCheckSource[], options: CustomCheckOptions = {}): AnyCheck[] {
  const issues = new IssueCollector();
  const reserved = new Set(options.reservedIds ?? []);
  const seen = new Map<string, string>();
  const checks: AnyCheck[] = [];
  for (const source of sources) {
    const { documents, issues: syntax } = parseConfigDocuments(source.text, source.file);
    issues.issues.push(...syntax);
    for (const doc of documents) {
      const check = compileDocument(issues, doc, options.catalogues ?? []);
      if (!check) continue;
      const where = `${doc.file}:${doc.lineOf(['id'])}`;
      if (reserved.has(check.id)) issues.add(doc, ['id'], `${check.id} is the id of a built-in check`);
      else if (seen.has(check.id)) issues.add(doc, ['id'], `${check.id} is already defined at ${seen.get(check.id)}`);
      else {
        seen.set(check.id, where);
        checks.push(check);
      }
    }
  }
  issues.throwIfAny('invalid custom checks');
  return checks.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Reads every `.yaml`/`.yml` file under `directory` (recursively, in path order) and compiles
 * its checks.
 *
 * @throws {UsageError} when the directory cannot be read; {ConfigError} for bad checks.
 * @example
 * const custom = await loadCustomChecks('policies/', { reservedIds: Object.keys(CHECK_REGISTRY) });
 */
export async function loadCustomChecks(directory: string, options: CustomCheckOptions = {}): Promise<AnyCheck[]> {
  let files: string[];
  try {
    if (!(await stat(directory)).isDirectory()) throw new UsageError(`--checks-dir ${directory} is not a directory`);
    files = await yamlFiles(directory);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--checks-dir: cannot read ${directory} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
  }
  const sources = await Promise.all(files.map(async (file) => ({ file, text: await readFile(file, 'utf8') })));
  return compileCustomChecks(sources, options);
}

/**
 * `builtins` plus the custom checks of every directory, in id order. Custom ids may not
 * repeat a built-in id or one from an earlier directory.
 *
 * @example
 * const checks = await withCustomChecks(CHECKS, flags.checksDir ?? [], { catalogues });
 */
export async function withCustomChecks(
  builtins: readonly AnyCheck[],
  directories: readonly string[],
  options: Omit<CustomCheckOptions, 'reservedIds'> = {},
): Promise<readonly AnyCheck[]> {
  if (directories.length === 0) return builtins;
  const custom: AnyCheck[] = [];
  for (const directory of directories) {
    const reservedIds = [...builtins.map((c) => c.id), ...custom.map((c) => c.id)];
    custom.push(...(await loadCustomChecks(directory, { ...options, reservedIds })));
  }
  return [...builtins, ...custom].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

async function yamlFiles(directory: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(directory, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith('.')) continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) out.push(...(await yamlFiles(path)));
    else if (/\.ya?ml$/i.test(entry.name)) out.push(path);
  }
  return out;
}

function compileDocument(issues: IssueCollector, doc: ConfigDocument, catalogues: readonly Catalogue[]): AnyCheck | undefined {
  const before = issues.issues.length;
  if (!isRecord(doc.value)) {
    issues.add(doc, [], 'a custom check is a mapping with id, title, severity, domain, remediation and expression');
    return undefined;
  }
  const raw = doc.value;
  for (const key of Object.keys(raw)) if (!KEYS.includes(key)) issues.add(doc, [key], `unknown key (expected one of ${KEYS.join(', ')})`);
  const text = (key: string, required: boolean): string | undefined => {
    const value = raw[key];
    if (value === undefined && !required) return undefined;
    if (typeof value !== 'string' || value.trim() === '') {
      issues.add(doc, [key], value === undefined ? 'is required' : 'must be a non-empty string');
      return undefined;
    }
    return value.trim();
  };

  const id = text('id', true);
  if (id !== undefined && !CUSTOM_ID.test(id)) {
    issues.add(doc, ['id'], `must start with "${CUSTOM_PREFIX}" followed by lowercase words joined by ".", "-" or "_" (got ${JSON.stringify(id)})`);
  }
  const title = text('title', true);
  const severity = text('severity', true);
  if (severity !== undefined && !(SEVERITIES as readonly string[]).includes(severity)) issues.add(doc, ['severity'], `must be one of ${SEVERITIES.join(', ')}`);
  const domain = text('domain', true);
  if (domain !== undefined && !(DOMAINS as readonly string[]).includes(domain)) issues.add(doc, ['domain'], `must be one of ${DOMAINS.join(', ')}`);
  const remediation = text('remediation', true);
  const docs = text('docs', false) ?? '';
  const controls = parseControls(issues, doc, raw['controls'], catalogues);
  const kinds = parseMatch(issues, doc, raw['match']);
  const variables = kinds === 'pod-templates' ? new Set([...VARIABLES, ...POD_TEMPLATE_VARIABLES]) : VARIABLES;
  const path = text('path', false) ?? '';
  if (path !== '' && !path.startsWith('/')) issues.add(doc, ['path'], 'must be a JSON Pointer starting with "/"');
  const message = text('message', false);

  let expressionKey: 'expression' | 'violation' = 'expression';
  if (raw['expression'] !== undefined && raw['violation'] !== undefined) issues.add(doc, ['violation'], 'give either expression or violation, not both');
  else if (raw['violation'] !== undefined) expressionKey = 'violation';
  const expression = text(expressionKey, true);
  const program = expression !== undefined ? compileExpression(issues, doc, [expressionKey], expression, variables) : undefined;
  const messageSource = text('messageExpression', false);
  if (messageSource !== undefined && message !== undefined) issues.add(doc, ['messageExpression'], 'give either message or messageExpression, not both');
  const messageProgram = messageSource !== undefined ? compileExpression(issues, doc, ['messageExpression'], messageSource, variables) : undefined;

  if (issues.issues.length > before || !id || !title || !severity || !domain || !remediation || !program) return undefined;
  const describe = (body: unknown): Record<string, string> => {
    const metadata = isRecord(body) && isRecord(body['metadata']) ? body['metadata'] : {};
    return {
      kind: isRecord(body) && typeof body['kind'] === 'string' ? body['kind'] : '',
      name: typeof metadata['name'] === 'string' ? metadata['name'] : '',
      namespace: typeof metadata['namespace'] === 'string' ? metadata['namespace'] : '',
    };
  };
  return defineCheck<'violation'>({
    id,
    title,
    severity: severity as Severity,
    domain: domain as Domain,
    controls,
    remediation,
    docs,
    scope: 'resource',
    match: kinds,
    messages: { violation: '{{message}}' },
    evaluate: (context) => {
      const object = toCel(withoutSecretValues(context.resource.body));
      // A pod-template check runs once per template, and its path is relative to that template's pod spec.
      const runs =
        kinds === 'pod-templates'
          ? podTemplates(context.resource).map((t) => ({ bindings: { object, podSpec: toCel(t.spec), podMetadata: toCel(t.metadata) }, base: `${t.pointer}/spec` }))
          : [{ bindings: { object }, base: '' }];
      for (const { bindings, base } of runs) {
        const verdict = program(bindings);
        if (isCelError(verdict)) throw new Error(`CEL evaluation error: ${verdict.message}`);
        if (typeof verdict !== 'boolean') throw new Error(`expression must evaluate to a bool, got ${describeValue(verdict)}`);
        if (!verdict) continue;
        let text = formatMessage(message ?? title, describe(context.resource.body));
        if (messageProgram) {
          const value = messageProgram(bindings);
          if (isCelError(value)) throw new Error(`messageExpression evaluation error: ${value.message}`);
          if (typeof value !== 'string') throw new Error(`messageExpression must evaluate to a string, got ${describeValue(value)}`);
          text = value;
        }
        context.report({ messageId: 'violation', data: { message: text }, path: base + path });
      }
    },
  });
}

function parseControls(issues: IssueCollector, doc: ConfigDocument, raw: unknown, catalogues: readonly Catalogue[]): Control[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    issues.add(doc, ['controls'], 'must be a list of { framework, id }');
    return [];
  }
  const controls: Control[] = [];
  raw.forEach((entry: unknown, index) => {
    const at: ConfigPath = ['controls', index];
    if (!isRecord(entry)) {
      issues.add(doc, at, 'a control is a mapping { framework, id }');
      return;
    }
    const name = typeof entry['framework'] === 'string' ? entry['framework'].toLowerCase() : undefined;
    const framework = name !== undefined && Object.hasOwn(FRAMEWORK_ALIASES, name) ? FRAMEWORK_ALIASES[name] : undefined;
    const id = typeof entry['id'] === 'number' ? String(entry['id']) : entry['id'];
    if (framework === undefined) issues.add(doc, [...at, 'framework'], `must be one of ${Object.keys(FRAMEWORK_ALIASES).join(', ')}`);
    if (typeof id !== 'string' || id.trim() === '') issues.add(doc, [...at, 'id'], 'must be a non-empty string');
    if (framework === undefined || typeof id !== 'string' || id.trim() === '') return;
    const catalogue = catalogues.find((c) => c.framework === framework);
    if (catalogue && !catalogue.controls.some((c) => controlMatches(c, id))) {
      issues.add(doc, [...at, 'id'], `${id} is not a control of ${catalogue.title} (see docs/compliance/${framework}.md)`);
      return;
    }
    controls.push({ framework, id: id.trim() });
  });
  return controls;
}

function parseMatch(issues: IssueCollector, doc: ConfigDocument, raw: unknown): CustomMatch {
  if (raw === undefined) return '*';
  if (!isRecord(raw)) {
    issues.add(doc, ['match'], 'must be a mapping { kinds: [...] } or { podTemplates: true }');
    return '*';
  }
  for (const key of Object.keys(raw)) if (key !== 'kinds' && key !== 'podTemplates') issues.add(doc, ['match', key], 'unknown key (expected kinds or podTemplates)');
  if (raw['podTemplates'] !== undefined) {
    if (raw['podTemplates'] !== true) issues.add(doc, ['match', 'podTemplates'], 'must be true (omit it otherwise)');
    else if (raw['kinds'] !== undefined) issues.add(doc, ['match', 'kinds'], 'give either kinds or podTemplates, not both');
    else return 'pod-templates';
  }
  const kinds = raw['kinds'];
  if (kinds === undefined) return '*';
  if (!Array.isArray(kinds) || kinds.length === 0 || kinds.some((k) => typeof k !== 'string' || k === '')) {
    issues.add(doc, ['match', 'kinds'], 'must be a non-empty list of kinds (or "*")');
    return '*';
  }
  return (kinds as string[]).includes('*') ? '*' : [...(kinds as string[])];
}

interface SyntaxErrorLike {
  message: string;
  location?: { start?: { line?: number; column?: number } };
}

function compileExpression(issues: IssueCollector, doc: ConfigDocument, path: ConfigPath, source: string, variables: ReadonlySet<string>): Program | undefined {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(source);
  } catch (error) {
    const syntax = error as SyntaxErrorLike;
    const inner = syntax.location?.start;
    const line = doc.textLineOf(path) + Math.max(0, (inner?.line ?? 1) - 1);
    const detail = (syntax.message ?? String(error)).replace(/^<input>:\d+:\d+:\s*/, '');
    issues.addAt(doc.file, line, formatPath(path), `CEL syntax error${inner?.column !== undefined ? ` at column ${inner.column}` : ''}: ${detail}`);
    return undefined;
  }
  const problems = unknownReferences(parsed.expr, parsed.sourceInfo?.positions ?? {}, source, variables);
  for (const problem of problems) {
    issues.addAt(doc.file, doc.textLineOf(path) + problem.line - 1, formatPath(path), problem.message);
  }
  if (problems.length > 0) return undefined;
  try {
    const planned = plan(env(), parsed);
    return (bindings) => planned(bindings as never);
  } catch (error) {
    issues.add(doc, path, `CEL expression cannot be planned: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

function formatPath(path: ConfigPath): string {
  return path.map(String).join('.');
}

interface ExprNode {
  id: bigint;
  exprKind: { case: string | undefined; value?: unknown };
}

/**
 * Identifiers other than `object` (and comprehension variables) and functions the environment
 * does not know: both would only fail at run time, on every resource, so they are load errors.
 */
function unknownReferences(root: ExprNode, positions: Record<string, number>, source: string, variables: ReadonlySet<string>): Array<{ line: number; message: string }> {
  const problems: Array<{ line: number; message: string }> = [];
  const lineAt = (node: ExprNode): number => {
    const offset = positions[String(node.id)] ?? 0;
    return source.slice(0, offset).split('\n').length;
  };
  const visit = (node: ExprNode | undefined, scope: ReadonlySet<string>): void => {
    if (!node) return;
    const kind = node.exprKind;
    const value = kind.value as Record<string, unknown> | undefined;
    switch (kind.case) {
      case 'identExpr': {
        const name = (value as { name: string }).name;
        if (scope.has(name) || variables.has(name)) return;
        const hint = POD_TEMPLATE_VARIABLES.has(name) ? `only checks with "match: { podTemplates: true }" see ${name}` : 'the resource is "object"';
        problems.push({ line: lineAt(node), message: `undeclared reference to "${name}" (${hint})` });
        return;
      }
      case 'selectExpr':
        visit((value as { operand?: ExprNode }).operand, scope);
        return;
      case 'callExpr': {
        const call = value as { function: string; target?: ExprNode; args: ExprNode[] };
        if (!INTRINSIC_CALLS.has(call.function) && env().funcs.find(call.function) === undefined) {
          problems.push({ line: lineAt(node), message: `unknown function "${call.function}"` });
        }
        visit(call.target, scope);
        for (const arg of call.args) visit(arg, scope);
        return;
      }
      case 'listExpr':
        for (const element of (value as { elements: ExprNode[] }).elements) visit(element, scope);
        return;
      case 'structExpr':
        for (const entry of (value as { entries: Array<{ mapKey?: ExprNode; value?: ExprNode }> }).entries) {
          visit(entry.mapKey, scope);
          visit(entry.value, scope);
        }
        return;
      case 'comprehensionExpr': {
        const c = value as { iterVar: string; iterVar2?: string; accuVar: string; iterRange: ExprNode; accuInit: ExprNode; loopCondition: ExprNode; loopStep: ExprNode; result: ExprNode };
        visit(c.iterRange, scope);
        visit(c.accuInit, scope);
        const inner = new Set([...scope, c.iterVar, c.accuVar, ...(c.iterVar2 ? [c.iterVar2] : [])]);
        visit(c.loopCondition, inner);
        visit(c.loopStep, inner);
        visit(c.result, new Set([...scope, c.accuVar]));
        return;
      }
      default:
        return;
    }
  };
  visit(root, new Set());
  return problems;
}

/**
 * What a custom check may see of a resource: everything, except that a Secret's values are
 * blanked (keys kept, so `'password' in object.data` still works) and its last-applied
 * annotation, which copies them, is dropped. A user-written `messageExpression` can then never
 * print a secret value.
 */
function withoutSecretValues(body: JsonObject): JsonObject {
  if (body['kind'] !== 'Secret') return body;
  let blanked = secretViews.get(body);
  if (!blanked) {
    blanked = { ...body };
    for (const field of ['data', 'stringData']) {
      const values = body[field];
      if (isJsonObject(values)) blanked[field] = Object.fromEntries(Object.keys(values).map((key) => [key, '']));
    }
    const metadata = body['metadata'];
    if (isJsonObject(metadata) && isJsonObject(metadata['annotations'])) {
      const annotations = { ...metadata['annotations'] };
      delete annotations['kubectl.kubernetes.io/last-applied-configuration'];
      blanked['metadata'] = { ...metadata, annotations };
    }
    secretViews.set(body, blanked);
  }
  return blanked;
}

const secretViews = new WeakMap<JsonObject, JsonObject>();

const celCache = new WeakMap<object, unknown>();

/**
 * A resource body as CEL sees it: integral numbers become CEL ints (bigint), as in Kubernetes,
 * so `object.spec.replicas + 1` works; other numbers stay doubles. Cached per body, which is
 * never mutated, so several custom checks convert each resource once.
 *
 * @example
 * toCel({ spec: { replicas: 2 } }); // { spec: { replicas: 2n } }
 */
export function toCel(value: JsonValue): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  if (value === null || typeof value !== 'object') return value;
  const cached = celCache.get(value);
  if (cached !== undefined) return cached;
  const converted = Array.isArray(value) ? value.map(toCel) : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toCel(v)]));
  celCache.set(value, converted);
  return converted;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'bigint') return `int ${value}`;
  if (typeof value === 'number') return `double ${value}`;
  if (typeof value === 'string') return `string ${JSON.stringify(value)}`;
  return typeof value;
}
