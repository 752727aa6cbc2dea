/**
 * The evaluator: version parsing, upstream registry semantics (levels, versions, overrides,
 * order) and resource evaluation with absolute paths.
 */
import { describe, expect, it } from 'vitest';
import {
  PSS_LATEST_VERSION,
  PSS_VERSIONS,
  UnknownPssVersionError,
  evaluatePodSecurity,
  evaluateResourcePodSecurity,
  parsePssVersion,
} from '../../src/checks/pod-security/evaluate.js';
import { PSS_CHECKS } from '../../src/checks/pod-security/index.js';
import { minorOf } from '../../src/checks/pod-security/versions.js';
import { UsageError } from '../../src/errors.js';
import type { JsonObject } from '../../src/model/types.js';
import type { PssLevel } from '../../src/checks/pod-security/types.js';
import { at, baselinePod, deepFreeze, resource, restrictedPod, tweak, type TestPod } from './support.js';

function checksFor(level: PssLevel, version: string, pod: TestPod): string[] {
  return evaluatePodSecurity({ level, version, metadata: pod.metadata, spec: pod.spec }).violations.map((v) => v.check);
}

describe('parsePssVersion', () => {
  it.each([
    ['v1.25', '1.25'],
    ['1.25', '1.25'],
    ['v1.0', '1.0'],
    ['latest', '1.37'],
    [' v1.37 ', '1.37'],
  ])('%s → %s', (input, expected) => {
    expect(parsePssVersion(input)).toBe(expected);
  });

  it.each(['v1.38', 'v2.0', '1.01', '1', 'v1.', '', 'LATEST', 'v1.-1'])('rejects %j with the valid versions', (input) => {
    expect(() => parsePssVersion(input)).toThrow(UnknownPssVersionError);
    try {
      parsePssVersion(input);
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toContain(`Unknown Pod Security version "${input}"`);
      expect((error as Error).message).toContain('latest, v1.0, v1.1,');
      expect((error as Error).message).toContain('v1.37.');
    }
  });

  it('latest is the newest minimumVersion of any check, as upstream registry maxVersion', () => {
    expect(PSS_LATEST_VERSION).toBe('1.37');
    expect(PSS_VERSIONS).toHaveLength(38);
    expect(PSS_VERSIONS[0]).toBe('1.0');
  });
});

describe('check definitions', () => {
  it('are the 19 upstream checks, baseline ids sorted then restricted ids sorted', () => {
    const ids = PSS_CHECKS.map((c) => c.id);
    expect(new Set(ids).size).toBe(19);
    const baseline = PSS_CHECKS.filter((c) => c.level === 'baseline').map((c) => c.id);
    const restricted = PSS_CHECKS.filter((c) => c.level === 'restricted').map((c) => c.id);
    expect(ids).toEqual([...[...baseline].sort(), ...[...restricted].sort()]);
    expect(baseline).toHaveLength(12);
  });

  it('list versions strictly increasing, and only restricted checks override baseline ones', () => {
    for (const check of PSS_CHECKS) {
      const minors = check.versions.map((v) => minorOf(v.minimumVersion));
      expect(minors, check.id).toEqual([...minors].sort((a, b) => a - b));
      expect(new Set(minors).size, check.id).toBe(minors.length);
      for (const v of check.versions) {
        for (const id of v.overrides ?? []) {
          expect(check.level, check.id).toBe('restricted');
          expect(PSS_CHECKS.find((c) => c.id === id)?.level, `${check.id} overrides ${id}`).toBe('baseline');
        }
      }
    }
  });

  it('match the version history of CHECKS.md', () => {
    const history = Object.fromEntries(PSS_CHECKS.map((c) => [c.id, c.versions.map((v) => v.minimumVersion).join(';')]));
    expect(history).toEqual({
      privileged: '1.0',
      hostNamespaces: '1.0',
      hostPathVolumes: '1.0',
      hostPorts: '1.0',
      hostProbesAndHostLifecycle: '1.34',
      appArmorProfile: '1.0',
      capabilities_baseline: '1.0',
      seLinuxOptions: '1.0;1.31',
      procMount: '1.0;1.35',
      seccompProfile_baseline: '1.0;1.19',
      sysctls: '1.0;1.27;1.29;1.32;1.37',
      windowsHostProcess: '1.0',
      restrictedVolumes: '1.0',
      runAsNonRoot: '1.0;1.35',
      allowPrivilegeEscalation: '1.8;1.25',
      seccompProfile_restricted: '1.19;1.25',
      capabilities_restricted: '1.22;1.25',
      runAsUser: '1.23;1.35',
      procMount_restricted: '1.35',
    });
  });
});

