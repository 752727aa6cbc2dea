/**
 * The one implementation of Kubernetes label selectors (`metav1.LabelSelector`) in Rampart.
 *
 * Semantics, as the API machinery defines them:
 * - `matchLabels` and every `matchExpressions` entry are ANDed;
 * - an empty selector (`{}`) matches every object;
 * - an absent (`undefined`/`null`) selector matches nothing;
 * - `In` needs the key with one of the values, `NotIn` matches when the key is absent or its
 *   value is not listed, `Exists` / `DoesNotExist` test the key only;
 * - an invalid selector (unknown operator, `In` without values…) matches nothing, and
 *   {@link compileLabelSelector} reports why.
 */
import { isJsonObject, type JsonObject, type JsonValue } from '../../model/types.js';
import { compareStrings } from './order.js';

export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

/** One `matchExpressions` requirement. */
export interface SelectorRequirement {
  key: string;
  operator: SelectorOperator;
  values: readonly string[];
}

/** A validated label selector. */
export interface LabelSelector {
  matchLabels: Readonly<Record<string, string>>;
  matchExpressions: readonly SelectorRequirement[];
}

/** The outcome of reading a selector from a manifest: the selector, or the problems that make it invalid. */
export interface CompiledSelector {
  /** Undefined when the selector is invalid; an invalid selector matches nothing. */
  selector: LabelSelector | undefined;
  errors: string[];
}

const OPERATORS: ReadonlySet<string> = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/** A selector that matches every object. */
export const EVERYTHING: LabelSelector = Object.freeze({ matchLabels: Object.freeze({}), matchExpressions: Object.freeze([]) });

function readMatchLabels(value: JsonValue | undefined, errors: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  if (value === undefined || value === null) return out;
  if (!isJsonObject(value)) {
    errors.push('matchLabels must be a map of strings');
    return out;
  }
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
    else errors.push(`matchLabels.${k} must be a string`);
  }
  return out;
}

function readRequirement(value: JsonValue, index: number, errors: string[]): SelectorRequirement | undefined {
  const where = `matchExpressions[${index}]`;
  if (!isJsonObject(value)) {
    errors.push(`${where} must be an object`);
    return undefined;
  }
  const { key, operator, values } = value;
  if (typeof key !== 'string' || key === '') {
    errors.push(`${where}.key must be a non-empty string`);
    return undefined;
  }
  if (typeof operator !== 'string' || !OPERATORS.has(operator)) {
    errors.push(`${where}.operator must be one of In, NotIn, Exists, DoesNotExist (got ${JSON.stringify(operator ?? null)})`);
    return undefined;
  }
  const list = Array.isArray(values) ? values.map((v) => String(v)) : [];
  if (values !== undefined && values !== null && !Array.isArray(values)) {
    errors.push(`${where}.values must be a list`);
    return undefined;
  }
  if ((operator === 'In' || operator === 'NotIn') && list.length === 0) {
    errors.push(`${where}: operator ${operator} needs at least one value`);
    return undefined;
  }
  if ((operator === 'Exists' || operator === 'DoesNotExist') && list.length > 0) {
    errors.push(`${where}: operator ${operator} takes no values`);
    return undefined;
  }
  return { key, operator: operator as SelectorOperator, values: list };
}

/**
 * Validates a selector as written in a manifest.
 *
 * @example
 * const { selector, errors } = compileLabelSelector({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['web'] }] });
 */
export function compileLabelSelector(value: JsonValue | undefined): CompiledSelector {
  if (value === undefined || value === null) return { selector: undefined, errors: [] };
  if (!isJsonObject(value)) return { selector: undefined, errors: ['a label selector must be an object'] };
  const errors: string[] = [];
  const matchLabels = readMatchLabels(value['matchLabels'], errors);
  const matchExpressions: SelectorRequirement[] = [];
  const expressions = value['matchExpressions'];
  if (expressions !== undefined && expressions !== null) {
    if (!Array.isArray(expressions)) errors.push('matchExpressions must be a list');
    else
      expressions.forEach((e, i) => {
        const requirement = readRequirement(e, i, errors);
        if (requirement) matchExpressions.push(requirement);
      });
  }
  return errors.length > 0 ? { selector: undefined, errors } : { selector: { matchLabels, matchExpressions }, errors };
}

const compiledCache = new WeakMap<object, LabelSelector | null>();

function toSelector(value: LabelSelector | JsonObject | null | undefined): LabelSelector | undefined {
  if (value === undefined || value === null) return undefined;
  const cached = compiledCache.get(value);
  if (cached !== undefined) return cached ?? undefined;
  // A compiled selector has the same shape as the manifest object, so compiling it again is safe.
  const selector = compileLabelSelector(value as unknown as JsonObject).selector;
  compiledCache.set(value, selector ?? null);
  if (selector) compiledCache.set(selector, selector);
  return selector;
}

function requirementHolds(requirement: SelectorRequirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
  switch (requirement.operator) {
    case 'In':
      return has && requirement.values.includes(labels[requirement.key] as string);
    case 'NotIn':
      return !has || !requirement.values.includes(labels[requirement.key] as string);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
  }
}

/**
 * True when `labels` satisfy `selector`. Accepts a compiled selector or the raw manifest
 * object; `{}` matches everything, `undefined`/`null` and invalid selectors match nothing.
 *
 * @example
 * matchesLabelSelector({ matchLabels: { app: 'web' } }, { app: 'web', tier: 'front' }); // true
 * matchesLabelSelector({}, {}); // true
 * matchesLabelSelector(undefined, { app: 'web' }); // false
 */
export function matchesLabelSelector(
  selector: LabelSelector | JsonObject | null | undefined,
  labels: Readonly<Record<string, string>>,
): boolean {
  const compiled = toSelector(selector);
  if (!compiled) return false;
  // A hot path (policies × workloads): iterate without allocating entry arrays.
  const matchLabels = compiled.matchLabels;
  for (const key in matchLabels) if (!Object.prototype.hasOwnProperty.call(labels, key) || labels[key] !== matchLabels[key]) return false;
  for (const requirement of compiled.matchExpressions) if (!requirementHolds(requirement, labels)) return false;
  return true;
}

/**
 *True when the selector matches every object (no labels and no expressions).
 *
 * @example
 * selectsEverything(EVERYTHING); // true
 */
export function selectsEverything(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0;
}

/**
 * A short human form, as kubectl prints selectors: `app=web,tier in (a,b),!legacy`; `<all>` for `{}`.
 *
 * @example
 * describeSelector({ matchLabels: { app: 'web' }, matchExpressions: [] }); // "app=web"
 */
export function describeSelector(selector: LabelSelector): string {
  const parts = Object.entries(selector.matchLabels)
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([k, v]) => `${k}=${v}`);
  for (const r of selector.matchExpressions) {
    if (r.operator === 'Exists') parts.push(r.key);
    else if (r.operator === 'DoesNotExist') parts.push(`!${r.key}`);
    else parts.push(`${r.key} ${r.operator === 'In' ? 'in' : 'notin'} (${r.values.join(',')})`);
  }
  return parts.length === 0 ? '<all>' : parts.join(',');
}
