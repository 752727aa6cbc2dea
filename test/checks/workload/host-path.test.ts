import check from '../../../src/checks/workload/host-path.js';
import { checkTester } from '../../support/check-tester.js';
import { cronJobWithHostPath, podWithHostPath } from './support/host-path-cases.js';

checkTester.run(check, {
  valid: [
    { name: 'no hostPath volume', manifest: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: a, image: a:1}], volumes: [{name: t, emptyDir: {}}]}' },
    { name: 'a sensitive path is left to its own check', manifest: podWithHostPath('/var/run/docker.sock') },
    { name: 'an ancestor of a sensitive path too', manifest: podWithHostPath('/var') },
  ],
  invalid: [
    { manifest: podWithHostPath('/opt/data'), errors: [{ messageId: 'hostPath', path: '/spec/volumes/1/hostPath/path', data: { volume: 'host', hostPath: '/opt/data' } }] },
    { name: 'a look-alike of a sensitive path', manifest: podWithHostPath('/etcetera'), errors: [{ messageId: 'hostPath', path: '/spec/volumes/1/hostPath/path' }] },
    { name: 'CronJob template', manifest: cronJobWithHostPath('/mnt/cache'), errors: [{ messageId: 'hostPath', path: '/spec/jobTemplate/spec/template/spec/volumes/0/hostPath/path' }] },
  ],
});
