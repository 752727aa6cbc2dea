import { describe } from 'vitest';
import check from '../../../src/checks/namespace/missing-resourcequota.js';
import { checkTester } from '../../support/check-tester.js';

const ns = (name = 'shop'): string => `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${name}}`;
const companion = (namespace: string): string => `apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: defaults, namespace: ${namespace}}\nspec: {}`;
const multiTenant = { multiTenant: true };

describe('missing-resourcequota', () => {
  checkTester.run(check, {
    valid: [
      { name: 'single-tenant posture (default)', manifest: ns() },
      { manifest: ns(), inventory: companion('shop'), options: multiTenant },
      { name: 'system namespace', manifest: ns('kube-system'), options: multiTenant },
    ],
    invalid: [
      { manifest: ns(), options: multiTenant, errors: [{ messageId: 'missing', path: '', resource: 'Namespace shop' }] },
      { name: 'a ResourceQuota elsewhere does not count', manifest: ns(), inventory: companion('other'), options: multiTenant, errors: [{ messageId: 'missing', path: '' }] },
    ],
  });
});
