import check from '../../../src/checks/secrets/env-literal-credential.js';
import { checkTester } from '../../support/check-tester.js';
import { FAKE, podWithEnv } from './support.js';

checkTester.run(check, {
  valid: [
    { manifest: podWithEnv('[{name: LOG_LEVEL, value: info}, {name: PORT, value: "8080"}]') },
    { name: 'reference to another variable', manifest: podWithEnv('[{name: DB_PASSWORD, value: "$(VAULT_DB_PASSWORD)"}]') },
    { name: 'placeholder', manifest: podWithEnv('[{name: DB_PASSWORD, value: changeme}]') },
    { name: 'placeholder with a generic suffix', manifest: podWithEnv('[{name: DB_PASSWORD, value: example-password}]') },
    { name: 'empty', manifest: podWithEnv('[{name: API_TOKEN, value: ""}]') },
    { name: 'file path', manifest: podWithEnv('[{name: DB_PASSWORD_FILE, value: /var/run/secrets/db/password}]') },
    { name: 'URL without credentials', manifest: podWithEnv('[{name: AUTH_URL, value: "https://auth.example.com/token"}]') },
    { name: 'secretKeyRef is not a literal', manifest: podWithEnv('[{name: DB_PASSWORD, valueFrom: {secretKeyRef: {name: db, key: password}}}]') },
    { name: 'option raises the length bound', manifest: podWithEnv(`[{name: DB_PASSWORD, value: ${FAKE.password}}]`), options: { minimumLength: 20 } },
  ],
  invalid: [
    {
      manifest: podWithEnv(`[{name: LOG_LEVEL, value: info}, {name: DB_PASSWORD, value: ${FAKE.password}}]`),
      errors: [{ messageId: 'credentialKey', path: '/spec/containers/0/env/1/value', data: { name: 'DB_PASSWORD', masked: '…(10 chars)' } }],
    },
    {
      name: 'known format under any name',
      manifest: podWithEnv(`[{name: SETTING, value: ${FAKE.githubToken}}]`),
      errors: [{ messageId: 'knownFormat', path: '/spec/containers/0/env/0/value', data: { what: 'GitHub token', masked: 'gh…(40 chars)' } }],
    },
    {
      name: 'a placeholder word with a random suffix is a real value',
      manifest: podWithEnv('[{name: ADMIN_TOKEN, value: "changeme-1f9a8b7c6d5e4f3a"}]'),
      errors: [{ messageId: 'credentialKey', path: '/spec/containers/0/env/0/value', data: { masked: 'ch…(25 chars)' } }],
    },
    { name: 'AWS access key id', manifest: podWithEnv(`[{name: AWS_ACCESS_KEY_ID, value: ${FAKE.awsKeyId}}]`), errors: [{ messageId: 'knownFormat', path: '/spec/containers/0/env/0/value', data: { what: 'AWS access key ID', masked: 'AK…(20 chars)' } }] },
    { name: 'JWT', manifest: podWithEnv(`[{name: BEARER, value: "${FAKE.jwt}"}]`), errors: [{ messageId: 'knownFormat', path: '/spec/containers/0/env/0/value', data: { what: 'JSON Web Token' } }] },
    {
      name: 'init and ephemeral containers in a CronJob',
      manifest: `
apiVersion: batch/v1
kind: CronJob
metadata: {name: c, namespace: shop}
spec:
  jobTemplate:
    spec:
      template:
        spec:
          initContainers:
            - {name: init, image: i:1, env: [{name: SLACK, value: "${FAKE.slackToken}"}]}
          containers:
            - {name: job, image: j:1}
          ephemeralContainers:
            - {name: dbg, image: d:1, env: [{name: apiKey, value: "${FAKE.password}"}]}`,
      errors: [
        { messageId: 'knownFormat', path: '/spec/jobTemplate/spec/template/spec/initContainers/0/env/0/value', data: { what: 'Slack token' } },
        { messageId: 'credentialKey', path: '/spec/jobTemplate/spec/template/spec/ephemeralContainers/0/env/0/value' },
      ],
    },
  ],
});
