import { describe } from 'vitest';
import check from '../../../src/checks/namespace/missing-psa-labels.js';
import { checkTester } from '../../support/check-tester.js';

const ns = (name: string, labels?: string): string =>
  `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}${labels === undefined ? '' : `\n  labels: ${labels}`}`;

describe('missing-psa-labels', () => {
  checkTester.run(check, {
    valid: [
      { manifest: ns('shop', '{pod-security.kubernetes.io/enforce: restricted}') },
      { name: 'system namespace', manifest: ns('kube-system') },
      { name: 'exempted by option', manifest: ns('legacy'), options: { exemptNamespaces: ['legacy'] } },
    ],
    invalid: [
      { manifest: ns('shop'), errors: [{ messageId: 'noLabels', path: '/metadata' }] },
      { manifest: ns('shop', '{team: a}'), errors: [{ messageId: 'noLabels', path: '/metadata/labels' }] },
      {
        manifest: ns('shop', '{pod-security.kubernetes.io/warn: restricted, pod-security.kubernetes.io/audit: restricted}'),
        errors: [{ messageId: 'noEnforce', path: '/metadata/labels', data: { modes: 'audit and warn' } }],
      },
    ],
  });
});
