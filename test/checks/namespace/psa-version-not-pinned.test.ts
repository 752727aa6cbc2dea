import { describe } from 'vitest';
import check from '../../../src/checks/namespace/psa-version-not-pinned.js';
import { checkTester } from '../../support/check-tester.js';

const ns = (labels: string): string => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: ${labels}`;
const versionPath = '/metadata/labels/pod-security.kubernetes.io~1enforce-version';

describe('psa-version-not-pinned', () => {
  checkTester.run(check, {
    valid: [
      { manifest: ns('{pod-security.kubernetes.io/enforce: restricted, pod-security.kubernetes.io/enforce-version: v1.30}') },
      { name: 'no enforce label', manifest: ns('{team: a}') },
    ],
    invalid: [
      { manifest: ns('{pod-security.kubernetes.io/enforce: restricted}'), errors: [{ messageId: 'unpinned', path: '/metadata/labels' }] },
      { manifest: ns('{pod-security.kubernetes.io/enforce: baseline, pod-security.kubernetes.io/enforce-version: latest}'), errors: [{ messageId: 'latest', path: versionPath }] },
      { manifest: ns('{pod-security.kubernetes.io/enforce: baseline, pod-security.kubernetes.io/enforce-version: "1.30"}'), errors: [{ messageId: 'malformed', path: versionPath, data: { version: '1.30' } }] },
    ],
  });
});
