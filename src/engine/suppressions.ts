/**
 * In-manifest suppressions: the annotation `rampart.dev/ignore: "<checkId>[,<checkId>…] -- <reason>"`
 * on a resource, or on its Namespace to cover every resource in it. A check id may end in `*`
 * to cover a family (`pss.*`). A suppression without a reason does not apply and is itself
 * reported; one that matches nothing is reported as unused.
 */
import { effectiveNamespace, type Inventory } from '../model/inventory.js';
import type { Resource } from '../model/types.js';

export const IGNORE_ANNOTATION = 'rampart.dev/ignore';
export const IGNORE_ANNOTATION_PATH = '/metadata/annotations/rampart.dev~1ignore';

export interface Suppression {
  /** The resource carrying the annotation (a workload, or a Namespace). */
  owner: Resource;
  patterns: string[];
  reason: string;
  used: boolean;
}

export interface ParsedIgnore {
  patterns: string[];
  reason: string;
}

/** Parses an annotation value; `reason` is empty when none was given. */
export function parseIgnoreAnnotation(value: string): ParsedIgnore {
  const separator = value.indexOf('--');
  const idsPart = separator === -1 ? value : value.slice(0, separator);
  const reason = separator === -1 ? '' : value.slice(separator + 2).trim();
  const patterns = idsPart
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return { patterns, reason };
}

function matches(pattern: string, checkId: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('*')) return checkId.startsWith(pattern.slice(0, -1));
  return pattern === checkId;
}

/** Finds suppressions for findings, tracking which are used. */
export class SuppressionIndex {
  /** Suppressions with a reason, applied to findings. */
  readonly active: Suppression[] = [];
  /** Annotations without a reason: not applied, reported. */
  readonly withoutReason: Resource[] = [];
  private readonly byResource = new Map<Resource, Suppression>();
  private readonly byNamespace = new Map<string, Suppression>();

  constructor(inventory: Inventory) {
    for (const resource of inventory.resources) {
      const value = resource.annotations[IGNORE_ANNOTATION];
      if (value === undefined) continue;
      const parsed = parseIgnoreAnnotation(value);
      if (parsed.reason === '' || parsed.patterns.length === 0) {
        this.withoutReason.push(resource);
        continue;
      }
      const suppression: Suppression = { owner: resource, patterns: parsed.patterns, reason: parsed.reason, used: false };
      this.active.push(suppression);
      if (resource.kind === 'Namespace' && resource.apiVersion === 'v1') this.byNamespace.set(resource.name, suppression);
      else this.byResource.set(resource, suppression);
    }
  }

  /** The suppression covering `checkId` on `resource`, marking it used; undefined when none applies. */
  find(resource: Resource, checkId: string): Suppression | undefined {
    const own = this.byResource.get(resource);
    if (own && own.patterns.some((p) => matches(p, checkId))) {
      own.used = true;
      return own;
    }
    const namespace = effectiveNamespace(resource);
    const nsSuppression = namespace !== undefined ? this.byNamespace.get(namespace) : undefined;
    if (nsSuppression && nsSuppression.patterns.some((p) => matches(p, checkId))) {
      nsSuppression.used = true;
      return nsSuppression;
    }
    return undefined;
  }

  unused(): Suppression[] {
    return this.active.filter((s) => !s.used);
  }
}
