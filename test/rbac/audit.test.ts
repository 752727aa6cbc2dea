import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseAuditLog, type AuditRequest } from '../../src/analyzers/rbac/audit.js';
import { generateFromAudit, unusedGrants, auditIdentity } from '../../src/analyzers/rbac/generate.js';
import { identityOf } from '../../src/analyzers/rbac/subjects.js';
import { nonResourceRequest, resourceRequest } from '../../src/analyzers/rbac/requests.js';
import type { AccessRequest } from '../../src/analyzers/rbac/types.js';
import type { JsonObject } from '../../src/model/types.js';
import { clusterRole, clusterRoleBinding, model, resource } from './factory.js';

interface EventSpec {
  user: string;
  verb: string;
  namespace?: string;
  apiGroup?: string;
  resource?: string;
  subresource?: string;
  name?: string;
  uri?: string;
  denied?: boolean;
  stage?: string;
  id?: string;
}

function event(spec: EventSpec): string {
  const e: JsonObject = {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: 'Metadata',
    auditID: spec.id ?? Math.random().toString(36).slice(2),
    stage: spec.stage ?? 'ResponseComplete',
    verb: spec.verb,
    user: { username: spec.user, groups: ['system:authenticated'] },
    requestURI: spec.uri ?? '/api/v1/x',
    responseStatus: { code: spec.denied ? 403 : 200 },
    annotations: { 'authorization.k8s.io/decision': spec.denied ? 'forbid' : 'allow' },
  };
  if (spec.resource !== undefined) {
    const ref: JsonObject = { resource: spec.resource, apiVersion: 'v1' };
    if (spec.namespace) ref['namespace'] = spec.namespace;
    if (spec.apiGroup) ref['apiGroup'] = spec.apiGroup;
    if (spec.subresource) ref['subresource'] = spec.subresource;
    if (spec.name) ref['name'] = spec.name;
    e['objectRef'] = ref;
  }
  return JSON.stringify(e);
}

function modelOf(manifests: JsonObject[]) {
  return model(manifests.map((m, i) => resource(m, i)));
}

describe('parseAuditLog', () => {
  it('reads resource, subresource and non-resource requests; reports bad lines and goes on', () => {
    const log = [
      event({ user: 'alice', verb: 'get', resource: 'pods', namespace: 'shop', name: 'web', id: 'a', stage: 'RequestReceived' }),
      event({ user: 'alice', verb: 'get', resource: 'pods', namespace: 'shop', name: 'web', id: 'a' }),
      '{not json',
      JSON.stringify({ kind: 'Pod' }),
      event({ user: 'alice', verb: 'create', resource: 'pods', subresource: 'exec', namespace: 'shop', name: 'web' }),
      '',
      event({ user: 'alice', verb: 'get', uri: '/metrics?x=1' }),
      event({ user: 'alice', verb: 'list', resource: 'secrets', namespace: 'shop', denied: true }),
    ].join('\n');
    const { requests, errors } = parseAuditLog(log, 'audit.jsonl');
    expect(errors).toEqual([
      { file: 'audit.jsonl', line: 3, message: expect.stringMatching(/^not valid JSON/) },
      { file: 'audit.jsonl', line: 4, message: 'not an audit.k8s.io Event' },
    ]);
    expect(requests.map((r) => [r.line, r.allowed, r.request])).toEqual([
      [2, true, resourceRequest({ verb: 'get', resource: 'pods', namespace: 'shop', name: 'web' })],
      [5, true, resourceRequest({ verb: 'create', resource: 'pods', subresource: 'exec', namespace: 'shop', name: 'web' })],
      [7, true, nonResourceRequest('get', '/metrics')],
      [8, false, resourceRequest({ verb: 'list', resource: 'secrets', namespace: 'shop' })],
    ]);
  });

  it('drops the name of a plain create, which the authorizer never sees', () => {
    const { requests } = parseAuditLog(event({ user: 'u', verb: 'create', resource: 'configmaps', namespace: 'a', name: 'cm' }), 'f');
    expect(requests[0]?.request).toEqual(resourceRequest({ verb: 'create', resource: 'configmaps', namespace: 'a' }));
  });
});

