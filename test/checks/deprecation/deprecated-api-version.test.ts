import { describe } from 'vitest';
import check from '../../../src/checks/deprecation/deprecated-api-version.js';
import { checkTester } from '../../support/check-tester.js';

const flowSchema = (version: string): string => `apiVersion: flowcontrol.apiserver.k8s.io/${version}\nkind: FlowSchema\nmetadata: {name: f}\nspec: {}`;

describe('deprecated-api-version', () => {
  checkTester.run(check, {
    valid: [
      { manifest: flowSchema('v1') },
      { name: 'not yet deprecated at the target', manifest: flowSchema('v1beta3'), options: { kubernetesVersion: '1.28' } },
      { name: 'already removed (another check)', manifest: flowSchema('v1beta2') },
      { name: 'unknown kind in a deprecated group', manifest: 'apiVersion: extensions/v1beta1\nkind: Widget\nmetadata: {name: w}' },
    ],
    invalid: [
      {
        manifest: flowSchema('v1beta3'),
        errors: [{ messageId: 'deprecated', path: '/apiVersion', data: { deprecatedIn: '1.29', removedIn: '1.32', replacement: 'flowcontrol.apiserver.k8s.io/v1' } }],
      },
      {
        name: 'CronJob batch/v1beta1 at v1.24.3',
        manifest: 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: c, namespace: jobs}\nspec: {schedule: "@daily"}',
        options: { kubernetesVersion: 'v1.24.3' },
        errors: [{ messageId: 'deprecated', path: '/apiVersion', data: { replacement: 'batch/v1' } }],
      },
    ],
  });
});
