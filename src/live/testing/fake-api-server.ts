/**
 * An in-process HTTPS server that speaks enough of the Kubernetes API for the live reader's
 * tests and benchmark: discovery, paginated lists with `limit`/`continue` and
 * `resourceVersion`, metadata-only lists (`PartialObjectMetadataList`), server-side apply,
 * client-certificate and bearer-token authentication, an optional authorizer, and injected
 * faults (403, 500, 410 on a continue token, a request that never answers, a connection reset
 * in the middle of a body). Every request is recorded.
 *
 * It ships in `dist` only so that the benchmark (plain JavaScript) can use it; it is not part
 * of Rampart's public API.
 */
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { isJsonObject, type JsonObject, type JsonValue } from '../../model/types.js';

export interface FakeServerTls {
  /** CA that signed the server and client certificates (PEM). */
  ca: string;
  /** Server certificate (PEM) valid for 127.0.0.1 and localhost, and its key. */
  cert: string;
  key: string;
}

/** What the test server knows about one resource type (from discovery). */
export interface FakeResourceType {
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
}

export type FaultKind = 'forbidden' | 'server-error' | 'timeout' | 'reset' | 'gone';

/** A fault injected on lists of one type: `forbidden`/`server-error`/`timeout` on every request, `reset` on page `page`, `gone` on the first continue token `times` times. */
export interface Fault {
  group: string;
  resource: string;
  kind: FaultKind;
  /** 0-based page for `reset` (default 1: the first continue request). */
  page?: number;
  /** How many continue requests answer 410 (default 1). */
  times?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  accept: string;
  contentType: string;
  /** `list`, `get`, `patch`, or `discovery` for /api and /apis paths. */
  verb: string;
  group?: string;
  version?: string;
  resource?: string;
  namespace?: string;
  name?: string;
  clientCertificate: boolean;
  bearerToken: boolean;
  status: number;
  /** The response body, when the server was started with `recordResponses`. */
  response?: string;
}

export interface AuthorizationRequest {
  verb: string;
  group: string;
  resource: string;
  namespace?: string;
}

export interface FakeServerOptions {
  tls: FakeServerTls;
  /** Accepted bearer token; requests without a valid client certificate must present it. */
  token: string;
  /** Discovery documents by path: `/api`, `/apis`, `/api/v1`, `/apis/apps/v1`… */
  discovery: Readonly<Record<string, JsonValue>>;
  /** The objects of the cluster, with `apiVersion` and `kind`. */
  objects: readonly JsonObject[];
  faults?: readonly Fault[];
  /** Decides resource requests (RBAC); default: allow everything. */
  authorize?: (request: AuthorizationRequest) => boolean;
  /** Simulates a server that ignores the metadata-only `Accept` header and sends whole objects. */
  ignoreMetadataAccept?: boolean;
  /** Keep every response body in `requests` (tests that prove what crossed the wire). */
  recordResponses?: boolean;
  /** Objects' `resourceVersion` base (default 1000). */
  resourceVersion?: number;
}

interface TypeEntry extends FakeResourceType {
  objects: JsonObject[];
}

/**
 * Builds discovery documents for a set of types, as an API server would serve them.
 *
 * @example
 * const discovery = discoveryDocuments([{ group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true, verbs: ['get', 'list'] }]);
 */
export function discoveryDocuments(types: readonly FakeResourceType[]): Record<string, JsonValue> {
  const docs: Record<string, JsonValue> = {};
  const byGroupVersion = new Map<string, FakeResourceType[]>();
  for (const t of types) {
    const gv = t.group === '' ? t.version : `${t.group}/${t.version}`;
    byGroupVersion.set(gv, [...(byGroupVersion.get(gv) ?? []), t]);
  }
  const groups = new Map<string, string[]>();
  for (const [gv, list] of byGroupVersion) {
    const first = list[0] as FakeResourceType;
    docs[first.group === '' ? `/api/${gv}` : `/apis/${gv}`] = {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: gv,
      resources: list.map((t) => ({ name: t.resource, singularName: t.kind.toLowerCase(), namespaced: t.namespaced, kind: t.kind, verbs: t.verbs })),
    };
    if (first.group !== '') groups.set(first.group, [...(groups.get(first.group) ?? []), first.version]);
  }
  docs['/api'] = { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }] };
  docs['/apis'] = {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [...groups].map(([name, versions]) => ({
      name,
      versions: versions.map((version) => ({ groupVersion: `${name}/${version}`, version })),
      preferredVersion: { groupVersion: `${name}/${versions[0]}`, version: versions[0] as string },
    })),
  };
  return docs;
}

