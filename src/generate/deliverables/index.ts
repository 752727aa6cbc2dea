/**
 * The deliverable registry: every generator `rampart harden` runs, listed explicitly in
 * deliverable order. Nothing registers itself by import side effect; a deliverable whose
 * generator is not listed here is reported by `rampart harden` as not generated.
 */
import type { DeliverableGenerator, DeliverableId } from '../types.js';
import { generateAdmission } from './admission/index.js';
import { generateClusterHardening } from './cluster-hardening/index.js';
import { generateImageSecurity } from './image-security/index.js';
import { generateMonitoring } from './monitoring/index.js';
import { generateNetwork } from './network/index.js';
import { generatePodSecurity } from './pod-security/index.js';
import { generateRbac } from './rbac/index.js';
import { generateRuntime } from './runtime/index.js';
import { generateSecrets } from './secrets/index.js';

/** The generators by deliverable id. */
export const GENERATORS: Partial<Record<DeliverableId, DeliverableGenerator>> = {
  'cluster-hardening': generateClusterHardening,
  rbac: generateRbac,
  network: generateNetwork,
  'pod-security': generatePodSecurity,
  'image-security': generateImageSecurity,
  secrets: generateSecrets,
  admission: generateAdmission,
  runtime: generateRuntime,
  monitoring: generateMonitoring,
};

/** Every registered generator, in deliverable order. */
export const ALL_GENERATORS: readonly DeliverableGenerator[] = Object.values(GENERATORS);
