/**
 * Compliance references of the RBAC analysis checks, as structured data. Every RBAC check maps
 * to the least-privilege controls of each framework; the CIS control and the MITRE ATT&CK
 * technique depend on the permission.
 */
import type { Control } from '../../engine/types.js';

/**
 * CIS Kubernetes Benchmark 1.8+ section 5.1 "RBAC and Service Accounts".
 *
 * @example
 * cis('5.1.8');
 */
export function cis(id: string): Control {
  return { framework: 'cis-k8s', id };
}

/**
 * A MITRE ATT&CK technique.
 *
 * @example
 * attack('T1098.006');
 */
export function attack(technique: string): Control {
  return { framework: 'mitre-attack', id: technique };
}

/**
 * Least-privilege controls shared by every RBAC analysis check: NSA/CISA Kubernetes Hardening
 * Guide "Authentication and authorization", PCI-DSS v4 7.2.1/7.2.2 (access by least
 * privilege), SOC 2 CC6.1 (logical access) and CC6.3 (role-based access, least privilege), and
 * HIPAA §164.312(a)(1) (access control).
 */
export const LEAST_PRIVILEGE: readonly Control[] = [
  { framework: 'nsa-cisa', id: 'authentication-and-authorization' },
  { framework: 'pci-dss', id: '7.2.1' },
  { framework: 'pci-dss', id: '7.2.2' },
  { framework: 'soc2', id: 'CC6.1' },
  { framework: 'soc2', id: 'CC6.3' },
  { framework: 'hipaa', id: '164.312(a)(1)' },
];
