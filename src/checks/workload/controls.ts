/**
 * Compliance references shared by the workload, image, secrets and reliability checks, as
 * structured data: one constant per control, named after what the control asks for, so that a
 * check's `controls` list reads as a sentence and the compliance roll-up can query it.
 *
 * Identifiers: CIS Kubernetes Benchmark 1.8–1.12 section 5 numbering (as the Pod Security
 * checks use); NSA/CISA Kubernetes Hardening Guidance v1.2 by the kebab-cased topic of its
 * section; MITRE ATT&CK technique ids (Containers matrix); PCI-DSS v4.0 requirement ids; HIPAA
 * Security Rule citations; SOC 2 2017 Trust Services Criteria.
 */
import type { Control } from '../../engine/types.js';

function control(framework: Control['framework'], id: string): Control {
  return Object.freeze({ framework, id });
}

export const cis = (id: string): Control => control('cis-k8s', id);
export const attack = (id: string): Control => control('mitre-attack', id);
export const pci = (id: string): Control => control('pci-dss', id);
export const soc2 = (id: string): Control => control('soc2', id);
export const hipaa = (id: string): Control => control('hipaa', id);

export const NSA = {
  /** "Non-root containers and rootless container engines". */
  nonRoot: control('nsa-cisa', 'non-root-containers'),
  /** "Immutable container file systems". */
  immutableFilesystems: control('nsa-cisa', 'immutable-container-file-systems'),
  /** "Pod security enhancements". */
  podSecurity: control('nsa-cisa', 'pod-security-enhancements'),
  /** "Protecting Pod service account tokens". */
  serviceAccountTokens: control('nsa-cisa', 'pod-service-account-tokens'),
  /** "Building secure container images" (scanning, trusted registries). */
  imageScanning: control('nsa-cisa', 'image-scanning'),
  /** "Namespaces". */
  namespaces: control('nsa-cisa', 'namespaces'),
  /** "Resource policies" (requests, limits, LimitRange, ResourceQuota). */
  resourcePolicies: control('nsa-cisa', 'resource-policies'),
  /** "Secrets". */
  secrets: control('nsa-cisa', 'secrets'),
} as const;

/** HIPAA Security Rule safeguards used here. */
export const HIPAA = {
  /** §164.312(a)(1) Access control (technical safeguard). */
  accessControl: hipaa('164.312(a)(1)'),
  /** §164.312(c)(1) Integrity. */
  integrity: hipaa('164.312(c)(1)'),
  /** §164.312(d) Person or entity authentication. */
  authentication: hipaa('164.312(d)'),
  /** §164.308(a)(1)(ii)(B) Risk management. */
  riskManagement: hipaa('164.308(a)(1)(ii)(B)'),
  /** §164.308(a)(4) Information access management. */
  informationAccess: hipaa('164.308(a)(4)'),
  /** §164.308(a)(5)(ii)(B) Protection from malicious software. */
  malware: hipaa('164.308(a)(5)(ii)(B)'),
  /** §164.308(a)(7)(ii)(C) Emergency mode operation plan (availability). */
  emergencyMode: hipaa('164.308(a)(7)(ii)(C)'),
} as const;
