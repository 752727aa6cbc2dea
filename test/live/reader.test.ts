import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readCluster } from '../../src/live/reader.js';
import { UsageError } from '../../src/errors.js';
import { TOKEN, startCluster, type TestCluster } from './harness.js';

let cluster: TestCluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

function kinds(resources: ReadonlyArray<{ kind: string }>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of resources) out[r.kind] = (out[r.kind] ?? 0) + 1;
  return out;
}

describe('readCluster against the recorded cluster', () => {
  it('reads every relevant kind through a kubeconfig with a CA, a client certificate and a bearer token', async () => {
    cluster = await startCluster();
    const { loaded, gaps, context } = await readCluster({ kubeconfig: cluster.kubeconfig, pageSize: 2 });
    expect(context).toBe('test');
    expect(gaps).toEqual([]);
    expect(kinds(loaded.resources)).toEqual({
      ClusterPolicy: 1,
      ClusterRole: 1,
      ClusterRoleBinding: 1,
      ConfigMap: 1,
      CronJob: 1,
      CustomResourceDefinition: 3,
      DaemonSet: 1,
      Deployment: 2,
      Ingress: 1,
      IngressClass: 1,
      Job: 1,
      LimitRange: 1,
      Namespace: 5,
      NetworkPolicy: 1,
      Node: 1,
      Pod: 1,
      PodDisruptionBudget: 1,
      ReplicaSet: 1,
      ResourceQuota: 1,
      Role: 1,
      RoleBinding: 1,
      Rollout: 1,
      Secret: 3,
      Service: 2,
      ServiceAccount: 2,
      StatefulSet: 1,
      TrainingJob: 1,
      ValidatingWebhookConfiguration: 1,
    });
    expect(loaded.summary).toEqual({ documents: 39, resources: 39, skipped: 0, failed: 0 });
    expect(loaded.errors).toEqual([]);
    // Both credentials were presented on every request.
    expect(cluster.server.requests.every((r) => r.clientCertificate && r.bearerToken)).toBe(true);
  });
});

describe('connection problems', () => {
  it('names a kubeconfig that cannot be read', async () => {
    await expect(readCluster({ kubeconfig: '/nonexistent/kubeconfig' })).rejects.toThrow(/cannot load kubeconfig \/nonexistent\/kubeconfig/);
  });

  it('says so when there is no kubeconfig at all, instead of trying http://localhost:8080', async () => {
    if (existsSync('/var/run/secrets/kubernetes.io/serviceaccount/token')) return; // running inside a cluster: the fallback is real
    const home = mkdtempSync(join(tmpdir(), 'rampart-home-'));
    vi.stubEnv('KUBECONFIG', '');
    vi.stubEnv('HOME', home);
    vi.stubEnv('USERPROFILE', home);
    try {
      await expect(readCluster({})).rejects.toThrow(/no kubeconfig found/);
    } finally {
      vi.unstubAllEnvs();
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('rejects an unknown context, naming the known ones', async () => {
    cluster = await startCluster();
    await expect(readCluster({ kubeconfig: cluster.kubeconfig, context: 'nope' })).rejects.toThrow(/unknown context "nope".*test, elsewhere/);
  });

  it('fails with a usage error when the credentials are rejected', async () => {
    cluster = await startCluster({}, { clientCertificate: false, token: 'wrong' });
    const error: unknown = await readCluster({ kubeconfig: cluster.kubeconfig, retries: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect(String(error)).toMatch(/credentials were rejected/);
  });
});

describe('authentication through the kubeconfig', () => {
  it('a client certificate alone', async () => {
    cluster = await startCluster({}, { token: false });
    const { gaps } = await readCluster({ kubeconfig: cluster.kubeconfig });
    expect(gaps).toEqual([]);
    expect(cluster.server.requests.every((r) => r.clientCertificate && !r.bearerToken)).toBe(true);
  });

  it('a bearer token alone', async () => {
    cluster = await startCluster({}, { clientCertificate: false });
    const { gaps } = await readCluster({ kubeconfig: cluster.kubeconfig });
    expect(gaps).toEqual([]);
    expect(cluster.server.requests.filter((r) => r.clientCertificate || !r.bearerToken)).toEqual([]);
  });

  it('a token from an exec credential plugin', async () => {
    cluster = await startCluster({}, { clientCertificate: false, token: false });
    const credential = JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1beta1', kind: 'ExecCredential', status: { token: TOKEN, expirationTimestamp: new Date(Date.now() + 3_600_000).toISOString() } });
    const plugin = join(cluster.dir, 'credential-plugin.mjs');
    writeFileSync(plugin, `process.stdout.write(${JSON.stringify(credential)});\n`);
    const config = readFileSync(cluster.kubeconfig, 'utf8').replace(
      '    {}',
      ['    exec:', '      apiVersion: client.authentication.k8s.io/v1beta1', `      command: ${JSON.stringify(process.execPath)}`, `      args: [${JSON.stringify(plugin)}]`, '      interactiveMode: Never'].join('\n'),
    );
    writeFileSync(cluster.kubeconfig, config);
    const { gaps } = await readCluster({ kubeconfig: cluster.kubeconfig });
    expect(gaps).toEqual([]);
    expect(cluster.server.requests.every((r) => r.bearerToken)).toBe(true);
  });

  it('a cancelled read stops with the reason instead of reporting gaps', async () => {
    cluster = await startCluster();
    const controller = new AbortController();
    const reading = readCluster({ kubeconfig: cluster.kubeconfig, pageSize: 1, signal: controller.signal, onProgress: (done) => done === 3 && controller.abort(new Error('stopped by the user')) });
    await expect(reading).rejects.toThrow('stopped by the user');
  });

  it('another context of the same kubeconfig', async () => {
    cluster = await startCluster();
    await expect(readCluster({ kubeconfig: cluster.kubeconfig, context: 'elsewhere', retries: 0, requestTimeoutMs: 2_000 })).rejects.toThrow(/cannot reach the Kubernetes API of context "elsewhere"/);
  });
});
