import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/deprecation/removed-api-version.js';
import { checkTester, runCheck } from '../../support/check-tester.js';

const ingress = (apiVersion: string): string => `apiVersion: ${apiVersion}\nkind: Ingress\nmetadata: {name: web, namespace: shop}\nspec: {}`;

describe('removed-api-version', () => {
  checkTester.run(check, {
    valid: [
      { manifest: ingress('networking.k8s.io/v1') },
      { name: 'still served at the target', manifest: ingress('networking.k8s.io/v1beta1'), options: { kubernetesVersion: '1.21' } },
      { name: 'custom resource', manifest: 'apiVersion: example.com/v1beta1\nkind: Ingress\nmetadata: {name: x}' },
    ],
    invalid: [
      {
        manifest: ingress('extensions/v1beta1'),
        errors: [{ messageId: 'removed', path: '/apiVersion', data: { version: '1.30', removedIn: '1.22', replacement: 'networking.k8s.io/v1' } }],
      },
      {
        name: 'PodSecurityPolicy',
        manifest: 'apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata: {name: restricted}\nspec: {privileged: false}',
        errors: [{ messageId: 'removed', path: '/apiVersion', data: { removedIn: '1.25' } }],
      },
      {
        name: 'the release that removes it',
        manifest: 'apiVersion: flowcontrol.apiserver.k8s.io/v1beta3\nkind: PriorityLevelConfiguration\nmetadata: {name: p}',
        options: { kubernetesVersion: '1.32' },
        errors: [{ messageId: 'removed', path: '/apiVersion', data: { version: '1.32' } }],
      },
    ],
  });

  it('rejects a malformed kubernetesVersion with a clear message', () => {
    expect(() => runCheck(check, { manifest: ingress('extensions/v1beta1'), options: { kubernetesVersion: 'one-thirty' } })).toThrow(/kubernetesVersion.*"one-thirty" is not a Kubernetes version/s);
  });
});
