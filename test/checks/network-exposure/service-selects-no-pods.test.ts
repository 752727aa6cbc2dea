import { describe } from 'vitest';
import check from '../../../src/checks/network-exposure/service-selects-no-pods.js';
import { checkTester } from '../../support/check-tester.js';

const service = (selector: string, namespace = 'shop', extra = ''): string => `apiVersion: v1
kind: Service
metadata: {name: web, namespace: ${namespace}}
spec:
  selector: ${selector}
  ports: [{port: 80}]
${extra}`;
const deployment = (labels: string, namespace = 'shop'): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: ${namespace}}
spec:
  selector: {matchLabels: ${labels}}
  template:
    metadata: {labels: ${labels}}
    spec: {containers: [{name: app, image: nginx}]}`;
const cronJob = `apiVersion: batch/v1
kind: CronJob
metadata: {name: report, namespace: shop}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        metadata: {labels: {app: report}}
        spec: {containers: [{name: r, image: busybox}]}`;

describe('service-selects-no-pods', () => {
  checkTester.run(check, {
    valid: [
      { manifest: service('{app: web}'), inventory: deployment('{app: web, tier: front}') },
      { name: 'CronJob template', manifest: service('{app: report}'), inventory: cronJob },
      { name: 'no selector', manifest: 'apiVersion: v1\nkind: Service\nmetadata: {name: ext, namespace: shop}\nspec: {ports: [{port: 80}]}', inventory: deployment('{app: web}') },
      { name: 'ExternalName', manifest: service('{app: gone}', 'shop', '  type: ExternalName\n  externalName: db.example.com'), inventory: deployment('{app: web}') },
      { name: 'no workloads in the namespace', manifest: service('{app: web}'), inventory: deployment('{app: other}', 'elsewhere') },
    ],
    invalid: [
      {
        manifest: service('{app: web, tier: back}'),
        inventory: deployment('{app: web, tier: front}'),
        errors: [{ messageId: 'selectsNothing', path: '/spec/selector', resource: 'Service shop/web', data: { selector: 'app=web,tier=back' } }],
      },
      {
        name: 'matching pods in another namespace do not count',
        manifest: service('{app: web}'),
        inventory: `${deployment('{app: web}', 'other')}\n---\n${deployment('{app: api}')}`,
        errors: [{ messageId: 'selectsNothing', path: '/spec/selector', resource: 'Service shop/web' }],
      },
    ],
  });
});
