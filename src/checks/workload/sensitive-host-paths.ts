/**
 * The sensitive host paths, as typed data: each entry is one registered check
 * (`workload.host-path-<slug>`) with its own severity, rated above the generic
 * `workload.host-path` (medium). Validated at load by {@link sensitiveHostPathProblems} and by a
 * data test.
 */
import type { Severity } from '../../engine/types.js';

export interface SensitiveHostPath {
  /** Check id suffix: `workload.host-path-<slug>`. */
  slug: string;
  /**
   * `socket`: matches any host path whose last segment is `name` (the runtime may live under
   * /run, /var/run or a custom prefix). `directory`: matches `name` itself, anything below it,
   * and any ancestor that contains it (mounting `/var` exposes `/var/lib/kubelet`). The root `/`
   * matches only itself.
   */
  match: 'socket' | 'directory';
  /** Socket file name, or normalised absolute directory path. */
  name: string;
  /** Above the generic hostPath check's medium: critical (node takeover in one step) or high. */
  severity: Extract<Severity, 'critical' | 'high'>;
  /** Short noun phrase for titles: "the Docker socket". */
  title: string;
  /** What the mount hands to the container, for messages ("the Docker API: …"). */
  exposes: string;
  /** MITRE ATT&CK techniques beyond Escape to Host (T1611), which every entry maps to. */
  techniques: readonly string[];
}

export const SENSITIVE_HOST_PATHS = [
  {
    slug: 'docker-socket',
    match: 'socket',
    name: 'docker.sock',
    severity: 'critical',
    title: 'the Docker socket',
    exposes: 'the Docker API, which starts privileged containers on the node',
    techniques: ['T1610', 'T1609'],
  },
  {
    slug: 'containerd-socket',
    match: 'socket',
    name: 'containerd.sock',
    severity: 'critical',
    title: 'the containerd socket',
    exposes: 'the containerd API, which runs and enters any container on the node',
    techniques: ['T1610', 'T1609'],
  },
  {
    slug: 'crio-socket',
    match: 'socket',
    name: 'crio.sock',
    severity: 'critical',
    title: 'the CRI-O socket',
    exposes: 'the CRI-O API, which runs and enters any container on the node',
    techniques: ['T1610', 'T1609'],
  },
  {
    slug: 'root',
    match: 'directory',
    name: '/',
    severity: 'critical',
    title: 'the node root filesystem',
    exposes: 'the whole node filesystem: credentials, binaries, every pod\'s volumes',
    techniques: ['T1552.001'],
  },
  {
    slug: 'etc',
    match: 'directory',
    name: '/etc',
    severity: 'critical',
    title: '/etc',
    exposes: 'node configuration and credentials: kubelet kubeconfig, PKI keys, shadow, sudoers, cron',
    techniques: ['T1552.001', 'T1053.003'],
  },
  {
    slug: 'proc',
    match: 'directory',
    name: '/proc',
    severity: 'critical',
    title: 'the host /proc',
    exposes: 'every host process: environments, memory, root filesystems, and kernel settings such as core_pattern',
    techniques: ['T1552.001', 'T1055'],
  },
  {
    slug: 'var-run',
    match: 'directory',
    name: '/var/run',
    severity: 'critical',
    title: '/var/run',
    exposes: 'the container runtime sockets and other daemons\' control sockets',
    techniques: ['T1610', 'T1609'],
  },
  {
    slug: 'run',
    match: 'directory',
    name: '/run',
    severity: 'critical',
    title: '/run',
    exposes: 'the container runtime sockets and other daemons\' control sockets',
    techniques: ['T1610', 'T1609'],
  },
  {
    slug: 'var-lib-kubelet',
    match: 'directory',
    name: '/var/lib/kubelet',
    severity: 'critical',
    title: '/var/lib/kubelet',
    exposes: 'every pod\'s volumes on the node, including Secrets and service-account tokens, and the kubelet\'s own credentials',
    techniques: ['T1552.001', 'T1528'],
  },
  {
    slug: 'var-lib-docker',
    match: 'directory',
    name: '/var/lib/docker',
    severity: 'high',
    title: '/var/lib/docker',
    exposes: 'the image layers and writable filesystems of every Docker container on the node',
    techniques: ['T1525'],
  },
  {
    slug: 'var-lib-containerd',
    match: 'directory',
    name: '/var/lib/containerd',
    severity: 'high',
    title: '/var/lib/containerd',
    exposes: 'the image layers and snapshots of every containerd container on the node',
    techniques: ['T1525'],
  },
  {
    slug: 'var-log',
    match: 'directory',
    name: '/var/log',
    severity: 'high',
    title: '/var/log',
    exposes: 'node and pod logs, and a known escape: symlinks planted there are followed by the kubelet when it serves logs',
    techniques: ['T1552.001', 'T1070'],
  },
  {
    slug: 'root-home',
    match: 'directory',
    name: '/root',
    severity: 'high',
    title: 'root\'s home directory',
    exposes: 'root\'s SSH keys, shell history and kubeconfig (cluster-admin on many control-plane nodes)',
    techniques: ['T1552.001', 'T1552.004'],
  },
  {
    slug: 'home',
    match: 'directory',
    name: '/home',
    severity: 'high',
    title: '/home',
    exposes: 'users\' SSH keys, shell history and cloud or cluster credentials',
    techniques: ['T1552.001', 'T1552.004'],
  },
  {
    slug: 'boot',
    match: 'directory',
    name: '/boot',
    severity: 'high',
    title: '/boot',
    exposes: 'the kernel and boot loader, where a change persists across reboots',
    techniques: ['T1542'],
  },
  {
    slug: 'dev',
    match: 'directory',
    name: '/dev',
    severity: 'high',
    title: 'the host /dev',
    exposes: 'the node\'s device files: disks, memory and terminals, usable wherever device access is granted',
    techniques: ['T1006'],
  },
  {
    slug: 'sys',
    match: 'directory',
    name: '/sys',
    severity: 'high',
    title: 'the host /sys',
    exposes: 'kernel and cgroup settings, including cgroup release agents that run commands on the node',
    techniques: ['T1068'],
  },
] as const satisfies readonly SensitiveHostPath[];

