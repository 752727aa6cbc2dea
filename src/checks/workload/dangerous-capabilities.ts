/**
 * The dangerous Linux capabilities, as typed data: each entry is one registered check
 * (`workload.capability-<slug>`) with its own severity and ATT&CK techniques. Validated at load
 * by {@link dangerousCapabilityProblems} and by a data test.
 */
import type { Severity } from '../../engine/types.js';

export interface DangerousCapability {
  /** Name as Kubernetes spells it in `capabilities.add`, without the `CAP_` prefix. */
  name: string;
  /** Check id suffix: `workload.capability-<slug>`. */
  slug: string;
  severity: Severity;
  /** One sentence: what a process holding it can do. */
  risk: string;
  /** MITRE ATT&CK technique ids. */
  techniques: readonly string[];
}

export const DANGEROUS_CAPABILITIES = [
  {
    name: 'ALL',
    slug: 'all',
    severity: 'critical',
    risk: 'Adding ALL grants every capability, including SYS_ADMIN and SYS_MODULE, which is nearly a privileged container.',
    techniques: ['T1611', 'T1068'],
  },
  {
    name: 'BPF',
    slug: 'bpf',
    severity: 'high',
    risk: 'BPF loads eBPF programs into the host kernel, which can read kernel memory, trace every process on the node and hide activity.',
    techniques: ['T1611', 'T1014', 'T1040'],
  },
  {
    name: 'DAC_READ_SEARCH',
    slug: 'dac-read-search',
    severity: 'high',
    risk: 'DAC_READ_SEARCH bypasses read permission checks and allows open_by_handle_at, which reads files of the host filesystem (the "Shocker" escape).',
    techniques: ['T1611', 'T1005'],
  },
  {
    name: 'MAC_ADMIN',
    slug: 'mac-admin',
    severity: 'high',
    risk: 'MAC_ADMIN changes mandatory access control policy (AppArmor, SELinux, Smack), removing the confinement meant to contain the container.',
    techniques: ['T1562.001', 'T1611'],
  },
  {
    name: 'NET_ADMIN',
    slug: 'net-admin',
    severity: 'high',
    risk: 'NET_ADMIN reconfigures interfaces, routes and firewall rules, so the container can redirect, intercept or bypass traffic and network policy enforced in its namespace.',
    techniques: ['T1557', 'T1040', 'T1562.004'],
  },
  {
    name: 'NET_RAW',
    slug: 'net-raw',
    severity: 'medium',
    risk: 'NET_RAW opens raw and packet sockets, which forge packets and spoof ARP or DNS replies to other pods on the node.',
    techniques: ['T1557', 'T1040'],
  },
  {
    name: 'PERFMON',
    slug: 'perfmon',
    severity: 'medium',
    risk: 'PERFMON opens performance monitoring and tracing interfaces that leak kernel addresses and data of other processes on the node.',
    techniques: ['T1068', 'T1082'],
  },
  {
    name: 'SYS_ADMIN',
    slug: 'sys-admin',
    severity: 'critical',
    risk: 'SYS_ADMIN mounts filesystems, manipulates cgroups and namespaces and much more: the known container escapes (cgroup release_agent, mounting host devices) start here.',
    techniques: ['T1611', 'T1068'],
  },
  {
    name: 'SYS_BOOT',
    slug: 'sys-boot',
    severity: 'medium',
    risk: 'SYS_BOOT reboots the node or loads a new kernel with kexec, unless seccomp blocks those calls.',
    techniques: ['T1529'],
  },
  {
    name: 'SYS_MODULE',
    slug: 'sys-module',
    severity: 'critical',
    risk: 'SYS_MODULE loads kernel modules, which is arbitrary code in the host kernel: a complete node compromise.',
    techniques: ['T1611', 'T1547.006', 'T1014'],
  },
  {
    name: 'SYS_PTRACE',
    slug: 'sys-ptrace',
    severity: 'high',
    risk: 'SYS_PTRACE attaches to and injects code into other processes it can see, including other containers of the pod, and host processes with hostPID.',
    techniques: ['T1055.008', 'T1611'],
  },
  {
    name: 'SYS_RAWIO',
    slug: 'sys-rawio',
    severity: 'high',
    risk: 'SYS_RAWIO performs raw I/O on ports and devices (/dev/mem, /dev/sd*), which reads or rewrites node memory and disks wherever device access is granted.',
    techniques: ['T1611', 'T1006'],
  },
  {
    name: 'SYS_TIME',
    slug: 'sys-time',
    severity: 'medium',
    risk: 'SYS_TIME sets the node clock, which is not namespaced: it breaks certificate validation, token expiry and the ordering of audit logs.',
    techniques: ['T1070', 'T1562'],
  },
] as const satisfies readonly DangerousCapability[];

export type DangerousCapabilityName = (typeof DANGEROUS_CAPABILITIES)[number]['name'];

/** Normalises a capability as container runtimes accept it: case-insensitive, with or without `CAP_`. */
export function normaliseCapability(value: string): string {
  const upper = value.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

/** Every problem with a table of capabilities; empty when it is sound. */
export function dangerousCapabilityProblems(table: readonly DangerousCapability[]): string[] {
  const problems: string[] = [];
  const names = new Set<string>();
  const slugs = new Set<string>();
  for (const entry of table) {
    const where = `capability ${JSON.stringify(entry.name)}`;
    if (!/^[A-Z][A-Z_]*$/.test(entry.name) || entry.name.startsWith('CAP_')) problems.push(`${where}: name must be upper-case without CAP_`);
    if (entry.slug !== entry.name.toLowerCase().replace(/_/g, '-')) problems.push(`${where}: slug must be the kebab-cased name`);
    if (names.has(entry.name)) problems.push(`${where}: duplicate name`);
    if (slugs.has(entry.slug)) problems.push(`${where}: duplicate slug`);
    names.add(entry.name);
    slugs.add(entry.slug);
    if (entry.techniques.length === 0) problems.push(`${where}: maps to no ATT&CK technique`);
    for (const t of entry.techniques) if (!/^T\d{4}(?:\.\d{3})?$/.test(t)) problems.push(`${where}: ${t} is not an ATT&CK technique id`);
    if (!/^[A-Z].*\.$/.test(entry.risk)) problems.push(`${where}: risk must be a sentence`);
  }
  return problems;
}
