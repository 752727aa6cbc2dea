import check from '../../../src/checks/secrets/service-account-token-secret.js';
import { checkTester } from '../../support/check-tester.js';

checkTester.run(check, {
  valid: [
    { manifest: 'apiVersion: v1\nkind: Secret\nmetadata: {name: tls, namespace: shop}\ntype: kubernetes.io/tls' },
    { name: 'Opaque', manifest: 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ntype: Opaque' },
  ],
  invalid: [
    {
      manifest: `
apiVersion: v1
kind: Secret
metadata:
  name: ci-deployer-token
  namespace: ci
  annotations: {kubernetes.io/service-account.name: ci-deployer}
type: kubernetes.io/service-account-token`,
      errors: [{ messageId: 'longLivedToken', path: '/type', data: { name: 'ci-deployer-token', serviceAccount: 'ci-deployer' } }],
    },
  ],
});
