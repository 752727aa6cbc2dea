/**
 * A thin HTTPS client for the Kubernetes API. Credentials, CA and proxies come from the
 * official client's `KubeConfig` (client certificates, bearer tokens, exec and OIDC
 * providers, token files); the requests themselves are plain `node:https` calls, because the
 * reader needs what the generated API classes do not offer: an exact `Accept` header for
 * metadata-only lists, a deadline per request, and the raw status of every failure.
 */
import http from 'node:http';
import https from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';
import { UsageError, describeError } from '../errors.js';
import { TOOL_VERSION } from '../version.js';

/** An HTTP status the API server answered with (403, 404, 410, 500…). */
export class ApiStatusError extends Error {
  override readonly name = 'ApiStatusError';
  readonly status: number;
  /** `reason` of the Kubernetes `Status` body (`Forbidden`, `Expired`…), when there was one. */
  readonly reason: string | undefined;
  constructor(message: string, status: number, reason: string | undefined, options?: { cause?: unknown }) {
    super(message, options);
    this.status = status;
    this.reason = reason;
  }
}

/** The request did not complete: a deadline passed, the connection failed or was reset, or the body was not JSON. */
export class ApiTransportError extends Error {
  override readonly name = 'ApiTransportError';
  readonly kind: 'timeout' | 'connection' | 'bad-response' | 'aborted';
  constructor(message: string, kind: ApiTransportError['kind'], options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
  }
}

export interface RequestInit {
  method?: 'GET' | 'PATCH';
  accept?: string;
  contentType?: string;
  body?: string;
  /** Deadline for the whole request, response body included. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface ConnectOptions {
  /** Path of a kubeconfig file; default: `$KUBECONFIG`, `~/.kube/config`, then the in-cluster service account. */
  kubeconfig?: string;
  /** Context to use instead of the kubeconfig's current context. */
  context?: string;
}

/** Default deadline of one request. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/** A response larger than this is refused rather than buffered (one list page is a few MB). */
const MAX_RESPONSE_BYTES = 512 * 1024 * 1024;

/**
 * Loads a kubeconfig and selects a context.
 *
 * @throws {UsageError} when the file cannot be read or the context does not exist.
 * @example
 * const kc = loadKubeConfig({ kubeconfig: '~/.kube/config', context: 'prod' });
 */
export function loadKubeConfig(options: ConnectOptions): KubeConfig {
  const kc = new KubeConfig();
  try {
    if (options.kubeconfig !== undefined) kc.loadFromFile(options.kubeconfig);
    else kc.loadFromDefault();
  } catch (error) {
    throw new UsageError(`cannot load kubeconfig${options.kubeconfig !== undefined ? ` ${options.kubeconfig}` : ''}: ${describeError(error)}`, { cause: error });
  }
  // With nothing to load, the client falls back to an unauthenticated http://localhost:8080.
  if (options.kubeconfig === undefined && kc.getCurrentContext() === 'loaded-context' && kc.getCurrentCluster()?.server === 'http://localhost:8080') {
    throw new UsageError('no kubeconfig found: pass --kubeconfig, set KUBECONFIG, create ~/.kube/config, or run inside a cluster');
  }
  if (options.context !== undefined) {
    if (kc.getContextObject(options.context) === null) {
      const known = kc.getContexts().map((c) => c.name);
      throw new UsageError(`unknown context "${options.context}"; the kubeconfig has: ${known.length > 0 ? known.join(', ') : '(none)'}`);
    }
    kc.setCurrentContext(options.context);
  }
  if (kc.getCurrentCluster() === null) throw new UsageError('the kubeconfig names no cluster for the current context');
  return kc;
}

/**
 * Issues requests against the cluster of a kubeconfig's current context.
 *
 * @example
 * const client = new ApiClient(loadKubeConfig({}));
 * const groups = await client.getJson('/apis');
 */
export class ApiClient {
  readonly kubeConfig: KubeConfig;
  /** Name of the context, for `cluster://` source names. */
  readonly contextName: string;
  private readonly server: URL;
  private readonly maxSockets: number;
  private agent: { agent: https.Agent; key: string } | undefined;

  /** `maxSockets` bounds the connections kept open for reuse (set it to the list concurrency). */
  constructor(kubeConfig: KubeConfig, maxSockets = 8) {
    this.kubeConfig = kubeConfig;
    this.maxSockets = maxSockets;
    this.contextName = kubeConfig.getCurrentContext() || 'cluster';
    const cluster = kubeConfig.getCurrentCluster();
    if (cluster === null) throw new UsageError('the kubeconfig names no cluster for the current context');
    this.server = new URL(cluster.server);
  }

  /** GET `path` and parse the JSON body. */
  async getJson(path: string, init: Omit<RequestInit, 'method' | 'body'> = {}): Promise<unknown> {
    const body = await this.request(path, { ...init, method: 'GET' });
    return parseJson(body, path);
  }

