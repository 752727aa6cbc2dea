/**
 * A small evaluator for the subset of Kyverno's validate patterns the generated policies use
 * (there is no Kyverno engine in the test environment): wildcards `*` and `?`, `?*` (non-empty),
 * `!` negation, `|` alternatives, the conditional anchor `=(key)` ("if present, must match")
 * and arrays ("every element matches the pattern's element"). Scalars compare as strings, as
 * Kyverno does (`"false"` matches `false`).
 */
import { isJsonObject, type JsonValue } from '../../../../src/model/types.js';

const CONDITIONAL = /^=\((.+)\)$/;

function wildcard(pattern: string, text: string): boolean {
  const regex = new RegExp(`^${pattern.replace(/[.+^${}()[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 's');
  return regex.test(text);
}

function scalarMatches(pattern: string, value: JsonValue): boolean {
  if (value === null || typeof value === 'object') return false;
  const text = String(value);
  return pattern.split(' | ').some((alternative) => (alternative.startsWith('!') ? !wildcard(alternative.slice(1), text) : wildcard(alternative, text)));
}

/** Whether `value` satisfies `pattern`. */
export function matchesPattern(value: JsonValue | undefined, pattern: JsonValue): boolean {
  if (value === undefined) return false;
  if (Array.isArray(pattern)) {
    if (!Array.isArray(value)) return false;
    const element = pattern[0];
    return element === undefined || value.every((item) => matchesPattern(item, element));
  }
  if (isJsonObject(pattern)) {
    if (!isJsonObject(value)) return false;
    return Object.entries(pattern).every(([key, sub]) => {
      const anchor = CONDITIONAL.exec(key);
      if (anchor) {
        const present = value[anchor[1] as string];
        return present === undefined || matchesPattern(present, sub);
      }
      return matchesPattern(value[key], sub);
    });
  }
  if (typeof pattern === 'string') return scalarMatches(pattern, value);
  return String(pattern) === String(value);
}

/** The paths of a pattern's keys with anchors removed (`spec/containers/0/securityContext/privileged`). */
export function patternPaths(pattern: JsonValue, prefix: string[] = []): string[][] {
  if (Array.isArray(pattern)) return pattern[0] === undefined ? [] : patternPaths(pattern[0], [...prefix, '0']);
  if (!isJsonObject(pattern)) return [];
  return Object.entries(pattern).flatMap(([key, sub]) => {
    const name = CONDITIONAL.exec(key)?.[1] ?? key;
    const path = [...prefix, name];
    return [path, ...patternPaths(sub, path)];
  });
}

/** Whether `path` resolves in `document`. */
export function pathExists(document: JsonValue, path: readonly string[]): boolean {
  let node: JsonValue | undefined = document;
  for (const segment of path) {
    if (Array.isArray(node)) node = node[Number(segment)];
    else if (isJsonObject(node)) node = node[segment];
    else return false;
    if (node === undefined) return false;
  }
  return true;
}