/**
 * A running fake API server.
 *
 * @example
 * const server = await FakeApiServer.start({ tls, token, discovery, objects });
 * // … point a kubeconfig at server.url …
 * await server.close();
 */
export class FakeApiServer {
  readonly requests: RecordedRequest[] = [];
  /** Objects written with server-side apply, by API path. */
  readonly applied = new Map<string, JsonObject>();
  private readonly types = new Map<string, TypeEntry>();
  private readonly sockets = new Set<Socket>();
  private readonly goneCount = new Map<string, number>();
  private readonly server: https.Server;
  private readonly options: FakeServerOptions;
  private port = 0;

  private constructor(options: FakeServerOptions) {
    this.options = options;
    this.indexTypes();
    this.server = https.createServer(
      { key: options.tls.key, cert: options.tls.cert, ca: options.tls.ca, requestCert: true, rejectUnauthorized: false },
      (req, res) => this.handle(req, res),
    );
    this.server.on('secureConnection', (socket: TLSSocket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  static async start(options: FakeServerOptions): Promise<FakeApiServer> {
    const server = new FakeApiServer(options);
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = server.server.address();
    server.port = typeof address === 'object' && address !== null ? address.port : 0;
    return server;
  }

  get url(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  /** Stops listening and drops every connection, held requests included. */
  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private indexTypes(): void {
    for (const [path, doc] of Object.entries(this.options.discovery)) {
      if (!isJsonObject(doc) || doc['kind'] !== 'APIResourceList' || !Array.isArray(doc['resources'])) continue;
      const groupVersion = String(doc['groupVersion'] ?? path.replace(/^\/apis?\//, ''));
      const [group, version] = groupVersion.includes('/') ? (groupVersion.split('/') as [string, string]) : ['', groupVersion];
      for (const r of doc['resources']) {
        if (!isJsonObject(r) || typeof r['name'] !== 'string' || r['name'].includes('/')) continue;
        const verbs = Array.isArray(r['verbs']) ? r['verbs'].filter((v): v is string => typeof v === 'string') : [];
        this.types.set(`${group}/${version}/${r['name']}`, { group, version, resource: r['name'], kind: String(r['kind']), namespaced: r['namespaced'] === true, verbs, objects: [] });
      }
    }
    for (const object of this.options.objects) {
      const apiVersion = String(object['apiVersion']);
      const [group, version] = apiVersion.includes('/') ? (apiVersion.split('/') as [string, string]) : ['', apiVersion];
      const entry = [...this.types.values()].find((t) => t.group === group && t.version === version && t.kind === object['kind']);
      if (entry) entry.objects.push(object);
    }
    for (const entry of this.types.values()) entry.objects.sort((a, b) => objectKey(a).localeCompare(objectKey(b)));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'https://localhost');
    const socket = req.socket as TLSSocket;
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      accept: String(req.headers['accept'] ?? ''),
      contentType: String(req.headers['content-type'] ?? ''),
      verb: 'discovery',
      // `authorized` alone is true on a resumed TLS session whose client sent no certificate.
      clientCertificate: socket.authorized === true && Object.keys(socket.getPeerCertificate() ?? {}).length > 0,
      bearerToken: req.headers['authorization'] === `Bearer ${this.options.token}`,
      status: 0,
    };
    this.requests.push(record);
    const reply = (status: number, body: JsonValue): void => {
      record.status = status;
      const text = JSON.stringify(body);
      if (this.options.recordResponses) record.response = text;
      res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
      res.end(text);
    };
    if (!record.clientCertificate && !record.bearerToken) {
      reply(401, status(401, 'Unauthorized', 'Unauthorized'));
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        this.route(url, req, res, record, reply, Buffer.concat(chunks).toString('utf8'));
      } catch (error) {
        reply(500, status(500, 'InternalError', String(error)));
      }
    });
  }

  private route(url: URL, req: IncomingMessage, res: ServerResponse, record: RecordedRequest, reply: (status: number, body: JsonValue) => void, body: string): void {
    const path = url.pathname.replace(/\/$/, '');
    const discovery = this.options.discovery[path];
    if (discovery !== undefined) {
      reply(200, discovery);
      return;
    }
    const match = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))\/(.+)$/.exec(path);
    if (!match) {
      reply(404, status(404, 'NotFound', `the server could not find the requested resource (${path})`));
      return;
    }
    const group = match[2] ?? '';
    const version = (match[1] ?? match[3]) as string;
    let parts = (match[4] as string).split('/').map(decodeURIComponent);
    let namespace: string | undefined;
    if (parts[0] === 'namespaces' && parts.length >= 3) {
      namespace = parts[1];
      parts = parts.slice(2);
    }
    const [resource, name] = parts as [string, string | undefined];
    const entry = this.types.get(`${group}/${version}/${resource}`);
    Object.assign(record, { group, version, resource, namespace, name });
    const verb = req.method === 'PATCH' ? 'patch' : name !== undefined ? 'get' : 'list';
    record.verb = verb;
    if (!entry || parts.length > 2) {
      reply(404, status(404, 'NotFound', `the server could not find the requested resource`));
      return;
    }
    const authz: AuthorizationRequest = { verb, group, resource };
    if (namespace !== undefined) authz.namespace = namespace;
    if (this.options.authorize && !this.options.authorize(authz)) {
      reply(403, status(403, 'Forbidden', `${resource}${group ? '.' + group : ''} is forbidden: User "rampart" cannot ${verb} resource "${resource}" in API group "${group}"`));
      return;
    }
    if (verb === 'patch') {
      this.apply(path, url, record, reply, body, entry, namespace, name as string);
      return;
    }
    if (verb === 'get') {
      const object = entry.objects.find((o) => meta(o)['name'] === name && (namespace === undefined || meta(o)['namespace'] === namespace));
      if (object) reply(200, object);
      else reply(404, status(404, 'NotFound', `${resource} "${name}" not found`));
      return;
    }
    this.list(url, req, res, record, reply, entry, namespace);
  }

