import check from '../../../src/checks/secrets/configmap-literal-credential.js';
import { checkTester } from '../../support/check-tester.js';
import { FAKE } from './support.js';

const configMap = (data: string) => `
apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: shop}
data:
${data}`;

checkTester.run(check, {
  valid: [
    { manifest: configMap('  LOG_LEVEL: info\n  DATABASE_URL: "postgres://db.shop.svc:5432/cart"') },
    { name: 'placeholder', manifest: configMap('  DB_PASSWORD: "<set-me>"') },
    {
      name: 'configuration file with references only',
      manifest: configMap('  application.properties: |\n    spring.datasource.url=jdbc:postgresql://db:5432/shop\n    spring.datasource.password=${DB_PASSWORD}'),
    },
    { name: 'Secrets are not ConfigMaps', manifest: `apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {DB_PASSWORD: ${FAKE.password}}` },
  ],
  invalid: [
    {
      manifest: configMap(`  LOG_LEVEL: info\n  DB_PASSWORD: ${FAKE.password}`),
      errors: [{ messageId: 'credentialKey', path: '/data/DB_PASSWORD', data: { dataKey: 'DB_PASSWORD', masked: '…(10 chars)' } }],
    },
    { name: 'known format', manifest: configMap(`  notify: "${FAKE.slackToken}"`), errors: [{ messageId: 'knownFormat', path: '/data/notify', data: { what: 'Slack token' } }] },
    {
      name: 'credential inside a configuration file',
      manifest: configMap(`  config.yaml: |\n    database:\n      host: db\n      password: "${FAKE.password}"`),
      errors: [{ messageId: 'credentialInFile', path: '/data/config.yaml', data: { dataKey: 'config.yaml', key: 'password' } }],
    },
    {
      name: 'private key in a file, key with a slash-free dotted name',
      manifest: configMap('  tls.key: |\n    -----BEGIN RSA PRIVATE KEY-----\n    MIIEowIBAAKCAQEA\n    -----END RSA PRIVATE KEY-----'),
      errors: [{ messageId: 'knownFormat', path: '/data/tls.key', data: { what: 'PEM private key', masked: '--…(31 chars)' } }],
    },
  ],
});
