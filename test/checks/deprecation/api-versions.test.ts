import { describe, expect, it } from 'vitest';
import { apiVersionOf, DEPRECATED_APIS, deprecationOf, normalizeKubernetesVersion } from '../../../src/checks/deprecation/api-versions.js';
import { compareVersions } from '../../../src/engine/registry.js';

const RELEASE = /^1\.(0|[1-9]\d*)$/;

describe('deprecated API table', () => {
  it.each(DEPRECATED_APIS.map((api) => [`${apiVersionOf(api)} ${api.kinds.join(',')}`, api] as const))('%s is well-formed', (_name, api) => {
    expect(api.group).toMatch(/^([a-z0-9-]+(\.[a-z0-9-]+)*)?$/);
    expect(api.version).toMatch(/^v\d+((alpha|beta)\d+)?$/);
    expect(api.kinds.length).toBeGreaterThan(0);
    for (const kind of api.kinds) expect(kind).toMatch(/^[A-Z][A-Za-z0-9]*$/);
    expect(api.deprecatedIn).toMatch(RELEASE);
    expect(api.removedIn).toMatch(RELEASE);
    expect(compareVersions(api.removedIn, api.deprecatedIn)).toBeGreaterThanOrEqual(0);
    expect(api.replacement.trim()).not.toBe('');
    expect(api.replacement).not.toBe(apiVersionOf(api));
    // Only alpha APIs may be removed without a deprecation period.
    if (api.removedIn === api.deprecatedIn) expect(api.version).toMatch(/alpha/);
  });

  it('lists each apiVersion and kind once', () => {
    const keys = DEPRECATED_APIS.flatMap((api) => api.kinds.map((kind) => `${apiVersionOf(api)} ${kind}`));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('covers the upstream removals', () => {
    const removedIn = (apiVersion: string, kind: string): string | undefined => deprecationOf(apiVersion, kind)?.removedIn;
    expect(removedIn('extensions/v1beta1', 'Deployment')).toBe('1.16');
    expect(removedIn('apps/v1beta2', 'DaemonSet')).toBe('1.16');
    expect(removedIn('networking.k8s.io/v1beta1', 'IngressClass')).toBe('1.22');
    expect(removedIn('rbac.authorization.k8s.io/v1beta1', 'ClusterRoleBinding')).toBe('1.22');
    expect(removedIn('admissionregistration.k8s.io/v1beta1', 'ValidatingWebhookConfiguration')).toBe('1.22');
    expect(removedIn('apiextensions.k8s.io/v1beta1', 'CustomResourceDefinition')).toBe('1.22');
    expect(removedIn('storage.k8s.io/v1beta1', 'StorageClass')).toBe('1.22');
    expect(removedIn('batch/v1beta1', 'CronJob')).toBe('1.25');
    expect(removedIn('policy/v1beta1', 'PodDisruptionBudget')).toBe('1.25');
    expect(removedIn('autoscaling/v2beta2', 'HorizontalPodAutoscaler')).toBe('1.26');
    expect(removedIn('storage.k8s.io/v1beta1', 'CSIStorageCapacity')).toBe('1.27');
    expect(removedIn('flowcontrol.apiserver.k8s.io/v1beta2', 'FlowSchema')).toBe('1.29');
    expect(removedIn('flowcontrol.apiserver.k8s.io/v1beta3', 'PriorityLevelConfiguration')).toBe('1.32');
    expect(deprecationOf('apps/v1', 'Deployment')).toBeUndefined();
  });

  it('normalizes target versions', () => {
    expect(normalizeKubernetesVersion('1.30')).toBe('1.30');
    expect(normalizeKubernetesVersion('v1.29.4')).toBe('1.29');
    expect(normalizeKubernetesVersion('latest')).toBeUndefined();
  });
});
