/**
 * Reading Kubernetes audit logs (audit.k8s.io/v1 Event objects, one JSON object per line) into
 * the requests each identity made, as the authorizer saw them.
 */
import { isJsonObject, type JsonObject, type JsonValue } from '../../model/types.js';
import { nonResourceRequest, resourceRequest } from './requests.js';
import type { AccessRequest } from './types.js';

/** One request from the audit log. */
export interface AuditRequest {
  readonly user: string;
  readonly groups: readonly string[];
  readonly request: AccessRequest;
  /** False when the authorizer denied it (decision `forbid`, or HTTP 403). */
  readonly allowed: boolean;
  readonly file: string;
  readonly line: number;
}

export interface AuditParseResult {
  readonly requests: AuditRequest[];
  readonly errors: Array<{ file: string; line: number; message: string }>;
}

/** Stages ordered by how much they tell; RequestReceived is used only when nothing else was logged. */
const STAGE_RANK: Readonly<Record<string, number>> = { RequestReceived: 0, ResponseStarted: 1, ResponseComplete: 2, Panic: 2 };

function text(value: JsonValue | undefined): string {
  return typeof value === 'string' ? value : '';
}

/** The identity whose permissions the request used: the impersonated user when present. */
function identityOf(event: JsonObject): { user: string; groups: string[] } | undefined {
  const who = isJsonObject(event['impersonatedUser']) ? event['impersonatedUser'] : event['user'];
  if (!isJsonObject(who) || typeof who['username'] !== 'string' || who['username'] === '') return undefined;
  const groups = Array.isArray(who['groups']) ? who['groups'].filter((g): g is string => typeof g === 'string') : [];
  return { user: who['username'], groups };
}

function isDenied(event: JsonObject): boolean {
  const annotations = isJsonObject(event['annotations']) ? event['annotations'] : {};
  if (annotations['authorization.k8s.io/decision'] === 'forbid') return true;
  const status = isJsonObject(event['responseStatus']) ? event['responseStatus'] : {};
  return status['code'] === 403;
}

/**
 * The request the authorizer evaluated. A plain `create` carries no name for the authorizer
 * (the audit log fills objectRef.name from the created object afterwards), so it is dropped.
 */
function requestOf(event: JsonObject): AccessRequest | string {
  const verb = text(event['verb']);
  if (verb === '') return 'event has no verb';
  const ref = event['objectRef'];
  if (!isJsonObject(ref)) {
    const uri = text(event['requestURI']);
    if (!uri.startsWith('/')) return 'event has neither objectRef nor a requestURI path';
    return nonResourceRequest(verb, uri.split('?')[0] ?? uri);
  }
  const resource = text(ref['resource']);
  if (resource === '') return 'objectRef has no resource';
  const subresource = text(ref['subresource']);
  const name = verb === 'create' && subresource === '' ? '' : text(ref['name']);
  return resourceRequest({ verb, apiGroup: text(ref['apiGroup']), resource, subresource, name, namespace: text(ref['namespace']) });
}

/**
 * Parses an audit log. Malformed lines and events that are not audit Events are reported with
 * their line and skipped; requests logged at several stages count once.
 *
 * @example
 * const { requests, errors } = parseAuditLog(readFileSync('audit.jsonl', 'utf8'), 'audit.jsonl');
 */
export function parseAuditLog(content: string, file: string): AuditParseResult {
  const errors: Array<{ file: string; line: number; message: string }> = [];
  const byId = new Map<string, { rank: number; request: AuditRequest }>();
  const anonymous: AuditRequest[] = [];
  content.split('\n').forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '') return;
    let event: unknown;
    try {
      event = JSON.parse(trimmed);
    } catch (error) {
      errors.push({ file, line, message: `not valid JSON (${error instanceof Error ? error.message : String(error)})` });
      return;
    }
    if (!isJsonObject(event) || event['kind'] !== 'Event' || !text(event['apiVersion']).startsWith('audit.k8s.io/')) {
      errors.push({ file, line, message: 'not an audit.k8s.io Event' });
      return;
    }
    const identity = identityOf(event);
    if (!identity) {
      errors.push({ file, line, message: 'event has no user.username' });
      return;
    }
    const request = requestOf(event);
    if (typeof request === 'string') {
      errors.push({ file, line, message: request });
      return;
    }
    const entry: AuditRequest = { ...identity, request, allowed: !isDenied(event), file, line };
    const id = text(event['auditID']);
    const rank = STAGE_RANK[text(event['stage'])] ?? 2;
    if (id === '') anonymous.push(entry);
    else if ((byId.get(id)?.rank ?? -1) < rank) byId.set(id, { rank, request: entry });
  });
  const requests = [...anonymous, ...[...byId.values()].map((v) => v.request)].sort((a, b) => a.line - b.line);
  return { requests, errors };
}