  private list(url: URL, req: IncomingMessage, res: ServerResponse, record: RecordedRequest, reply: (status: number, body: JsonValue) => void, entry: TypeEntry, namespace: string | undefined): void {
    const fault = this.options.faults?.find((f) => f.group === entry.group && f.resource === entry.resource);
    const token = url.searchParams.get('continue');
    const limit = Number(url.searchParams.get('limit') ?? '0');
    const rvBase = this.options.resourceVersion ?? 1000;
    let start = 0;
    let listRv = String(rvBase);
    if (token) {
      try {
        const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { rv: string; start: number };
        start = decoded.start;
        listRv = decoded.rv;
      } catch {
        reply(400, status(400, 'BadRequest', 'invalid continue token'));
        return;
      }
    }
    const page = limit > 0 ? Math.floor(start / limit) : 0;
    if (fault?.kind === 'forbidden') {
      reply(403, status(403, 'Forbidden', `${entry.resource} is forbidden`));
      return;
    }
    if (fault?.kind === 'server-error') {
      reply(500, status(500, 'InternalError', 'etcdserver: request timed out'));
      return;
    }
    if (fault?.kind === 'timeout') {
      record.status = -1;
      return; // Never answers; the client's deadline ends it and close() drops the socket.
    }
    if (fault?.kind === 'gone' && token) {
      const key = `${entry.group}/${entry.resource}`;
      const used = this.goneCount.get(key) ?? 0;
      if (used < (fault.times ?? 1)) {
        this.goneCount.set(key, used + 1);
        reply(410, status(410, 'Expired', 'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.'));
        return;
      }
    }
    let all = namespace !== undefined ? entry.objects.filter((o) => meta(o)['namespace'] === namespace) : entry.objects;
    const selector = url.searchParams.get('fieldSelector');
    if (selector !== null) {
      // Only what the reader uses: `type=<secret type>` on Secrets.
      const match = /^type=(.+)$/.exec(selector);
      if (!match || entry.kind !== 'Secret') {
        reply(400, status(400, 'BadRequest', `field label not supported: ${selector}`));
        return;
      }
      all = all.filter((o) => o['type'] === match[1]);
    }
    const end = limit > 0 ? Math.min(all.length, start + limit) : all.length;
    const metadataOnly = !this.options.ignoreMetadataAccept && (req.headers['accept'] ?? '').includes('as=PartialObjectMetadataList');
    const items = all.slice(start, end).map((o): JsonValue => {
      if (metadataOnly) return { apiVersion: 'meta.k8s.io/v1', kind: 'PartialObjectMetadata', metadata: meta(o) };
      const { apiVersion: _a, kind: _k, ...rest } = o;
      return rest;
    });
    const listMeta: JsonObject = { resourceVersion: listRv };
    if (end < all.length) {
      listMeta['continue'] = Buffer.from(JSON.stringify({ rv: listRv, start: end })).toString('base64url');
      listMeta['remainingItemCount'] = all.length - end;
    }
    const list: JsonObject = metadataOnly
      ? { kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', metadata: listMeta, items }
      : { kind: `${entry.kind}List`, apiVersion: entry.group === '' ? entry.version : `${entry.group}/${entry.version}`, metadata: listMeta, items };
    if (fault?.kind === 'reset' && page === (fault.page ?? 1)) {
      // Headers and half the body, then a dead connection.
      record.status = -2;
      const text = JSON.stringify(list);
      if (this.options.recordResponses) record.response = text.slice(0, Math.floor(text.length / 2));
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
      res.write(text.slice(0, Math.floor(text.length / 2)), () => req.socket.destroy());
      return;
    }
    reply(200, list);
  }

  private apply(path: string, url: URL, record: RecordedRequest, reply: (status: number, body: JsonValue) => void, body: string, entry: TypeEntry, namespace: string | undefined, name: string): void {
    if (record.contentType !== 'application/apply-patch+yaml') {
      reply(415, status(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/apply-patch+yaml`));
      return;
    }
    if (!url.searchParams.get('fieldManager')) {
      reply(422, status(422, 'Invalid', 'fieldManager is required for apply requests'));
      return;
    }
    let object: unknown;
    try {
      object = JSON.parse(body);
    } catch {
      reply(400, status(400, 'BadRequest', 'the fake server accepts JSON apply patches only'));
      return;
    }
    if (!isJsonObject(object) || meta(object)['name'] !== name || (namespace !== undefined && meta(object)['namespace'] !== namespace) || object['kind'] !== entry.kind) {
      reply(400, status(400, 'BadRequest', 'the object does not match the request path'));
      return;
    }
    const existed = this.applied.has(path);
    const stored: JsonObject = { ...object, metadata: { ...meta(object), resourceVersion: String(this.requests.length), managedFields: [{ manager: url.searchParams.get('fieldManager') as string, operation: 'Apply' }] } };
    this.applied.set(path, stored);
    reply(existed ? 200 : 201, stored);
  }
}

function meta(object: JsonObject): JsonObject {
  return isJsonObject(object['metadata']) ? object['metadata'] : {};
}

function objectKey(object: JsonObject): string {
  return `${String(meta(object)['namespace'] ?? '')}/${String(meta(object)['name'] ?? '')}`;
}

function status(code: number, reason: string, message: string): JsonObject {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}
