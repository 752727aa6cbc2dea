/**
 * Reading user configuration written in YAML (exceptions files, custom checks, compliance
 * catalogues) with every problem reported at once, each with its dotted path and the file and
 * line it sits at, so a user fixes the whole file in one go instead of one error per run.
 */
import { LineCounter, isNode, isScalar, parseAllDocuments, type Document } from 'yaml';
import { ConfigError } from '../errors.js';

export type ConfigPath = ReadonlyArray<string | number>;

/** One YAML document of a configuration file, able to say where any of its values sits. */
export interface ConfigDocument {
  readonly file: string;
  /** The plain value (objects, arrays, scalars); `null` for an empty document. */
  readonly value: unknown;
  /** 1-based line of the value at `path`, or of its nearest existing ancestor. */
  lineOf(path: ConfigPath): number;
  /**
   * 1-based line where the text of the string at `path` begins: the line after the indicator
   * for a block scalar (`|`, `>`), else the value's own line. Used to turn a line inside an
   * embedded expression into a line of the file.
   */
  textLineOf(path: ConfigPath): number;
}

/** A problem with a configuration file, located. */
export interface ConfigIssue {
  file: string;
  line: number;
  path: string;
  message: string;
}

/**
 * `exceptions[2].resource.kind`: how a user reads a location in a YAML file.
 *
 * @example
 * formatConfigPath(['exceptions', 2, 'expires']); // 'exceptions[2].expires'
 */
export function formatConfigPath(path: ConfigPath): string {
  let out = '';
  for (const segment of path) out += typeof segment === 'number' ? `[${segment}]` : out === '' ? segment : `.${segment}`;
  return out;
}

/**
 * Collects issues for one file and turns them into a single ConfigError.
 *
 * @example
 * const issues = new IssueCollector();
 * issues.add(doc, ['expires'], 'must be a date');
 * issues.throwIfAny('invalid exceptions file');
 */
export class IssueCollector {
  readonly issues: ConfigIssue[] = [];

  add(document: ConfigDocument, path: ConfigPath, message: string): void {
    this.issues.push({ file: document.file, line: document.lineOf(path), path: formatConfigPath(path), message });
  }

  addAt(file: string, line: number, path: string, message: string): void {
    this.issues.push({ file, line, path, message });
  }

  /** Throws a ConfigError listing every issue as `file:line path: message`. */
  throwIfAny(message: string, cause?: unknown): void {
    if (this.issues.length === 0) return;
    throw toConfigError(message, this.issues, cause);
  }
}

/**
 * A ConfigError whose issue paths carry the file and line (`exceptions.yaml:12 exceptions[2].expires`).
 *
 * @example
 * throw toConfigError('invalid custom check', [{ file: 'a.yaml', line: 3, path: 'severity', message: 'unknown severity' }]);
 */
export function toConfigError(message: string, issues: readonly ConfigIssue[], cause?: unknown): ConfigError {
  const sorted = [...issues].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  return new ConfigError(
    message,
    sorted.map((i) => ({ path: `${i.file}:${i.line}${i.path === '' ? '' : ` ${i.path}`}`, message: i.message })),
    cause === undefined ? undefined : { cause },
  );
}

/**
 * Parses every YAML document of `text`; syntax errors become issues with their line.
 *
 * @example
 * const { documents, issues } = parseConfigDocuments(text, 'exceptions.yaml');
 */
export function parseConfigDocuments(text: string, file: string): { documents: ConfigDocument[]; issues: ConfigIssue[] } {
  const lineCounter = new LineCounter();
  const issues: ConfigIssue[] = [];
  const documents: ConfigDocument[] = [];
  const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const list = Array.isArray(parsed) ? parsed : [];
  if (!Array.isArray(parsed)) {
    issues.push({ file, line: 1, path: '', message: 'not a YAML stream' });
  }
  for (const doc of list) {
    const errors = [...doc.errors];
    for (const error of errors) {
      const offset = error.pos[0];
      issues.push({ file, line: lineCounter.linePos(offset).line, path: '', message: error.message.split('\n')[0] ?? error.message });
    }
    if (errors.length > 0) continue;
    let value: unknown;
    try {
      // A small alias budget: a configuration file has no business expanding into megabytes (alias bombs).
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      issues.push({ file, line: lineCounter.linePos(doc.range[0]).line, path: '', message: error instanceof Error ? error.message : String(error) });
      continue;
    }
    if (doc.contents === null) continue; // `---` with nothing after it
    documents.push({
      file,
      value: value ?? null,
      lineOf: (path) => lineOf(doc, lineCounter, path),
      textLineOf: (path) => {
        const node = doc.getIn(path, true);
        const line = lineOf(doc, lineCounter, path);
        return isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') ? line + 1 : line;
      },
    });
  }
  return { documents, issues };
}

function lineOf(doc: Document, lineCounter: LineCounter, path: ConfigPath): number {
  for (let length = path.length; length >= 0; length--) {
    const node = length === 0 ? doc.contents : doc.getIn(path.slice(0, length), true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return 1;
}

/** Whether `value` is a plain mapping (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
