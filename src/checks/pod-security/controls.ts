/**
 * Compliance references used by the Pod Security checks, as structured data. The mapping for
 * each check, and why, is documented in docs/pss.md.
 */
import type { Control } from '../../engine/types.js';
import type { PssLevel } from './types.js';

export function pssLevel(level: PssLevel): Control {
  return { framework: 'pss', id: level };
}

/** CIS Kubernetes Benchmark (1.8 – 1.12 numbering; section 5.2 is "Pod Security Standards"). */
export function cis(id: string): Control {
  return { framework: 'cis-k8s', id };
}

/**
 * NSA/CISA Kubernetes Hardening Guide (v1.2), by the topic of its "Kubernetes Pod security"
 * section: `non-root-containers` ("Non-root containers and rootless container engines") and
 * `pod-security-enhancements` ("Pod security enhancements").
 */
export const NSA_NON_ROOT: Control = { framework: 'nsa-cisa', id: 'non-root-containers' };
export const NSA_POD_SECURITY: Control = { framework: 'nsa-cisa', id: 'pod-security-enhancements' };

/** MITRE ATT&CK for Containers: Escape to Host. */
export const ATTACK_ESCAPE_TO_HOST: Control = { framework: 'mitre-attack', id: 'T1611' };
