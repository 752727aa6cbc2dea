/**
 * The fix registry: one module per fixable check, file name = check id, listed here explicitly in
 * id order. Nothing registers itself by import side effect; a test proves every key names a
 * registered check, matches its definition's `checkId`, and that the literal stays sorted.
 */
import type { FixDefinition } from '../types.js';
import allowPrivilegeEscalation from './pss.allowPrivilegeEscalation.js';
import capabilitiesRestricted from './pss.capabilities_restricted.js';
import runAsNonRoot from './pss.runAsNonRoot.js';
import seccompProfileRestricted from './pss.seccompProfile_restricted.js';

export const FIXES = {
  'pss.allowPrivilegeEscalation': allowPrivilegeEscalation,
  'pss.capabilities_restricted': capabilitiesRestricted,
  'pss.runAsNonRoot': runAsNonRoot,
  'pss.seccompProfile_restricted': seccompProfileRestricted,
} as const satisfies Record<string, FixDefinition>;

export type FixRegistry = Readonly<Record<string, FixDefinition>>;
