/**
 * The check registry. Each domain keeps an explicit literal of its checks, sorted by id, in its
 * own `index.ts`; this file lists the domains explicitly. Nothing registers itself by import
 * side effect, and a test proves the merged registry has no id twice and stays sorted.
 */
import type { AnyCheck } from '../engine/types.js';
import { GOVERNANCE_CHECKS } from './governance/index.js';
import { PSS_SCAN_CHECKS } from './pod-security/index.js';
import { ADMISSION_CHECKS } from './admission/index.js';
import { DEPRECATION_CHECKS } from './deprecation/index.js';
import { IMAGE_CHECKS } from './image/index.js';
import { NAMESPACE_CHECKS } from './namespace/index.js';
import { NETWORK_EXPOSURE_CHECKS } from './network-exposure/index.js';
import { NETWORK_POLICY_CHECKS } from './network/index.js';
import { RBAC_HYGIENE_CHECKS } from './rbac-hygiene/index.js';
import { RBAC_CHECK_REGISTRY } from './rbac/index.js';
import { RELIABILITY_CHECKS } from './reliability/index.js';
import { RUNTIME_CHECKS } from './runtime/index.js';
import { SECRETS_CHECKS } from './secrets/index.js';
import { WORKLOAD_CHECKS } from './workload/index.js';

/** The Pod Security checks, keyed by id (the pod-security module lists them in id order). */
const POD_SECURITY_CHECKS: Readonly<Record<string, AnyCheck>> = Object.fromEntries(PSS_SCAN_CHECKS.map((check) => [check.id, check]));

/** The domain registries. */
export const DOMAIN_REGISTRIES: ReadonlyArray<Readonly<Record<string, AnyCheck>>> = [
  ADMISSION_CHECKS,
  DEPRECATION_CHECKS,
  GOVERNANCE_CHECKS,
  IMAGE_CHECKS,
  NAMESPACE_CHECKS,
  NETWORK_EXPOSURE_CHECKS,
  NETWORK_POLICY_CHECKS,
  POD_SECURITY_CHECKS,
  RBAC_CHECK_REGISTRY,
  RBAC_HYGIENE_CHECKS,
  RELIABILITY_CHECKS,
  RUNTIME_CHECKS,
  SECRETS_CHECKS,
  WORKLOAD_CHECKS,
];

export const CHECK_REGISTRY: Readonly<Record<string, AnyCheck>> = Object.assign({}, ...DOMAIN_REGISTRIES) as Record<string, AnyCheck>;

/** Every built-in check, in id order. */
export const CHECKS: readonly AnyCheck[] = Object.keys(CHECK_REGISTRY)
  .sort()
  .map((id) => CHECK_REGISTRY[id] as AnyCheck);
