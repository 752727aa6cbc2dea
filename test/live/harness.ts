/**
 * Test harness for the live reader: certificates (a CA, a server certificate for 127.0.0.1 and
 * localhost, a client certificate), the recorded cluster under test/fixtures/cluster, a fake
 * API server and a kubeconfig in a temporary directory that reaches it with the CA, the client
 * certificate and a bearer token.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { parseAllDocuments } from 'yaml';
import { FakeApiServer, type FakeServerOptions, type FakeServerTls } from '../../src/live/testing/fake-api-server.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../../src/model/types.js';

export const TOKEN = 'rampart-test-token-0123456789';
/** The secret value planted in the fixture's Secrets (plain and base64). */
export const CANARY = 'RAMPART-CANARY-3f9a1c7e';
export const CANARY_BASE64 = Buffer.from(CANARY).toString('base64');

const FIXTURES = new URL('../fixtures/cluster/', import.meta.url);

export interface Certificates {
  tls: FakeServerTls;
  clientCert: string;
  clientKey: string;
}

let certificates: Promise<Certificates> | undefined;

/** Generates the certificates once per test file (EC keys: fast). */
export function testCertificates(): Promise<Certificates> {
  certificates ??= (async () => {
    const ca = await generate([{ name: 'commonName', value: 'rampart-test-ca' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      extensions: [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
      ],
    });
    const server = await generate([{ name: 'commonName', value: 'kube-apiserver' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      ca: { key: ca.private, cert: ca.cert },
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
      ],
    });
    const client = await generate(
      [
        { name: 'commonName', value: 'rampart-scanner' },
        { name: 'organizationName', value: 'rampart' },
      ],
      {
        keyType: 'ec',
        algorithm: 'sha256',
        ca: { key: ca.private, cert: ca.cert },
        extensions: [
          { name: 'basicConstraints', cA: false },
          { name: 'keyUsage', digitalSignature: true },
          { name: 'extKeyUsage', clientAuth: true },
        ],
      },
    );
    return { tls: { ca: ca.cert, cert: server.cert, key: server.private }, clientCert: client.cert, clientKey: client.private };
  })();
  return certificates;
}

/** The recorded discovery documents, by path. */
export function fixtureDiscovery(): Record<string, JsonValue> {
  return JSON.parse(readFileSync(new URL('discovery.json', FIXTURES), 'utf8')) as Record<string, JsonValue>;
}

/** The recorded cluster objects. */
export function fixtureObjects(): JsonObject[] {
  const text = readFileSync(new URL('objects.yaml', FIXTURES), 'utf8');
  return parseAllDocuments(text)
    .map((d) => d.toJS() as unknown)
    .filter(isJsonObject);
}

export interface KubeconfigOptions {
  clientCertificate?: boolean;
  token?: string | false;
  context?: string;
}

export interface TestCluster {
  server: FakeApiServer;
  kubeconfig: string;
  dir: string;
  close(): Promise<void>;
}

/** Starts a fake API server (fixture cluster unless overridden) and writes a kubeconfig for it. */
export async function startCluster(overrides: Partial<FakeServerOptions> = {}, kubeconfigOptions: KubeconfigOptions = {}): Promise<TestCluster> {
  const certs = await testCertificates();
  const server = await FakeApiServer.start({ tls: certs.tls, token: TOKEN, discovery: fixtureDiscovery(), objects: fixtureObjects(), ...overrides });
  const dir = mkdtempSync(join(tmpdir(), 'rampart-live-'));
  const kubeconfig = join(dir, 'kubeconfig.yaml');
  writeFileSync(kubeconfig, kubeconfigYaml(server.url, certs, kubeconfigOptions));
  return {
    server,
    kubeconfig,
    dir,
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function b64(text: string): string {
  return Buffer.from(text).toString('base64');
}

/** A kubeconfig with two contexts: `test` (the fake server) and `elsewhere` (an unused cluster). */
export function kubeconfigYaml(url: string, certs: Certificates, options: KubeconfigOptions = {}): string {
  const user: string[] = [];
  if (options.clientCertificate !== false) user.push(`    client-certificate-data: ${b64(certs.clientCert)}`, `    client-key-data: ${b64(certs.clientKey)}`);
  const token = options.token === undefined ? TOKEN : options.token;
  if (token !== false) user.push(`    token: ${token}`);
  return [
    'apiVersion: v1',
    'kind: Config',
    `current-context: ${options.context ?? 'test'}`,
    'clusters:',
    '- name: fake',
    '  cluster:',
    `    server: ${url}`,
    `    certificate-authority-data: ${b64(certs.tls.ca)}`,
    '- name: other',
    '  cluster:',
    '    server: https://127.0.0.1:1',
    `    certificate-authority-data: ${b64(certs.tls.ca)}`,
    'contexts:',
    '- name: test',
    '  context: { cluster: fake, user: scanner }',
    '- name: elsewhere',
    '  context: { cluster: other, user: scanner }',
    'users:',
    '- name: scanner',
    '  user:',
    ...(user.length > 0 ? user : ['    {}']),
    '',
  ].join('\n');
}
