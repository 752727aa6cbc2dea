/**
 * The scan checks built from the upstream definitions: metadata the registry accepts, enablement
 * that matches upstream's registry at every level and version, and findings through the engine's
 * runner for every pod template, custom resources included.
 */
import { describe, expect, it } from 'vitest';
import { PSS_CHECKS, PSS_SCAN_CHECKS } from '../../src/checks/pod-security/index.js';
import { PSS_VERSIONS } from '../../src/checks/pod-security/evaluate.js';
import privilegedScan from '../../src/checks/pod-security/privileged.js';
import { registryProblems } from '../../src/engine/registry.js';
import { evaluateInventory } from '../../src/engine/runner.js';
import { Inventory } from '../../src/model/inventory.js';
import type { JsonObject } from '../../src/model/types.js';
import type { PssLevel } from '../../src/checks/pod-security/types.js';
import { resource } from './support.js';

const LEVELS: readonly PssLevel[] = ['baseline', 'restricted'];

/**
 * Upstream's registry, written out independently from CHECKS.md: the first version of each
 * check, and for restricted evaluation the versions from which a baseline check is overridden.
 */
const FIRST_VERSION: Readonly<Record<string, number>> = {
  privileged: 0,
  hostNamespaces: 0,
  hostPathVolumes: 0,
  hostPorts: 0,
  hostProbesAndHostLifecycle: 34,
  appArmorProfile: 0,
  capabilities_baseline: 0,
  seLinuxOptions: 0,
  procMount: 0,
  seccompProfile_baseline: 0,
  sysctls: 0,
  windowsHostProcess: 0,
  restrictedVolumes: 0,
  runAsNonRoot: 0,
  allowPrivilegeEscalation: 8,
  seccompProfile_restricted: 19,
  capabilities_restricted: 22,
  runAsUser: 23,
  procMount_restricted: 35,
};
const OVERRIDDEN_FROM: Readonly<Record<string, number>> = {
  hostPathVolumes: 0,
  seccompProfile_baseline: 19,
  capabilities_baseline: 22,
  procMount: 35,
};

function expectedEnabled(level: PssLevel, minor: number): string[] {
  return PSS_CHECKS.filter((c) => {
    if (level === 'baseline' && c.level === 'restricted') return false;
    if ((FIRST_VERSION[c.id] ?? Infinity) > minor) return false;
    return !(level === 'restricted' && (OVERRIDDEN_FROM[c.id] ?? Infinity) <= minor);
  })
    .map((c) => `pss.${c.id}`)
    .sort();
}

describe('PSS scan checks', () => {
  it('are one per upstream check, sorted by id, with ids pss.<upstream id>', () => {
    const ids = PSS_SCAN_CHECKS.map((c) => c.id);
    expect(ids).toEqual([...ids].sort());
    expect([...ids].sort()).toEqual(PSS_CHECKS.map((c) => `pss.${c.id}`).sort());
  });

  it('pass the registry validation of the engine', () => {
    expect(registryProblems(PSS_SCAN_CHECKS)).toEqual([]);
  });

  it('share their shape: pod-security domain, pod templates, one violation message, a PSS level control', () => {
    for (const check of PSS_SCAN_CHECKS) {
      const definition = PSS_CHECKS.find((c) => `pss.${c.id}` === check.id);
      expect(check.scope, check.id).toBe('resource');
      expect(check.domain, check.id).toBe('pod-security');
      expect(check.match, check.id).toBe('pod-templates');
      expect(check.messages, check.id).toEqual({ violation: '{{detail}}' });
      expect(check.controls, check.id).toContainEqual({ framework: 'pss', id: definition?.level });
      expect(check.docs.length, check.id).toBeGreaterThan(80);
    }
    expect(privilegedScan.severity).toBe('high');
    expect(privilegedScan.controls).toContainEqual({ framework: 'cis-k8s', id: '5.2.2' });
  });

  it('are enabled exactly for the checks upstream runs at each level and version', () => {
    for (const level of LEVELS) {
      for (const version of PSS_VERSIONS) {
        const enabled = PSS_SCAN_CHECKS.filter((c) => c.enabledFor?.({ pssLevel: level, pssVersion: version })).map((c) => c.id);
        expect(enabled, `${level} ${version}`).toEqual(expectedEnabled(level, Number(version.slice(2))));
      }
    }
  });
});

describe('PSS scan findings through the engine', () => {
  const privileged = (name: string): JsonObject => ({ name, image: 'app', securityContext: { privileged: true } });

  function scan(body: JsonObject, level: PssLevel, version: string) {
    return evaluateInventory(new Inventory([resource(body)]), PSS_SCAN_CHECKS, { settings: { pssLevel: level, pssVersion: version } });
  }

  it('reports one finding per offending path with the upstream detail', () => {
    const { findings, errors } = scan(
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace: 'shop' },
        spec: { template: { spec: { containers: [privileged('a'), { name: 'b', image: 'b' }, privileged('c')] } } },
      },
      'baseline',
      '1.37',
    );
    expect(errors).toEqual([]);
    expect(findings.map((f) => [f.checkId, f.severity, f.path, f.message])).toEqual([
      ['pss.privileged', 'high', '/spec/template/spec/containers/0/securityContext/privileged', 'containers "a", "c" must not set securityContext.privileged=true'],
      ['pss.privileged', 'high', '/spec/template/spec/containers/2/securityContext/privileged', 'containers "a", "c" must not set securityContext.privileged=true'],
    ]);
  });

  it('evaluates every pod template of a custom resource', () => {
    const { findings } = scan(
      {
        apiVersion: 'example.com/v1',
        kind: 'Pipeline',
        metadata: { name: 'p' },
        spec: {
          build: { template: { spec: { containers: [privileged('build')] } } },
          steps: [{ template: { spec: { containers: [privileged('step')] } } }],
        },
      },
      'baseline',
      '1.37',
    );
    expect(findings.map((f) => f.path).sort()).toEqual([
      '/spec/build/template/spec/containers/0/securityContext/privileged',
      '/spec/steps/0/template/spec/containers/0/securityContext/privileged',
    ]);
  });

  it('runs the implementation of the configured version', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'a', image: 'a', securityContext: { seLinuxOptions: { type: 'container_engine_t' } } }] },
    };
    expect(scan(pod, 'baseline', '1.30').findings.map((f) => f.checkId)).toEqual(['pss.seLinuxOptions']);
    expect(scan(pod, 'baseline', '1.31').findings).toEqual([]);
  });

  it('does not report a baseline check that the restricted level overrides', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
        containers: [{ name: 'a', image: 'a', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
        volumes: [{ name: 'h', hostPath: { path: '/' } }],
      },
    };
    expect(scan(pod, 'restricted', '1.37').findings.map((f) => [f.checkId, f.path])).toEqual([
      ['pss.restrictedVolumes', '/spec/volumes/0/hostPath'],
    ]);
    expect(scan(pod, 'baseline', '1.37').findings.map((f) => [f.checkId, f.path])).toEqual([
      ['pss.hostPathVolumes', '/spec/volumes/0/hostPath'],
    ]);
  });
});