describe('generateFromAudit', () => {
  const log = [
    event({ user: 'alice', verb: 'get', resource: 'pods', namespace: 'shop', name: 'web' }),
    event({ user: 'alice', verb: 'create', resource: 'pods', subresource: 'exec', namespace: 'shop', name: 'web' }),
    event({ user: 'alice', verb: 'list', resource: 'deployments', apiGroup: 'apps', namespace: 'shop' }),
    event({ user: 'alice', verb: 'get', uri: '/healthz' }),
    event({ user: 'alice', verb: 'delete', resource: 'secrets', namespace: 'shop', name: 'db', denied: true }),
    event({ user: 'system:serviceaccount:shop:cart', verb: 'list', resource: 'nodes' }),
  ].join('\n');
  const { requests } = parseAuditLog(log, 'audit.jsonl');
  const policy = generateFromAudit(requests);
  const m = modelOf(policy.manifests);
  const alice = identityOf('alice');

  it('grants what was allowed, exactly', () => {
    expect(m.can(alice, resourceRequest({ verb: 'get', resource: 'pods', namespace: 'shop', name: 'web' })).allowed).toBe(true);
    expect(m.can(alice, resourceRequest({ verb: 'create', resource: 'pods', subresource: 'exec', namespace: 'shop', name: 'web' })).allowed).toBe(true);
    expect(m.can(alice, resourceRequest({ verb: 'list', apiGroup: 'apps', resource: 'deployments', namespace: 'shop' })).allowed).toBe(true);
    expect(m.can(alice, nonResourceRequest('get', '/healthz')).allowed).toBe(true);
    expect(m.can(identityOf('system:serviceaccount:shop:cart'), resourceRequest({ verb: 'list', resource: 'nodes' })).allowed).toBe(true);
  });

  it('grants nothing more: other names, subresources, namespaces, URLs, denied requests', () => {
    expect(m.can(alice, resourceRequest({ verb: 'get', resource: 'pods', namespace: 'shop', name: 'db' })).allowed).toBe(false);
    expect(m.can(alice, resourceRequest({ verb: 'get', resource: 'pods', subresource: 'log', namespace: 'shop', name: 'web' })).allowed).toBe(false);
    expect(m.can(alice, resourceRequest({ verb: 'get', resource: 'pods', namespace: 'other', name: 'web' })).allowed).toBe(false);
    expect(m.can(alice, nonResourceRequest('get', '/healthz/etcd')).allowed).toBe(false);
    expect(m.can(alice, resourceRequest({ verb: 'delete', resource: 'secrets', namespace: 'shop', name: 'db' })).allowed).toBe(false);
    expect(policy.denied.map((d) => d.line)).toEqual([5]);
  });

  it('writes Roles with resourceNames and ServiceAccount subjects', () => {
    const role = policy.manifests.find((x) => x['kind'] === 'Role');
    expect(role).toMatchObject({ metadata: { name: 'rampart:least-privilege:alice', namespace: 'shop' } });
    expect(role?.['rules']).toContainEqual({ apiGroups: [''], resources: ['pods'], verbs: ['get'], resourceNames: ['web'] });
    const crb = policy.manifests.find((x) => x['kind'] === 'ClusterRoleBinding' && JSON.stringify(x).includes('cart'));
    expect(crb?.['subjects']).toEqual([{ kind: 'ServiceAccount', name: 'cart', namespace: 'shop' }]);
    expect(policy.identities).toEqual([
      { user: 'alice', allowed: 4, denied: 1 },
      { user: 'system:serviceaccount:shop:cart', allowed: 1, denied: 0 },
    ]);
  });

  it('lists permissions held today and never used', () => {
    const today = model([
      clusterRole('wide', [
        { verbs: ['get'], apiGroups: [''], resources: ['pods'] },
        { verbs: ['delete'], apiGroups: [''], resources: ['namespaces'] },
      ]),
      clusterRoleBinding('wide', 'wide', [{ kind: 'User', name: 'alice' }]),
    ]);
    const unused = unusedGrants(today, auditIdentity(requests, 'alice'), requests);
    expect(unused.map((g) => g.rule.resources)).toEqual([['namespaces']]);
  });

  it('refuses to grant a URL ending in * (it would become a prefix)', () => {
    const r = parseAuditLog(event({ user: 'u', verb: 'get', uri: '/weird*' }), 'f').requests;
    const p = generateFromAudit(r);
    expect(p.manifests).toEqual([]);
    expect(p.ungrantable[0]?.message).toMatch(/prefix/);
  });
});

