/**
 * The deliverable registry: every generator `rampart harden` runs, listed explicitly in
 * deliverable order. Nothing registers itself by import side effect.
 */
import type { DeliverableGenerator, DeliverableId } from '../types.js';
import { generateAdmission } from './admission/index.js';
import { generateClusterHardening } from './cluster-hardening/index.js';
import { generateNetwork } from './network/index.js';
import { generatePodSecurity } from './pod-security/index.js';
import { generateRbac } from './rbac/index.js';

/** The generators by deliverable id. Deliverables not listed here are not generated yet. */
export const GENERATORS: Partial<Record<DeliverableId, DeliverableGenerator>> = {
  'cluster-hardening': generateClusterHardening,
  rbac: generateRbac,
  network: generateNetwork,
  'pod-security': generatePodSecurity,
  admission: generateAdmission,
};

/** Every registered generator, in deliverable order. */
export const ALL_GENERATORS: readonly DeliverableGenerator[] = Object.values(GENERATORS);
