import check from '../../../src/checks/image/registry-not-allowed.js';
import { checkTester } from '../../support/check-tester.js';
import { cronJobWithImages, podWithImage } from './support.js';

const options = { allowedRegistries: ['registry.example.com', 'ghcr.io/example-org', 'docker.io/library'] };

checkTester.run(check, {
  valid: [
    { name: 'inactive without an allow-list', manifest: podWithImage('evil.example.net/miner:1') },
    { manifest: podWithImage('registry.example.com/shop/cart:2.4.1'), options },
    { name: 'repository prefix', manifest: podWithImage('ghcr.io/example-org/api:3'), options },
    { name: 'official Docker Hub image by short name', manifest: podWithImage('nginx:1.27'), options },
    { name: 'Docker Hub alias', manifest: podWithImage('index.docker.io/library/redis:7'), options },
    { name: 'glob entry', manifest: podWithImage('123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1'), options: { allowedRegistries: ['*.dkr.ecr.eu-west-1.amazonaws.com'] } },
  ],
  invalid: [
    {
      manifest: podWithImage('evil.example.net/miner:1'),
      options,
      errors: [{ messageId: 'notAllowed', path: '/spec/containers/0/image', data: { name: 'evil.example.net/miner', image: 'evil.example.net/miner:1' } }],
    },
    {
      name: 'a Docker Hub user image is not an official one',
      manifest: podWithImage('someone/nginx:1.27'),
      options,
      errors: [{ messageId: 'notAllowed', path: '/spec/containers/0/image', data: { name: 'docker.io/someone/nginx' } }],
    },
    { name: 'prefix must end at a segment', manifest: podWithImage('ghcr.io/example-organisation/api:3'), options, errors: [{ messageId: 'notAllowed', path: '/spec/containers/0/image' }] },
    {
      name: 'init and ephemeral containers in a CronJob',
      manifest: cronJobWithImages('quay.io/someone/tool:1'),
      options,
      errors: [
        { messageId: 'notAllowed', path: '/spec/jobTemplate/spec/template/spec/initContainers/0/image' },
        { messageId: 'notAllowed', path: '/spec/jobTemplate/spec/template/spec/ephemeralContainers/0/image' },
      ],
    },
  ],
});