describe('property: generated roles grant every observed allowed request and nothing beyond the documented generalisation', () => {
  const users = ['alice', 'bob', 'system:serviceaccount:ns1:app'];
  const verbs = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];
  const namespaces = ['', 'ns1', 'ns2'];
  const groups = ['', 'apps'];
  const resources = ['pods', 'secrets', 'deployments'];
  const subresources = ['', 'log', 'exec'];
  const names = ['', 'a', 'b'];
  const paths = ['/healthz', '/healthz/etcd', '/metrics', '/api'];

  const resourceSpec = fc.record({
    user: fc.constantFrom(...users),
    verb: fc.constantFrom(...verbs),
    namespace: fc.constantFrom(...namespaces),
    apiGroup: fc.constantFrom(...groups),
    resource: fc.constantFrom(...resources),
    subresource: fc.constantFrom(...subresources),
    name: fc.constantFrom(...names),
    denied: fc.boolean(),
  });
  const urlSpec = fc.record({ user: fc.constantFrom(...users), verb: fc.constantFrom('get', 'post'), uri: fc.constantFrom(...paths), denied: fc.boolean() });
  const spec = fc.oneof(resourceSpec, urlSpec);

  const query = fc.oneof(
    fc.record({ user: fc.constantFrom(...users), r: fc.record({ verb: fc.constantFrom(...verbs), namespace: fc.constantFrom(...namespaces), apiGroup: fc.constantFrom(...groups), resource: fc.constantFrom(...resources), subresource: fc.constantFrom(...subresources), name: fc.constantFrom(...names) }).map((r) => resourceRequest(r) as AccessRequest) }),
    fc.record({ user: fc.constantFrom(...users), r: fc.record({ verb: fc.constantFrom('get', 'post'), path: fc.constantFrom(...paths) }).map((r) => nonResourceRequest(r.verb, r.path) as AccessRequest) }),
  );

  /** The documented generalisation: same verb and resource; nameless observed → any name; cluster-wide observed → any namespace. */
  function covered(observed: readonly AuditRequest[], user: string, q: AccessRequest): boolean {
    return observed.some((o) => {
      if (!o.allowed || o.user !== user || o.request.verb !== q.verb) return false;
      const r = o.request;
      if (r.kind === 'nonResource' || q.kind === 'nonResource') return r.kind === q.kind && r.kind === 'nonResource' && q.kind === 'nonResource' && r.path === q.path;
      return r.apiGroup === q.apiGroup && r.resource === q.resource && r.subresource === q.subresource &&
        (r.namespace === '' || r.namespace === q.namespace) && (r.name === '' || r.name === q.name);
    });
  }

  it('holds', () => {
    fc.assert(
      fc.property(fc.array(spec, { maxLength: 25 }), fc.array(query, { maxLength: 30 }), (specs, queries) => {
        const log = specs.map((s) => event(s as EventSpec)).join('\n');
        const { requests, errors } = parseAuditLog(log, 'audit.jsonl');
        expect(errors).toEqual([]);
        const m = modelOf(generateFromAudit(requests).manifests);
        for (const r of requests) if (r.allowed) expect(m.can(identityOf(r.user), r.request).allowed).toBe(true);
        for (const { user, r } of queries) {
          if (m.can(identityOf(user), r).allowed) expect(covered(requests, user, r)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
