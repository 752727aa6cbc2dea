/**
 * Secret values never reach a diff. `rampart fix` prints unified diffs that end up in CI logs;
 * their context lines can hold a literal credential next to a fixed field, or the data of a
 * Secret in the same file. Those values are replaced by `<redacted>` in every line of the diff.
 * A redacted context line no longer matches the file, so such a hunk will not apply: the diff
 * says so, and `--write` applies the same fixes without printing anything.
 */
import { loadText } from '../load/index.js';
import { isJsonObject } from '../model/types.js';
import type { FileFixResult } from './plan.js';

/** Checks whose findings sit on a line that holds a literal credential. */
const CREDENTIAL_CHECKS: ReadonlySet<string> = new Set([
  'secrets.env-literal-credential',
  'secrets.args-literal-credential',
  'secrets.configmap-literal-credential',
]);

export const REDACTED = '<redacted>';

/** Values shorter than this are not searched for (they would match unrelated text). */
const MIN_VALUE_LENGTH = 4;

/** The secret values of a file: Secret `data`/`stringData` values and literal credentials found by the scan. */
export function secretValues(file: FileFixResult): string[] {
  const values = new Set<string>();
  const lines = file.original.split('\n');
  for (const finding of file.unfixed) {
    if (!CREDENTIAL_CHECKS.has(finding.checkId)) continue;
    const value = valueOnLine(lines[finding.line - 1] ?? '');
    if (value !== undefined) values.add(value);
  }
  const loaded = loadText(file.original, file.file);
  for (const resource of loaded.resources) {
    if (resource.kind !== 'Secret') continue;
    for (const field of ['data', 'stringData']) {
      const entries = resource.body[field];
      if (!isJsonObject(entries)) continue;
      for (const value of Object.values(entries)) {
        if (typeof value !== 'string') continue;
        values.add(value);
        for (const part of value.split('\n')) values.add(part.trim());
      }
    }
  }
  return [...values].filter((v) => v.length >= MIN_VALUE_LENGTH).sort((a, b) => b.length - a.length);
}

/** The scalar after `key:` (or after `- `) on a YAML line, unquoted. */
function valueOnLine(line: string): string | undefined {
  const match = /^\s*(?:-\s+)?(?:[^:#]+:\s+)?(.*?)\s*$/.exec(line);
  const raw = match?.[1];
  if (!raw) return undefined;
  return raw.replace(/^(["'])(.*)\1$/, '$2');
}

/**
 * Redacts every secret value of `file` in a unified diff of it.
 *
 * @example
 * redactDiff(unifiedDiffText, fileResult) // context lines show `value: "<redacted>"`
 */
export function redactDiff(diff: string, file: FileFixResult): string {
  const values = secretValues(file);
  if (values.length === 0) return diff;
  let redacted = 0;
  const out = diff
    .split('\n')
    .map((line) => {
      if (line.startsWith('---') || line.startsWith('+++') || line.startsWith('@@')) return line;
      let masked = line;
      for (const value of values) if (masked.includes(value)) masked = masked.split(value).join(REDACTED);
      if (masked !== line) redacted++;
      return masked;
    })
    .join('\n');
  if (redacted === 0) return diff;
  return `${out.replace(/\n$/, '')}\n# rampart: ${redacted} diff line(s) holding secret values are redacted; hunks with a redacted context line will not apply: use --write\n`;
}
