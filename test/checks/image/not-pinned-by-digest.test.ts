import check from '../../../src/checks/image/not-pinned-by-digest.js';
import { checkTester } from '../../support/check-tester.js';
import { DIGEST, cronJobWithImages, podWithImage } from './support.js';

checkTester.run(check, {
  valid: [
    { manifest: podWithImage(`registry.example.com/shop/cart:2.4.1@${DIGEST}`) },
    { name: 'digest without a tag', manifest: podWithImage(`registry.example.com/shop/cart@${DIGEST}`) },
    { name: 'unrendered template', manifest: podWithImage('$(IMAGE)') },
  ],
  invalid: [
    { manifest: podWithImage('registry.example.com/shop/cart:2.4.1'), errors: [{ messageId: 'notPinned', path: '/spec/containers/0/image', data: { image: 'registry.example.com/shop/cart:2.4.1' } }] },
    { name: 'no tag either', manifest: podWithImage('nginx'), errors: [{ messageId: 'notPinned', path: '/spec/containers/0/image' }] },
    {
      name: 'init and ephemeral containers in a CronJob',
      manifest: cronJobWithImages('busybox:1.36'),
      errors: [
        { messageId: 'notPinned', path: '/spec/jobTemplate/spec/template/spec/initContainers/0/image' },
        { messageId: 'notPinned', path: '/spec/jobTemplate/spec/template/spec/ephemeralContainers/0/image' },
      ],
    },
  ],
});
