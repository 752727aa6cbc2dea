/**
 * The check registry. Each domain keeps an explicit literal of its checks, sorted by id, in its
 * own `index.ts`; this file lists the domains explicitly. Nothing registers itself by import
 * side effect, and a test proves the merged registry has no id twice and stays sorted.
 */
import type { AnyCheck } from '../engine/types.js';
import { GOVERNANCE_CHECKS } from './governance/index.js';

/** The domain registries, in the order their checks are listed. */
export const DOMAIN_REGISTRIES: ReadonlyArray<Readonly<Record<string, AnyCheck>>> = [GOVERNANCE_CHECKS];

export const CHECK_REGISTRY: Readonly<Record<string, AnyCheck>> = Object.assign({}, ...DOMAIN_REGISTRIES) as Record<string, AnyCheck>;

/** Every built-in check, in id order. */
export const CHECKS: readonly AnyCheck[] = Object.keys(CHECK_REGISTRY)
  .sort()
  .map((id) => CHECK_REGISTRY[id] as AnyCheck);
