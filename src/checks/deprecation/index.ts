/** deprecation checks, keyed by id in id order. */
import type { AnyCheck } from '../../engine/types.js';
import deprecatedApiVersion from './deprecated-api-version.js';
import removedApiVersion from './removed-api-version.js';

export const DEPRECATION_CHECKS = {
  'deprecation.deprecated-api-version': deprecatedApiVersion,
  'deprecation.removed-api-version': removedApiVersion,
} as const satisfies Record<string, AnyCheck>;
