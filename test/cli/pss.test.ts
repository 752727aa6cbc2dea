import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { memoryIO } from './harness.js';

const privilegedDeployment = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx
          securityContext:
            privileged: true
`;

const hardenedPod = `apiVersion: v1
kind: Pod
metadata: {name: ok, namespace: shop}
spec:
  securityContext:
    runAsNonRoot: true
    seccompProfile: {type: RuntimeDefault}
  containers:
    - name: app
      image: nginx
      securityContext:
        allowPrivilegeEscalation: false
        capabilities: {drop: [ALL]}
`;

describe('rampart pss', () => {
  it('prints the JSON contract: one entry per pod-bearing resource with upstream check ids and reasons', async () => {
    const io = memoryIO(`${privilegedDeployment}---\n${hardenedPod}---\napiVersion: v1\nkind: Service\nmetadata: {name: s}\n`);
    const code = await run(['pss', '-', '--level', 'baseline', '--version', 'v1.30', '--format', 'json'], io);
    expect(code).toBe(1);
    const verdicts = JSON.parse(io.out());
    expect(verdicts).toHaveLength(2);
    expect(verdicts[0]).toMatchObject({
      resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' },
      file: '-',
      allowed: false,
      violations: [
        {
          check: 'privileged',
          reason: 'privileged',
          detail: 'container "app" must not set securityContext.privileged=true',
          locations: [{ path: '/spec/template/spec/containers/0/securityContext/privileged', line: 11, column: 13 }],
        },
      ],
    });
    expect(Object.keys(verdicts[0].resource)).toEqual(['apiVersion', 'kind', 'namespace', 'name']);
    expect(verdicts[1]).toMatchObject({ resource: { kind: 'Pod', name: 'ok' }, allowed: true, violations: [] });
  });

  it('exits 0 when every resource is allowed, and applies the version given', async () => {
    const io = memoryIO(hardenedPod);
    expect(await run(['pss', '-', '--level', 'restricted', '--version', 'latest'], io)).toBe(0);
    expect(io.out()).toContain('1 allowed, 0 denied');
    // At v1.21 restricted did not yet require dropping capabilities; at v1.8 seccomp was not required.
    const old = memoryIO(hardenedPod.replace('capabilities: {drop: [ALL]}', 'capabilities: {}'));
    expect(await run(['pss', '-', '--version', 'v1.21'], old)).toBe(0);
    const latest = memoryIO(hardenedPod.replace('capabilities: {drop: [ALL]}', 'capabilities: {}'));
    expect(await run(['pss', '-', '--version', 'latest'], latest)).toBe(1);
    expect(latest.out()).toContain('unrestricted capabilities');
  });

  it('rejects an unknown version or level with exit code 2', async () => {
    const io = memoryIO(hardenedPod);
    expect(await run(['pss', '-', '--version', 'v1.99'], io)).toBe(2);
    expect(io.err()).toContain('Valid versions: latest, v1.0');
    expect(await run(['pss', '-', '--level', 'strict'], memoryIO(hardenedPod))).toBe(2);
  });

  it('reports a document that does not parse on stderr with its line and exits 1', async () => {
    const io = memoryIO(`${hardenedPod}---\nkind: Pod\nmetadata: {name: [x\n`);
    expect(await run(['pss', '-'], io)).toBe(1);
    expect(io.err()).toMatch(/-:16: YAML syntax error/);
  });
});
