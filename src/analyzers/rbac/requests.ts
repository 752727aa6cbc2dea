/** Building access requests from the forms users write: `pods`, `deployments.apps`, `pods/exec`. */
import { UsageError } from '../../errors.js';
import type { AccessRequest, NonResourceRequest, ResourceRequest } from './types.js';

/**
 * A resource request with defaults for the fields not given (core group, no subresource, no
 * name, cluster-wide).
 *
 * @example
 * resourceRequest({ verb: 'get', resource: 'secrets', namespace: 'shop' });
 */
export function resourceRequest(fields: Partial<Omit<ResourceRequest, 'kind'>> & { verb: string; resource: string }): ResourceRequest {
  return { kind: 'resource', apiGroup: '', subresource: '', name: '', namespace: '', ...fields };
}

/**
 * A non-resource request (`GET /healthz`).
 *
 * @example
 * nonResourceRequest('get', '/metrics');
 */
export function nonResourceRequest(verb: string, path: string): NonResourceRequest {
  return { kind: 'nonResource', verb, path };
}

/**
 * Parses RESOURCE as kubectl writes it: `pods`, `deployments.apps`, `pods/exec`,
 * `certificatesigningrequests.certificates.k8s.io/approval`. The group is everything after the
 * first dot; the subresource everything after the first slash.
 *
 * @example
 * parseResourceArgument('deployments.apps/scale'); // { resource: 'deployments', apiGroup: 'apps', subresource: 'scale' }
 */
export function parseResourceArgument(text: string): { resource: string; apiGroup: string; subresource: string } {
  const slash = text.indexOf('/');
  const head = slash < 0 ? text : text.slice(0, slash);
  const subresource = slash < 0 ? '' : text.slice(slash + 1);
  const dot = head.indexOf('.');
  const resource = dot < 0 ? head : head.slice(0, dot);
  const apiGroup = dot < 0 ? '' : head.slice(dot + 1);
  if (resource === '' || subresource.includes('/')) throw new UsageError(`invalid resource "${text}": expected RESOURCE[.GROUP][/SUBRESOURCE]`);
  return { resource, apiGroup, subresource };
}

/**
 * `get pods/exec "web" in shop` — a one-line description of a request.
 *
 * @example
 * describeRequest(resourceRequest({ verb: 'get', resource: 'pods', namespace: 'shop' })); // 'get pods in namespace shop'
 */
export function describeRequest(request: AccessRequest): string {
  if (request.kind === 'nonResource') return `${request.verb} ${request.path}`;
  const group = request.apiGroup === '' ? '' : `.${request.apiGroup}`;
  const sub = request.subresource === '' ? '' : `/${request.subresource}`;
  const name = request.name === '' ? '' : ` "${request.name}"`;
  const where = request.namespace === '' ? ' cluster-wide' : ` in namespace ${request.namespace}`;
  return `${request.verb} ${request.resource}${group}${sub}${name}${where}`;
}
