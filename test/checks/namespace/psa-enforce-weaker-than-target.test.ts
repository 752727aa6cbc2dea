import { describe } from 'vitest';
import check from '../../../src/checks/namespace/psa-enforce-weaker-than-target.js';
import { checkTester } from '../../support/check-tester.js';

const ns = (level: string, name = 'shop'): string =>
  `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n  labels: {pod-security.kubernetes.io/enforce: ${level}}`;
const enforcePath = '/metadata/labels/pod-security.kubernetes.io~1enforce';

describe('psa-enforce-weaker-than-target', () => {
  checkTester.run(check, {
    valid: [
      { manifest: ns('restricted') },
      { name: 'baseline under a baseline run', manifest: ns('baseline'), settings: { pssLevel: 'baseline' } },
      { name: 'baseline with a baseline target option', manifest: ns('baseline'), options: { targetLevel: 'baseline' } },
      { name: 'no enforce label (another check)', manifest: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}' },
      { name: 'system namespace', manifest: ns('privileged', 'kube-system') },
    ],
    invalid: [
      { manifest: ns('baseline'), errors: [{ messageId: 'weaker', path: enforcePath, data: { level: 'baseline', target: 'restricted' } }] },
      { manifest: ns('privileged'), settings: { pssLevel: 'baseline' }, errors: [{ messageId: 'weaker', path: enforcePath, data: { target: 'baseline' } }] },
      { manifest: ns('Restricted'), errors: [{ messageId: 'invalidLevel', path: enforcePath }] },
    ],
  });
});
