import { describe } from 'vitest';
import check from '../../../src/checks/network-exposure/service-external-ips.js';
import { checkTester } from '../../support/check-tester.js';

describe('service-external-ips', () => {
  checkTester.run(check, {
    valid: [
      { manifest: 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {ports: [{port: 80}]}' },
      { manifest: 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {externalIPs: []}' },
    ],
    invalid: [
      {
        manifest: 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {ports: [{port: 80}], externalIPs: [198.51.100.10]}',
        errors: [{ messageId: 'externalIps', path: '/spec/externalIPs', data: { ips: '198.51.100.10' } }],
      },
    ],
  });
});