describe('evaluatePodSecurity', () => {
  it('allows the minimal pods of each level at every version', () => {
    for (const version of PSS_VERSIONS) {
      const b = baselinePod();
      expect(evaluatePodSecurity({ level: 'baseline', version, ...b }), version).toEqual({ allowed: true, violations: [] });
      const r = restrictedPod();
      expect(evaluatePodSecurity({ level: 'restricted', version, ...r }), version).toEqual({ allowed: true, violations: [] });
    }
  });

  it('reports violations in upstream order: baseline checks by id, then restricted checks by id', () => {
    const pod = tweak(baselinePod(), (p) => {
      Object.assign(p.spec, { hostNetwork: true, volumes: [{ name: 'v', nfs: { server: 's', path: '/' } }] });
      at(p.spec, 'containers', 0)['securityContext'] = { privileged: true, capabilities: { add: ['SYS_ADMIN'] } };
    });
    expect(checksFor('restricted', '1.37', pod)).toEqual([
      'hostNamespaces',
      'privileged',
      'allowPrivilegeEscalation',
      'capabilities_restricted',
      'restrictedVolumes',
      'runAsNonRoot',
      'seccompProfile_restricted',
    ]);
    expect(checksFor('baseline', '1.37', pod)).toEqual(['capabilities_baseline', 'hostNamespaces', 'privileged']);
  });

  it('returns reason, detail and paths', () => {
    const pod = tweak(baselinePod(), (p) => (at(p.spec, 'containers', 0)['securityContext'] = { privileged: true }));
    expect(evaluatePodSecurity({ level: 'baseline', version: 'latest', ...pod })).toEqual({
      allowed: false,
      violations: [
        {
          check: 'privileged',
          reason: 'privileged',
          detail: 'container "container1" must not set securityContext.privileged=true',
          paths: ['/spec/containers/0/securityContext/privileged'],
        },
      ],
    });
  });

  it('skips a baseline check while the restricted check that overrides it is active', () => {
    const hostPath = tweak(restrictedPod(), (p) => (p.spec['volumes'] = [{ name: 'h', hostPath: { path: '/' } }]));
    expect(checksFor('baseline', '1.37', hostPath)).toEqual(['hostPathVolumes']);
    expect(checksFor('restricted', '1.37', hostPath)).toEqual(['restrictedVolumes']);

    const netRaw = tweak(restrictedPod(), (p) => (at(p.spec, 'containers', 0, 'securityContext', 'capabilities')['add'] = ['NET_RAW']));
    expect(checksFor('restricted', '1.21', netRaw)).toEqual(['capabilities_baseline']);
    expect(checksFor('restricted', '1.22', netRaw)).toEqual(['capabilities_restricted']);

    const unconfinedAnnotation = tweak(restrictedPod(), (p) => {
      delete at(p.spec, 'securityContext')['seccompProfile'];
      p.metadata['annotations'] = { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' };
    });
    expect(checksFor('restricted', '1.18', unconfinedAnnotation)).toEqual(['seccompProfile_baseline']);
    expect(checksFor('restricted', '1.19', unconfinedAnnotation)).toEqual(['seccompProfile_restricted']);

    const unmasked = tweak(restrictedPod(), (p) => (at(p.spec, 'containers', 0, 'securityContext')['procMount'] = 'Unmasked'));
    expect(checksFor('restricted', '1.34', unmasked)).toEqual(['procMount']);
    expect(checksFor('restricted', '1.35', unmasked)).toEqual(['procMount_restricted']);
  });

  it('applies a check only from its first version', () => {
    const probeHost = tweak(baselinePod(), (p) => (at(p.spec, 'containers', 0)['startupProbe'] = { httpGet: { host: 'x', port: 1 } }));
    expect(checksFor('baseline', '1.33', probeHost)).toEqual([]);
    expect(checksFor('baseline', '1.34', probeHost)).toEqual(['hostProbesAndHostLifecycle']);

    const root = tweak(restrictedPod(), (p) => (at(p.spec, 'securityContext')['runAsUser'] = 0));
    expect(checksFor('restricted', '1.22', root)).toEqual([]);
    expect(checksFor('restricted', '1.23', root)).toEqual(['runAsUser']);
  });

  it('evaluates Windows pods as upstream: exempt from Linux-only restricted checks from 1.25', () => {
    const windows = tweak(baselinePod(), (p) => Object.assign(p.spec, { os: { name: 'windows' }, securityContext: { runAsNonRoot: true } }));
    expect(checksFor('restricted', '1.25', windows)).toEqual([]);
    expect(checksFor('restricted', '1.24', windows)).toEqual([
      'allowPrivilegeEscalation',
      'capabilities_restricted',
      'seccompProfile_restricted',
    ]);
  });

  it('relaxes baseline procMount, runAsNonRoot and runAsUser for user-namespace pods from 1.35, not procMount_restricted', () => {
    const pod = tweak(restrictedPod(), (p) => {
      Object.assign(p.spec, { hostUsers: false });
      Object.assign(at(p.spec, 'securityContext'), { runAsNonRoot: false, runAsUser: 0 });
      at(p.spec, 'containers', 0, 'securityContext')['procMount'] = 'Unmasked';
    });
    expect(checksFor('baseline', '1.35', pod)).toEqual([]);
    expect(checksFor('baseline', '1.34', pod)).toEqual(['procMount']);
    expect(checksFor('restricted', '1.35', pod)).toEqual(['procMount_restricted']);
    expect(checksFor('restricted', '1.34', pod)).toEqual(['procMount', 'runAsNonRoot', 'runAsUser']);
  });

  it('treats missing metadata and spec as empty', () => {
    expect(evaluatePodSecurity({ level: 'restricted', version: '1.37' })).toEqual({ allowed: true, violations: [] });
  });
});

describe('evaluateResourcePodSecurity', () => {
  const privilegedSpec = (): JsonObject => ({ containers: [{ name: 'app', image: 'app', securityContext: { privileged: true } }] });

  it('evaluates a Deployment template with absolute paths', () => {
    const deployment = resource({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { template: { metadata: { annotations: { [`container.apparmor.security.beta.kubernetes.io/app`]: 'unconfined' } }, spec: privilegedSpec() } },
    });
    expect(evaluateResourcePodSecurity(deployment, 'baseline', '1.37')).toEqual({
      resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' },
      allowed: false,
      violations: [
        {
          check: 'appArmorProfile',
          reason: 'forbidden AppArmor profile',
          detail: 'annotation must not set AppArmor profile type to "container.apparmor.security.beta.kubernetes.io/app="unconfined""',
          paths: ['/spec/template/metadata/annotations/container.apparmor.security.beta.kubernetes.io~1app'],
        },
        {
          check: 'privileged',
          reason: 'privileged',
          detail: 'container "app" must not set securityContext.privileged=true',
          paths: ['/spec/template/spec/containers/0/securityContext/privileged'],
        },
      ],
    });
  });

  it('evaluates a CronJob job template and a bare Pod', () => {
    const cronJob = resource({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'nightly' },
      spec: { schedule: '@daily', jobTemplate: { spec: { template: { spec: privilegedSpec() } } } },
    });
    expect(evaluateResourcePodSecurity(cronJob, 'baseline', 'v1.25')?.violations[0]?.paths).toEqual([
      '/spec/jobTemplate/spec/template/spec/containers/0/securityContext/privileged',
    ]);
    const pod = resource({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: privilegedSpec() });
    expect(evaluateResourcePodSecurity(pod, 'baseline', '1.0')?.violations[0]?.paths).toEqual(['/spec/containers/0/securityContext/privileged']);
  });

  it('is undefined for resources PSA does not evaluate: no template, or a custom resource', () => {
    expect(evaluateResourcePodSecurity(resource({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }), 'baseline', '1.37')).toBeUndefined();
    const rollout = resource({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      metadata: { name: 'r' },
      spec: { template: { spec: privilegedSpec() } },
    });
    expect(evaluateResourcePodSecurity(rollout, 'baseline', '1.37')).toBeUndefined();
  });

  it('allows a clean workload', () => {
    const job = resource({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: deepFreeze({ ...restrictedPod() }) } });
    expect(evaluateResourcePodSecurity(job, 'restricted', 'latest')).toEqual({
      resource: { apiVersion: 'batch/v1', kind: 'Job', name: 'j' },
      allowed: true,
      violations: [],
    });
  });
});
