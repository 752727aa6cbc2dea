import check from '../../../src/checks/workload/default-service-account-automount.js';
import { checkTester } from '../../support/check-tester.js';

const serviceAccount = (name: string, extra: string) => `
apiVersion: v1
kind: ServiceAccount
metadata: {name: ${name}, namespace: shop}
${extra}`;

checkTester.run(check, {
  valid: [
    { manifest: serviceAccount('default', 'automountServiceAccountToken: false') },
    { name: 'other ServiceAccounts are judged through their pods', manifest: serviceAccount('cart', '') },
  ],
  invalid: [
    { manifest: serviceAccount('default', ''), errors: [{ messageId: 'unset', path: '' }] },
    { manifest: serviceAccount('default', 'automountServiceAccountToken: true'), errors: [{ messageId: 'enabled', path: '/automountServiceAccountToken' }] },
  ],
});