export type SensitiveHostPathSlug = (typeof SENSITIVE_HOST_PATHS)[number]['slug'];

/** Every problem with a table of sensitive host paths; empty when it is sound. */
export function sensitiveHostPathProblems(table: readonly SensitiveHostPath[]): string[] {
  const problems: string[] = [];
  const slugs = new Set<string>();
  const names = new Set<string>();
  for (const entry of table) {
    const where = `host path ${JSON.stringify(entry.slug)}`;
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(entry.slug)) problems.push(`${where}: slug must be kebab-case`);
    if (slugs.has(entry.slug)) problems.push(`${where}: duplicate slug`);
    slugs.add(entry.slug);
    if (names.has(entry.name)) problems.push(`${where}: duplicate name ${entry.name}`);
    names.add(entry.name);
    if (entry.match === 'socket' && (entry.name.includes('/') || !entry.name.endsWith('.sock'))) problems.push(`${where}: a socket is a file name ending in .sock`);
    if (entry.match === 'directory' && normaliseHostPath(entry.name) !== entry.name) problems.push(`${where}: directory must be a normalised absolute path`);
    if (entry.severity !== 'critical' && entry.severity !== 'high') problems.push(`${where}: severity must be above the generic check (critical or high)`);
    for (const t of entry.techniques) if (!/^T\d{4}(?:\.\d{3})?$/.test(t)) problems.push(`${where}: ${t} is not an ATT&CK technique id`);
    if (entry.exposes.trim() === '' || entry.title.trim() === '') problems.push(`${where}: empty title or description`);
  }
  return problems;
}

/**
 * Normalises a host path as the kubelet resolves it: collapses repeated slashes, drops `.`
 * segments and trailing slashes, and applies `..` (never above `/`). Relative paths stay relative.
 *
 * @example
 * normaliseHostPath('/var//run/../lib/kubelet/') // '/var/lib/kubelet'
 */
export function normaliseHostPath(path: string): string {
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  const joined = out.join('/');
  return absolute ? `/${joined}` : joined;
}

const SEVERITY_ORDER: Readonly<Record<SensitiveHostPath['severity'], number>> = { critical: 0, high: 1 };

/** How a host path relates to the entry it is attributed to. */
export interface HostPathMatch {
  entry: SensitiveHostPath;
  /** `within`: the path is the entry or lies below it; `contains`: the path is an ancestor of the entry. */
  relation: 'within' | 'contains';
}

/**
 * The one entry a host path is attributed to, so each volume yields exactly one finding: a
 * runtime socket by file name first; else the most specific directory the path lies in; else,
 * for an ancestor such as `/var`, the most severe entry it contains (table order breaks ties).
 */
export function classifyHostPath(rawPath: string, table: readonly SensitiveHostPath[] = SENSITIVE_HOST_PATHS): HostPathMatch | undefined {
  const path = normaliseHostPath(rawPath);
  if (!path.startsWith('/')) return undefined;
  const lastSegment = path.slice(path.lastIndexOf('/') + 1);
  const socket = table.find((e) => e.match === 'socket' && e.name === lastSegment);
  if (socket) return { entry: socket, relation: 'within' };
  const directories = table.filter((e) => e.match === 'directory');
  const within = directories
    .filter((e) => path === e.name || (e.name !== '/' && path.startsWith(`${e.name}/`)))
    .sort((a, b) => b.name.length - a.name.length)[0];
  if (within) return { entry: within, relation: 'within' };
  const contained = directories
    .filter((e) => e.name.startsWith(`${path}/`))
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity])[0];
  return contained ? { entry: contained, relation: 'contains' } : undefined;
}