  /** Sends one request and returns the body of a 2xx response; any other status is an `ApiStatusError`. */
  async request(path: string, init: RequestInit = {}): Promise<Buffer> {
    const headers: Record<string, string> = { Accept: init.accept ?? 'application/json', 'User-Agent': `rampart/${TOOL_VERSION}` };
    if (init.body !== undefined) headers['Content-Type'] = init.contentType ?? 'application/json';
    const options: https.RequestOptions = { method: init.method ?? 'GET', headers };
    // Adds the CA, client certificate, bearer token (refreshing exec and OIDC tokens) and the agent.
    await this.kubeConfig.applyToHTTPSOptions(options);
    this.reuseConnections(options);
    const url = new URL(joinPath(this.server.pathname, path), this.server);
    const timeoutMs = init.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    return new Promise<Buffer>((resolve, reject) => {
      let settled = false;
      const finish = (error: Error | undefined, value?: Buffer): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        init.signal?.removeEventListener('abort', onAbort);
        if (error) reject(error);
        else resolve(value as Buffer);
      };
      const send = url.protocol === 'http:' ? http.request : https.request;
      const request = send(url, options, (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) {
            request.destroy();
            finish(new ApiTransportError(`response to ${path} is larger than ${MAX_RESPONSE_BYTES} bytes`, 'bad-response'));
            return;
          }
          chunks.push(chunk);
        });
        response.on('error', (error) => finish(transportError(error, path)));
        // A reset mid-body closes the response without 'end' (and without 'error' on some Node versions).
        response.on('close', () => {
          if (!response.complete) finish(new ApiTransportError(`connection reset while reading ${path}`, 'connection'));
        });
        response.on('end', () => {
          if (!response.complete) {
            finish(new ApiTransportError(`connection reset while reading ${path}`, 'connection'));
            return;
          }
          const body = Buffer.concat(chunks);
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300) finish(undefined, body);
          else finish(statusError(status, body, path));
        });
      });
      const timer = setTimeout(() => {
        request.destroy();
        finish(new ApiTransportError(`no complete response to ${path} within ${timeoutMs} ms`, 'timeout'));
      }, timeoutMs);
      const onAbort = (): void => {
        request.destroy();
        finish(new ApiTransportError(`request to ${path} was cancelled`, 'aborted'));
      };
      if (init.signal?.aborted) onAbort();
      init.signal?.addEventListener('abort', onAbort, { once: true });
      request.on('error', (error) => finish(transportError(error, path)));
      request.end(init.body);
    });
  }

  /** Closes the connections kept for reuse. */
  close(): void {
    this.agent?.agent.destroy();
    this.agent = undefined;
  }

  /**
   * The kubeconfig makes a new agent per request, so every request would pay a TLS handshake.
   * Without a proxy, one keep-alive agent serves all requests with the same TLS material (an
   * exec plugin that rotates the client certificate gets a fresh agent).
   */
  private reuseConnections(options: https.RequestOptions): void {
    if (this.kubeConfig.getCurrentCluster()?.proxyUrl || this.server.protocol !== 'https:') return;
    const material = [options.ca, options.cert, options.key, options.pfx, options.passphrase, options.rejectUnauthorized, options.servername].map((v) => String(v)).join('\u0000');
    if (this.agent?.key !== material) {
      this.agent?.agent.destroy();
      this.agent = {
        key: material,
        agent: new https.Agent({
          keepAlive: true,
          maxSockets: this.maxSockets,
          ca: options.ca,
          cert: options.cert,
          key: options.key,
          pfx: options.pfx,
          passphrase: options.passphrase,
          ...(options.rejectUnauthorized !== undefined ? { rejectUnauthorized: options.rejectUnauthorized } : {}),
          ...(options.servername !== undefined ? { servername: options.servername } : {}),
        }),
      };
    }
    options.agent = this.agent.agent;
  }
}

function joinPath(base: string, path: string): string {
  return base.endsWith('/') ? base.slice(0, -1) + path : base + path;
}

function transportError(error: Error, path: string): ApiTransportError {
  const code = (error as NodeJS.ErrnoException).code;
  return new ApiTransportError(`${code ?? 'connection error'} on ${path}: ${error.message}`, 'connection', { cause: error });
}

/** Builds the error for a non-2xx answer from the Kubernetes `Status` body, when there is one. */
function statusError(status: number, body: Buffer, path: string): ApiStatusError {
  let reason: string | undefined;
  let message: string | undefined;
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null) {
      const record = parsed as Record<string, unknown>;
      if (typeof record['reason'] === 'string') reason = record['reason'];
      if (typeof record['message'] === 'string') message = record['message'];
    }
  } catch {
    // Not a Status object (a proxy's HTML page): the status code says enough.
  }
  const detail = message !== undefined ? `: ${message.slice(0, 300)}` : '';
  return new ApiStatusError(`HTTP ${status}${reason !== undefined ? ` ${reason}` : ''} on ${path}${detail}`, status, reason);
}

function parseJson(body: Buffer, path: string): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new ApiTransportError(`response to ${path} is not JSON (${describeError(error)})`, 'bad-response', { cause: error });
  }
}
