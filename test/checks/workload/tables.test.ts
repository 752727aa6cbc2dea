import { describe, expect, it } from 'vitest';
import { CAPABILITY_CHECKS } from '../../../src/checks/workload/capability.js';
import {
  DANGEROUS_CAPABILITIES,
  dangerousCapabilityProblems,
  normaliseCapability,
  type DangerousCapability,
} from '../../../src/checks/workload/dangerous-capabilities.js';
import { SENSITIVE_HOST_PATH_CHECKS } from '../../../src/checks/workload/sensitive-host-path.js';
import {
  SENSITIVE_HOST_PATHS,
  classifyHostPath,
  normaliseHostPath,
  sensitiveHostPathProblems,
  type SensitiveHostPath,
} from '../../../src/checks/workload/sensitive-host-paths.js';
import hostPath from '../../../src/checks/workload/host-path.js';
import { WORKLOAD_CHECKS } from '../../../src/checks/workload/index.js';
import { severityRank } from '../../../src/engine/types.js';

describe('sensitive host path table', () => {
  it('is sound', () => {
    expect(sensitiveHostPathProblems(SENSITIVE_HOST_PATHS)).toEqual([]);
  });

  it('rates every entry above the generic hostPath check', () => {
    for (const entry of SENSITIVE_HOST_PATHS) expect(severityRank(entry.severity)).toBeGreaterThan(severityRank(hostPath.severity));
  });

  it('covers the runtime sockets and the paths the issue names', () => {
    const names = SENSITIVE_HOST_PATHS.map((e) => e.name);
    for (const required of ['docker.sock', 'containerd.sock', 'crio.sock', '/', '/etc', '/proc', '/var/run', '/run', '/var/lib/kubelet', '/var/lib/docker', '/root', '/home', '/boot', '/dev']) {
      expect(names).toContain(required);
    }
  });

  it('registers one check per entry', () => {
    for (const entry of SENSITIVE_HOST_PATHS) {
      const check = SENSITIVE_HOST_PATH_CHECKS[entry.slug];
      expect(check.id).toBe(`workload.host-path-${entry.slug}`);
      expect(check.severity).toBe(entry.severity);
      expect(WORKLOAD_CHECKS[check.id as keyof typeof WORKLOAD_CHECKS]).toBe(check);
    }
  });

  it('rejects a broken table with every problem named', () => {
    const broken: SensitiveHostPath[] = [
      { slug: 'Bad Slug', match: 'directory', name: '/etc/', severity: 'critical', title: 't', exposes: 'e', techniques: ['X1'] },
      { slug: 'sock', match: 'socket', name: '/run/x.sock', severity: 'medium' as never, title: 't', exposes: 'e', techniques: [] },
      { slug: 'sock', match: 'socket', name: '/run/x.sock', severity: 'high', title: '', exposes: 'e', techniques: [] },
    ];
    expect(sensitiveHostPathProblems(broken)).toEqual([
      'host path "Bad Slug": slug must be kebab-case',
      'host path "Bad Slug": directory must be a normalised absolute path',
      'host path "Bad Slug": X1 is not an ATT&CK technique id',
      'host path "sock": a socket is a file name ending in .sock',
      'host path "sock": severity must be above the generic check (critical or high)',
      'host path "sock": duplicate slug',
      'host path "sock": duplicate name /run/x.sock',
      'host path "sock": a socket is a file name ending in .sock',
      'host path "sock": empty title or description',
    ]);
  });

  it('normalises paths as the kubelet resolves them', () => {
    expect(normaliseHostPath('/var//run/../lib/kubelet/')).toBe('/var/lib/kubelet');
    expect(normaliseHostPath('/..')).toBe('/');
    expect(normaliseHostPath('relative/./x')).toBe('relative/x');
  });

  it('attributes each path to exactly one entry', () => {
    expect(classifyHostPath('/var/run/docker.sock')?.entry.slug).toBe('docker-socket');
    expect(classifyHostPath('/var/lib/kubelet/pods/x')?.entry.slug).toBe('var-lib-kubelet');
    expect(classifyHostPath('/var')).toMatchObject({ relation: 'contains', entry: { slug: 'var-run' } });
    expect(classifyHostPath('/opt/data')).toBeUndefined();
    expect(classifyHostPath('relative/docker.sock')).toBeUndefined();
  });
});

describe('dangerous capability table', () => {
  it('is sound', () => {
    expect(dangerousCapabilityProblems(DANGEROUS_CAPABILITIES)).toEqual([]);
  });

  it('covers the capabilities the issue names', () => {
    const names = DANGEROUS_CAPABILITIES.map((c) => c.name as string);
    for (const required of ['SYS_ADMIN', 'NET_ADMIN', 'SYS_PTRACE', 'SYS_MODULE', 'NET_RAW', 'BPF', 'DAC_READ_SEARCH', 'SYS_RAWIO', 'SYS_BOOT', 'PERFMON', 'ALL']) {
      expect(names).toContain(required);
    }
  });

  it('registers one check per capability', () => {
    for (const capability of DANGEROUS_CAPABILITIES) {
      const check = CAPABILITY_CHECKS[capability.name];
      expect(check.id).toBe(`workload.capability-${capability.slug}`);
      expect(check.severity).toBe(capability.severity);
      expect(WORKLOAD_CHECKS[check.id as keyof typeof WORKLOAD_CHECKS]).toBe(check);
    }
  });

  it('normalises names as runtimes accept them', () => {
    expect(normaliseCapability('cap_sys_admin')).toBe('SYS_ADMIN');
    expect(normaliseCapability(' Net_Raw ')).toBe('NET_RAW');
  });

  it('rejects a broken table with every problem named', () => {
    const broken: DangerousCapability[] = [
      { name: 'CAP_SYS_ADMIN', slug: 'cap-sys-admin', severity: 'high', risk: 'no period', techniques: [] },
      { name: 'BPF', slug: 'bpf', severity: 'high', risk: 'Fine.', techniques: ['T15'] },
      { name: 'BPF', slug: 'bpf', severity: 'high', risk: 'Fine.', techniques: ['T1611'] },
    ];
    expect(dangerousCapabilityProblems(broken)).toEqual([
      'capability "CAP_SYS_ADMIN": name must be upper-case without CAP_',
      'capability "CAP_SYS_ADMIN": maps to no ATT&CK technique',
      'capability "CAP_SYS_ADMIN": risk must be a sentence',
      'capability "BPF": T15 is not an ATT&CK technique id',
      'capability "BPF": duplicate name',
      'capability "BPF": duplicate slug',
    ]);
  });
});
