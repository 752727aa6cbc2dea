/** namespace checks, keyed by id in id order. */
import type { AnyCheck } from '../../engine/types.js';
import missingLimitrange from './missing-limitrange.js';
import missingPsaLabels from './missing-psa-labels.js';
import missingResourcequota from './missing-resourcequota.js';
import psaEnforceWeakerThanTarget from './psa-enforce-weaker-than-target.js';
import psaVersionNotPinned from './psa-version-not-pinned.js';

export const NAMESPACE_CHECKS = {
  'namespace.missing-limitrange': missingLimitrange,
  'namespace.missing-psa-labels': missingPsaLabels,
  'namespace.missing-resourcequota': missingResourcequota,
  'namespace.psa-enforce-weaker-than-target': psaEnforceWeakerThanTarget,
  'namespace.psa-version-not-pinned': psaVersionNotPinned,
} as const satisfies Record<string, AnyCheck>;
