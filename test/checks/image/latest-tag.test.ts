import check from '../../../src/checks/image/latest-tag.js';
import { checkTester } from '../../support/check-tester.js';
import { DIGEST, cronJobWithImages, podWithImage } from './support.js';

checkTester.run(check, {
  valid: [
    { manifest: podWithImage('registry.example.com/shop/cart:2.4.1') },
    { name: 'digest only', manifest: podWithImage(`registry.example.com/shop/cart@${DIGEST}`) },
    { name: 'latest with a digest: the digest decides', manifest: podWithImage(`nginx:latest@${DIGEST}`) },
    { name: 'registry port is not a tag', manifest: podWithImage('localhost:5000/app:1.0') },
    { name: 'unrendered template', manifest: podWithImage('{{ .Values.image }}') },
  ],
  invalid: [
    { manifest: podWithImage('nginx'), errors: [{ messageId: 'noTag', path: '/spec/containers/0/image', data: { image: 'nginx', container: 'app' } }] },
    { manifest: podWithImage('nginx:latest'), errors: [{ messageId: 'latestTag', path: '/spec/containers/0/image' }] },
    { name: 'registry with a port and no tag', manifest: podWithImage('localhost:5000/app'), errors: [{ messageId: 'noTag', path: '/spec/containers/0/image' }] },
    {
      name: 'init and ephemeral containers in a CronJob',
      manifest: cronJobWithImages('busybox:latest'),
      errors: [
        { messageId: 'latestTag', path: '/spec/jobTemplate/spec/template/spec/initContainers/0/image', data: { containerKind: 'init container' } },
        { messageId: 'latestTag', path: '/spec/jobTemplate/spec/template/spec/ephemeralContainers/0/image', data: { containerKind: 'ephemeral container' } },
      ],
    },
  ],
});
