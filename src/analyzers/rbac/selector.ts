/**
 * Label selectors (`matchLabels` and `matchExpressions`) as used by ClusterRole
 * `aggregationRule.clusterRoleSelectors`.
 */
import { isJsonObject, stringMap, type JsonValue } from '../../model/types.js';

interface Requirement {
  key: string;
  operator: string;
  values: string[];
}

/** A parsed selector; `undefined` from {@link parseSelector} means the selector is invalid. */
export interface LabelSelector {
  readonly matchLabels: Readonly<Record<string, string>>;
  readonly expressions: readonly Requirement[];
}

/**
 * Parses one selector object; returns undefined (selects nothing) when it is malformed.
 *
 * @example
 * parseSelector({ matchLabels: { 'rbac.example.com/aggregate': 'true' } });
 */
export function parseSelector(value: JsonValue | undefined): LabelSelector | undefined {
  if (!isJsonObject(value)) return undefined;
  const expressions: Requirement[] = [];
  const raw = value['matchExpressions'];
  if (raw !== undefined && !Array.isArray(raw)) return undefined;
  for (const item of raw ?? []) {
    if (!isJsonObject(item) || typeof item['key'] !== 'string' || typeof item['operator'] !== 'string') return undefined;
    const values = Array.isArray(item['values']) ? item['values'].filter((v): v is string => typeof v === 'string') : [];
    expressions.push({ key: item['key'], operator: item['operator'], values });
  }
  return { matchLabels: stringMap(value['matchLabels']), expressions };
}

/**
 * True when `labels` satisfy the selector. An empty selector matches everything, as
 * `metav1.LabelSelectorAsSelector` makes it.
 *
 * @example
 * selectorMatches(parseSelector({ matchLabels: { a: 'b' } })!, { a: 'b' }); // true
 */
export function selectorMatches(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  for (const [k, v] of Object.entries(selector.matchLabels)) if (labels[k] !== v) return false;
  return selector.expressions.every((e) => requirementMatches(e, labels));
}

function requirementMatches(requirement: Requirement, labels: Readonly<Record<string, string>>): boolean {
  const value = labels[requirement.key];
  switch (requirement.operator) {
    case 'In':
      return value !== undefined && requirement.values.includes(value);
    case 'NotIn':
      return value === undefined || !requirement.values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    default:
      return false;
  }
}
