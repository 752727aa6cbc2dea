/** Governance checks, keyed by id in id order. */
import type { AnyCheck } from '../../engine/types.js';
import exceptionExpired from './exception-expired.js';
import exceptionUnused from './exception-unused.js';
import suppressionMissingReason from './suppression-missing-reason.js';
import suppressionUnused from './suppression-unused.js';

export const GOVERNANCE_CHECKS = {
  'governance.exception-expired': exceptionExpired,
  'governance.exception-unused': exceptionUnused,
  'governance.suppression-missing-reason': suppressionMissingReason,
  'governance.suppression-unused': suppressionUnused,
} as const satisfies Record<string, AnyCheck>;
