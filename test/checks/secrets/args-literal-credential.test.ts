import check from '../../../src/checks/secrets/args-literal-credential.js';
import { checkTester } from '../../support/check-tester.js';
import { FAKE } from './support.js';

const pod = (container: string) => `
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop}
spec:
  containers:
    - name: app
      image: app:1
${container}`;

checkTester.run(check, {
  valid: [
    { manifest: pod('      args: [--port=8080, --log-level, debug]') },
    { name: 'file flag', manifest: pod('      args: [--password-file=/var/run/secrets/db/password]') },
    { name: 'variable reference', manifest: pod('      args: ["--token=$(API_TOKEN)"]') },
    { name: 'shell script without credentials', manifest: pod('      command: [sh, -c, "exec ./server --listen :8080"]') },
  ],
  invalid: [
    {
      manifest: pod(`      args: [--user=cart, --password=${FAKE.password}]`),
      errors: [{ messageId: 'credentialKey', path: '/spec/containers/0/args/1', data: { field: 'args', index: 1, key: 'password', masked: '…(10 chars)' } }],
    },
    { name: 'flag and value as separate items', manifest: pod(`      args: [--api-key, ${FAKE.password}]`), errors: [{ messageId: 'credentialKey', path: '/spec/containers/0/args/1', data: { key: 'api-key' } }] },
    {
      name: 'inside a shell command',
      manifest: pod(`      command: [sh, -c, "DB_PASSWORD=${FAKE.password} exec ./server"]`),
      errors: [{ messageId: 'credentialKey', path: '/spec/containers/0/command/2', data: { field: 'command', key: 'DB_PASSWORD' } }],
    },
    { name: 'known format', manifest: pod(`      args: ["--header=Authorization: Bearer ${FAKE.jwt}"]`), errors: [{ messageId: 'knownFormat', path: '/spec/containers/0/args/0' }] },
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
            - {name: init, image: i:1, args: ["--github-token=${FAKE.githubToken}"]}
          containers:
            - {name: job, image: j:1}
          ephemeralContainers:
            - {name: dbg, image: d:1, command: [psql, --password, "${FAKE.password}"]}`,
      errors: [
        { messageId: 'knownFormat', path: '/spec/jobTemplate/spec/template/spec/initContainers/0/args/0' },
        { messageId: 'credentialKey', path: '/spec/jobTemplate/spec/template/spec/ephemeralContainers/0/command/2' },
      ],
    },
  ],
});
