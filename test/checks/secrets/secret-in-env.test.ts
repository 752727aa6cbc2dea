import check from '../../../src/checks/secrets/secret-in-env.js';
import { checkTester } from '../../support/check-tester.js';
import { podWithEnv } from './support.js';

checkTester.run(check, {
  valid: [
    { manifest: podWithEnv('[{name: DB_PASSWORD_FILE, value: /var/run/secrets/db/password}]') },
    { name: 'ConfigMap references are fine', manifest: podWithEnv('[{name: MODE, valueFrom: {configMapKeyRef: {name: settings, key: mode}}}]') },
  ],
  invalid: [
    {
      manifest: podWithEnv('[{name: LOG, value: info}, {name: DB_PASSWORD, valueFrom: {secretKeyRef: {name: cart-db, key: password}}}]'),
      errors: [{ messageId: 'secretKeyRef', path: '/spec/containers/0/env/1/valueFrom/secretKeyRef', data: { name: 'DB_PASSWORD', key: 'password', secret: 'cart-db' } }],
    },
    {
      name: 'envFrom secretRef',
      manifest: podWithEnv('[]') + '\n      envFrom: [{configMapRef: {name: settings}}, {secretRef: {name: cart-db}}]',
      errors: [{ messageId: 'secretRef', path: '/spec/containers/0/envFrom/1/secretRef', data: { secret: 'cart-db' } }],
    },
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
            - {name: init, image: i:1, envFrom: [{secretRef: {name: migrations}}]}
          containers:
            - {name: job, image: j:1}
          ephemeralContainers:
            - {name: dbg, image: d:1, env: [{name: T, valueFrom: {secretKeyRef: {name: t, key: t}}}]}`,
      errors: [
        { messageId: 'secretRef', path: '/spec/jobTemplate/spec/template/spec/initContainers/0/envFrom/0/secretRef', data: { containerKind: 'init container' } },
        { messageId: 'secretKeyRef', path: '/spec/jobTemplate/spec/template/spec/ephemeralContainers/0/env/0/valueFrom/secretKeyRef' },
      ],
    },
  ],
});
