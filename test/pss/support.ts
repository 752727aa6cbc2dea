/**
 * Test support for the Pod Security checks: the minimal valid pods of upstream's fixture
 * generator (test/fixtures.go), one-tweak copies of them, deep freezing, and resources.
 */
import type { JsonObject, Resource } from '../../src/model/types.js';
import type { PssLevel } from '../../src/checks/pod-security/types.js';

export interface TestPod {
  metadata: JsonObject;
  spec: JsonObject;
}

/** Upstream's minimal pod: one container and one init container, nothing else. */
export function baselinePod(): TestPod {
  return {
    metadata: { name: 'test-pod' },
    spec: {
      containers: [{ name: 'container1', image: 'registry.k8s.io/pause' }],
      initContainers: [{ name: 'initcontainer1', image: 'registry.k8s.io/pause' }],
    },
  };
}

function restrictedContext(): JsonObject {
  return { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };
}

/** Upstream's minimal restricted pod at the newest version. */
export function restrictedPod(): TestPod {
  return {
    metadata: { name: 'test-pod' },
    spec: {
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [{ name: 'container1', image: 'registry.k8s.io/pause', securityContext: restrictedContext() }],
      initContainers: [{ name: 'initcontainer1', image: 'registry.k8s.io/pause', securityContext: restrictedContext() }],
    },
  };
}

export function basePod(level: PssLevel): TestPod {
  return level === 'baseline' ? baselinePod() : restrictedPod();
}

/** A deep-frozen copy of `pod` after `change`: a check that mutates its input throws. */
export function tweak(pod: TestPod, change: (pod: TestPod) => void): TestPod {
  const copy = structuredClone(pod);
  change(copy);
  return deepFreeze(copy);
}

export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Typed access to a nested object of a test pod, for tweaks. */
export function at(node: JsonObject, ...keys: Array<string | number>): JsonObject {
  let current: unknown = node;
  for (const key of keys) current = (current as Record<string | number, unknown>)[key];
  return current as JsonObject;
}

export function resource(body: JsonObject): Resource {
  const metadata = (body['metadata'] ?? {}) as JsonObject;
  return deepFreeze({
    apiVersion: String(body['apiVersion']),
    kind: String(body['kind']),
    name: String(metadata['name'] ?? ''),
    namespace: typeof metadata['namespace'] === 'string' ? metadata['namespace'] : undefined,
    labels: {},
    annotations: {},
    body,
    source: { file: 'test.yaml', documentIndex: 0, line: 1, pointerPrefix: '' },
  });
}
