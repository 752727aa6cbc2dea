/**
 * Malformed pods: whatever JSON a manifest holds where a pod spec should be, the evaluator
 * answers without throwing and without touching its input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PSS_VERSIONS, evaluatePodSecurity } from '../../src/checks/pod-security/evaluate.js';
import type { JsonObject } from '../../src/model/types.js';
import { deepFreeze } from './support.js';

const FIELDS = [
  'containers', 'initContainers', 'ephemeralContainers', 'securityContext', 'volumes', 'hostNetwork', 'hostPID',
  'hostIPC', 'hostUsers', 'os', 'name', 'privileged', 'capabilities', 'add', 'drop', 'ports', 'hostPort',
  'seccompProfile', 'appArmorProfile', 'seLinuxOptions', 'type', 'user', 'role', 'procMount', 'sysctls',
  'windowsOptions', 'hostProcess', 'runAsNonRoot', 'runAsUser', 'allowPrivilegeEscalation', 'hostPath',
  'livenessProbe', 'httpGet', 'host', 'lifecycle', 'preStop', 'annotations',
];

/** JSON shaped like a pod spec: the keys the checks read, with values of any JSON type. */
const podLike: fc.Arbitrary<JsonObject> = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.jsonValue({ maxDepth: 1 }),
    fc.dictionary(fc.constantFrom(...FIELDS), tie('node'), { maxKeys: 6 }),
    fc.array(tie('node'), { maxLength: 3 }),
  ),
})).node.map((value) => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : { containers: [value] } as JsonObject));

describe('malformed pods', () => {
  it('never throw and always give a well-formed verdict', () => {
    fc.assert(
      fc.property(podLike, podLike, fc.constantFrom(...PSS_VERSIONS), fc.constantFrom('baseline' as const, 'restricted' as const), (spec, metadata, version, level) => {
        const result = evaluatePodSecurity({ level, version, metadata: deepFreeze(metadata), spec: deepFreeze(spec) });
        expect(result.allowed).toBe(result.violations.length === 0);
        for (const v of result.violations) {
          expect(v.reason.length).toBeGreaterThan(0);
          expect(v.paths.length).toBeGreaterThan(0);
          for (const p of v.paths) expect(p).toMatch(/^\/(spec|metadata)(\/|$)/);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('handle wrong types where objects and lists belong', () => {
    const spec = deepFreeze({
      containers: [null, 'x', { name: 7, securityContext: 'privileged', ports: 'none' }, { name: 'ok', securityContext: { capabilities: { add: 'SYS_ADMIN', drop: 'ALL' } } }],
      volumes: [null, 3, { name: 'v' }],
      securityContext: { sysctls: [null, { name: 5 }], seLinuxOptions: [] },
    } as JsonObject);
    const result = evaluatePodSecurity({ level: 'restricted', version: 'latest', metadata: deepFreeze({ annotations: 'x' } as JsonObject), spec });
    expect(result.allowed).toBe(false);
  });
});
