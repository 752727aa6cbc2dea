import check from '../../../src/checks/image/mutable-tag-always-pulled.js';
import { checkTester } from '../../support/check-tester.js';
import { DIGEST, cronJobWithImages, podWithImage } from './support.js';

const always = '\n      imagePullPolicy: Always';

checkTester.run(check, {
  valid: [
    { name: 'pinned and always pulled', manifest: podWithImage(`registry.example.com/cart:2.4.1@${DIGEST}`, always) },
    { name: 'default policy of a version tag (left to image.not-pinned-by-digest)', manifest: podWithImage('registry.example.com/cart:2.4.1') },
    { name: 'IfNotPresent', manifest: podWithImage('registry.example.com/cart:2.4.1', '\n      imagePullPolicy: IfNotPresent') },
    { name: 'defaulted Always of latest (left to image.latest-tag)', manifest: podWithImage('nginx:latest') },
  ],
  invalid: [
    {
      manifest: podWithImage('registry.example.com/cart:2.4.1', always),
      errors: [{ messageId: 'mutableAlways', path: '/spec/containers/0/imagePullPolicy', data: { image: 'registry.example.com/cart:2.4.1' } }],
    },
    { name: 'explicit Always with latest', manifest: podWithImage('nginx:latest', always), errors: [{ messageId: 'mutableAlways', path: '/spec/containers/0/imagePullPolicy' }] },
    {
      name: 'init and ephemeral containers in a CronJob',
      manifest: cronJobWithImages('busybox:1.36', ', imagePullPolicy: Always'),
      errors: [
        { messageId: 'mutableAlways', path: '/spec/jobTemplate/spec/template/spec/initContainers/0/imagePullPolicy' },
        { messageId: 'mutableAlways', path: '/spec/jobTemplate/spec/template/spec/ephemeralContainers/0/imagePullPolicy' },
      ],
    },
  ],
});
