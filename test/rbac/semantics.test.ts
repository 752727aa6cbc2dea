/**
 * Table tests written from the Kubernetes RBAC documentation
 * (https://kubernetes.io/docs/reference/access-authn-authz/rbac/) and the authorizer source.
 */
import { describe, expect, it } from 'vitest';
import { ruleAllows } from '../../src/analyzers/rbac/match.js';
import { nonResourceRequest, parseResourceArgument, resourceRequest } from '../../src/analyzers/rbac/requests.js';
import { identityOf, parseSubject } from '../../src/analyzers/rbac/subjects.js';
import type { AccessRequest, PolicyRule } from '../../src/analyzers/rbac/types.js';
import { clusterRole, clusterRoleBinding, group, model, resource, role, roleBinding, sa, user } from './factory.js';

function rule(fields: Partial<PolicyRule>): PolicyRule {
  return { verbs: [], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [], ...fields };
}

const pods = (verb: string, extra: Partial<Parameters<typeof resourceRequest>[0]> = {}): AccessRequest =>
  resourceRequest({ verb, resource: 'pods', namespace: 'ns', ...extra });

describe('rule matching (evaluation_helpers.go)', () => {
  const cases: Array<[string, PolicyRule, AccessRequest, boolean]> = [
    ['exact verb', rule({ verbs: ['get'], apiGroups: [''], resources: ['pods'] }), pods('get'), true],
    ['other verb', rule({ verbs: ['get'], apiGroups: [''], resources: ['pods'] }), pods('list'), false],
    ['verb * matches every verb', rule({ verbs: ['*'], apiGroups: [''], resources: ['pods'] }), pods('deletecollection'), true],
    ['verbs are not case-folded', rule({ verbs: ['Get'], apiGroups: [''], resources: ['pods'] }), pods('get'), false],
    ['resources are not case-folded', rule({ verbs: ['get'], apiGroups: [''], resources: ['Pods'] }), pods('get'), false],
    ['core group "" only', rule({ verbs: ['get'], apiGroups: ['apps'], resources: ['pods'] }), pods('get'), false],
    ['apiGroup * matches any group', rule({ verbs: ['get'], apiGroups: ['*'], resources: ['deployments'] }), resourceRequest({ verb: 'get', apiGroup: 'apps', resource: 'deployments' }), true],
    ['resource * matches any resource', rule({ verbs: ['get'], apiGroups: [''], resources: ['*'] }), pods('get'), true],
    ['resource * matches subresources', rule({ verbs: ['create'], apiGroups: [''], resources: ['*'] }), pods('create', { subresource: 'exec', name: 'web' }), true],
    ['pods does not match pods/exec', rule({ verbs: ['create'], apiGroups: [''], resources: ['pods'] }), pods('create', { subresource: 'exec', name: 'web' }), false],
    ['pods/exec matches exactly', rule({ verbs: ['create'], apiGroups: [''], resources: ['pods/exec'] }), pods('create', { subresource: 'exec', name: 'web' }), true],
    ['pods/exec does not match pods', rule({ verbs: ['get'], apiGroups: [''], resources: ['pods/exec'] }), pods('get', { name: 'web' }), false],
    ['*/scale matches deployments/scale', rule({ verbs: ['update'], apiGroups: ['apps'], resources: ['*/scale'] }), resourceRequest({ verb: 'update', apiGroup: 'apps', resource: 'deployments', subresource: 'scale', name: 'x', namespace: 'ns' }), true],
    ['*/scale does not match deployments', rule({ verbs: ['update'], apiGroups: ['apps'], resources: ['*/scale'] }), resourceRequest({ verb: 'update', apiGroup: 'apps', resource: 'deployments', name: 'x' }), false],
    ['*/scale does not match */status', rule({ verbs: ['update'], apiGroups: ['apps'], resources: ['*/scale'] }), resourceRequest({ verb: 'update', apiGroup: 'apps', resource: 'deployments', subresource: 'status' }), false],
    ['pods/* is not a wildcard', rule({ verbs: ['create'], apiGroups: [''], resources: ['pods/*'] }), pods('create', { subresource: 'exec' }), false],
    ['resourceNames restrict get', rule({ verbs: ['get'], apiGroups: [''], resources: ['pods'], resourceNames: ['web'] }), pods('get', { name: 'web' }), true],
    ['resourceNames exclude other names', rule({ verbs: ['get'], apiGroups: [''], resources: ['pods'], resourceNames: ['web'] }), pods('get', { name: 'db' }), false],
    ['resourceNames never allow list (no name)', rule({ verbs: ['list'], apiGroups: [''], resources: ['pods'], resourceNames: ['web'] }), pods('list'), false],
    ['resourceNames never allow watch (no name)', rule({ verbs: ['watch'], apiGroups: [''], resources: ['pods'], resourceNames: ['web'] }), pods('watch'), false],
    ['resourceNames never allow create (no name)', rule({ verbs: ['create'], apiGroups: [''], resources: ['pods'], resourceNames: ['web'] }), pods('create'), false],
    ['resourceNames allow list with a metadata.name field selector', rule({ verbs: ['list'], apiGroups: [''], resources: ['pods'], resourceNames: ['web'] }), pods('list', { name: 'web' }), true],
    ['no resourceNames allows list', rule({ verbs: ['list'], apiGroups: [''], resources: ['pods'] }), pods('list'), true],
    ['nonResourceURL exact', rule({ verbs: ['get'], nonResourceURLs: ['/healthz'] }), nonResourceRequest('get', '/healthz'), true],
    ['nonResourceURL exact does not prefix', rule({ verbs: ['get'], nonResourceURLs: ['/healthz'] }), nonResourceRequest('get', '/healthz/etcd'), false],
    ['nonResourceURL trailing * is a prefix', rule({ verbs: ['get'], nonResourceURLs: ['/healthz/*'] }), nonResourceRequest('get', '/healthz/etcd'), true],
    ['nonResourceURL prefix is textual', rule({ verbs: ['get'], nonResourceURLs: ['/health*'] }), nonResourceRequest('get', '/healthz'), true],
    ['nonResourceURL /healthz/* does not match /healthz', rule({ verbs: ['get'], nonResourceURLs: ['/healthz/*'] }), nonResourceRequest('get', '/healthz'), false],
    ['nonResourceURL * matches all', rule({ verbs: ['get'], nonResourceURLs: ['*'] }), nonResourceRequest('get', '/metrics'), true],
    ['nonResourceURL verb must match', rule({ verbs: ['get'], nonResourceURLs: ['*'] }), nonResourceRequest('post', '/metrics'), false],
    ['resource rule never allows a URL', rule({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }), nonResourceRequest('get', '/metrics'), false],
    ['URL rule never allows a resource', rule({ verbs: ['*'], nonResourceURLs: ['*'] }), pods('get'), false],
  ];
  it.each(cases)('%s', (_name, r, request, expected) => {
    expect(ruleAllows(r, request)).toBe(expected);
  });
});

describe('bindings and scoping', () => {
  const podReader = clusterRole('pod-reader', [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] }]);
  const m = model([
    podReader,
    role('dev', 'secret-reader', [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'] }]),
    roleBinding('dev', 'read-secrets', { kind: 'Role', name: 'secret-reader' }, [user('alice')]),
    roleBinding('dev', 'read-pods', { kind: 'ClusterRole', name: 'pod-reader' }, [user('bob')]),
    clusterRoleBinding('read-pods-global', 'pod-reader', [group('auditors')]),
    roleBinding('dev', 'missing-role', { kind: 'Role', name: 'nope' }, [user('carol')]),
    clusterRoleBinding('missing-cluster-role', 'nope', [user('carol')]),
    roleBinding('other', 'wrong-ns', { kind: 'Role', name: 'secret-reader' }, [user('dave')]),
    roleBinding('dev', 'sa-default-ns', { kind: 'ClusterRole', name: 'pod-reader' }, [sa(undefined, 'builder')]),
    clusterRoleBinding('sa-without-ns', 'pod-reader', [sa(undefined, 'ghost')]),
    resource({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'crb-to-role' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'secret-reader' }, subjects: [{ kind: 'User', name: 'erin' }] }),
  ]);
  const cases: Array<[string, string, AccessRequest, boolean]> = [
    ['Role through RoleBinding in its namespace', 'user:alice', resourceRequest({ verb: 'get', resource: 'secrets', namespace: 'dev', name: 's' }), true],
    ['Role grants nothing in another namespace', 'user:alice', resourceRequest({ verb: 'get', resource: 'secrets', namespace: 'prod', name: 's' }), false],
    ['Role grants nothing cluster-wide', 'user:alice', resourceRequest({ verb: 'get', resource: 'secrets', name: 's' }), false],
    ['RoleBinding to ClusterRole is scoped to the binding namespace', 'user:bob', resourceRequest({ verb: 'list', resource: 'pods', namespace: 'dev' }), true],
    ['RoleBinding to ClusterRole grants nothing elsewhere', 'user:bob', resourceRequest({ verb: 'list', resource: 'pods', namespace: 'prod' }), false],
    ['RoleBinding to ClusterRole grants nothing cluster-wide', 'user:bob', resourceRequest({ verb: 'list', resource: 'pods' }), false],
    ['ClusterRoleBinding grants in every namespace', 'group:auditors', resourceRequest({ verb: 'list', resource: 'pods', namespace: 'prod' }), true],
    ['ClusterRoleBinding grants cluster-wide', 'group:auditors', resourceRequest({ verb: 'list', resource: 'pods' }), true],
    ['binding to a missing Role grants nothing', 'user:carol', resourceRequest({ verb: 'get', resource: 'secrets', namespace: 'dev', name: 's' }), false],
    ['RoleBinding cannot reach a Role of another namespace', 'user:dave', resourceRequest({ verb: 'get', resource: 'secrets', namespace: 'other', name: 's' }), false],
    ['ServiceAccount subject without namespace takes the binding namespace', 'sa:dev:builder', resourceRequest({ verb: 'get', resource: 'pods', namespace: 'dev', name: 'p' }), true],
    ['ServiceAccount subject is also the user system:serviceaccount:NS:NAME', 'user:system:serviceaccount:dev:builder', resourceRequest({ verb: 'get', resource: 'pods', namespace: 'dev', name: 'p' }), true],
    ['ServiceAccount subject without namespace in a ClusterRoleBinding matches nobody', 'sa:default:ghost', resourceRequest({ verb: 'get', resource: 'pods', namespace: 'default', name: 'p' }), false],
    ['a ClusterRoleBinding cannot bind a Role', 'user:erin', resourceRequest({ verb: 'get', resource: 'secrets', namespace: 'dev', name: 's' }), false],
    ['user names are exact', 'user:Alice', resourceRequest({ verb: 'get', resource: 'secrets', namespace: 'dev', name: 's' }), false],
  ];
  it.each(cases)('%s', (_name, subject, request, expected) => {
    expect(m.can(parseSubject(subject), request).allowed).toBe(expected);
  });

  it('reports bindings to missing roles with file and line', () => {
    const messages = m.problems.map((p) => `${p.file}:${p.line}: ${p.message}`);
    expect(messages).toContainEqual(expect.stringMatching(/^test\.yaml:\d+: RoleBinding dev\/missing-role refers to missing Role "nope"/));
    expect(messages).toContainEqual(expect.stringMatching(/ClusterRoleBinding missing-cluster-role refers to missing ClusterRole "nope"/));
    expect(messages).toContainEqual(expect.stringMatching(/RoleBinding other\/wrong-ns refers to missing Role "secret-reader" in namespace other/));
    expect(messages).toContainEqual(expect.stringMatching(/ClusterRoleBinding crb-to-role refers to Role "secret-reader", which a ClusterRoleBinding cannot bind/));
  });

  it('names the granting binding and rule', () => {
    const d = m.can(parseSubject('user:bob'), resourceRequest({ verb: 'get', resource: 'pods', namespace: 'dev', name: 'p' }));
    expect(d.grants.map((g) => [g.binding.id, g.role.name, g.ruleIndex])).toEqual([['RoleBinding/dev/read-pods', 'pod-reader', 0]]);
  });
});

describe('implicit groups', () => {
  const m = model([
    clusterRole('r', [{ verbs: ['get'], apiGroups: [''], resources: ['configmaps'] }]),
    clusterRoleBinding('authn', 'r', [group('system:authenticated')]),
    clusterRole('anon', [{ verbs: ['get'], nonResourceURLs: ['/anon'] }]),
    clusterRoleBinding('unauthn', 'anon', [group('system:unauthenticated')]),
    clusterRole('sa-all', [{ verbs: ['list'], apiGroups: [''], resources: ['services'] }]),
    clusterRoleBinding('all-sas', 'sa-all', [group('system:serviceaccounts')]),
    clusterRole('sa-ns', [{ verbs: ['list'], apiGroups: [''], resources: ['endpoints'] }]),
    roleBinding('shop', 'shop-sas', { kind: 'ClusterRole', name: 'sa-ns' }, [group('system:serviceaccounts:shop')]),
  ]);
  const cm = resourceRequest({ verb: 'get', resource: 'configmaps', namespace: 'x', name: 'c' });
  const cases: Array<[string, string, AccessRequest, boolean]> = [
    ['every user is system:authenticated', 'user:alice', cm, true],
    ['every ServiceAccount is system:authenticated', 'sa:shop:cart', cm, true],
    ['system:anonymous is not authenticated', 'user:system:anonymous', cm, false],
    ['system:anonymous is system:unauthenticated', 'user:system:anonymous', nonResourceRequest('get', '/anon'), true],
    ['users are not system:unauthenticated', 'user:alice', nonResourceRequest('get', '/anon'), false],
    ['ServiceAccounts are in system:serviceaccounts', 'sa:shop:cart', resourceRequest({ verb: 'list', resource: 'services' }), true],
    ['users are not in system:serviceaccounts', 'user:alice', resourceRequest({ verb: 'list', resource: 'services' }), false],
    ['ServiceAccounts are in system:serviceaccounts:NS', 'sa:shop:cart', resourceRequest({ verb: 'list', resource: 'endpoints', namespace: 'shop' }), true],
    ['other namespaces ServiceAccounts are not', 'sa:web:cart', resourceRequest({ verb: 'list', resource: 'endpoints', namespace: 'shop' }), false],
  ];
  it.each(cases)('%s', (_name, subject, request, expected) => {
    expect(m.can(parseSubject(subject), request).allowed).toBe(expected);
  });

  it('adds --group groups to a user', () => {
    const m2 = model([
      clusterRole('r', [{ verbs: ['get'], apiGroups: [''], resources: ['nodes'] }]),
      clusterRoleBinding('ops', 'r', [group('ops')]),
    ]);
    const request = resourceRequest({ verb: 'get', resource: 'nodes', name: 'n1' });
    expect(m2.can(identityOf('alice'), request).allowed).toBe(false);
    expect(m2.can(parseSubject('user:alice', ['ops']), request).allowed).toBe(true);
  });
});

describe('ClusterRole aggregation', () => {
  const label = { 'rbac.example.com/aggregate-to-monitoring': 'true' };
  const m = model([
    clusterRole('monitoring', [{ verbs: ['delete'], apiGroups: [''], resources: ['pods'] }], { aggregate: [label] }),
    clusterRole('monitoring-endpoints', [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['endpoints'] }], { labels: label }),
    clusterRole('monitoring-services', [{ verbs: ['get'], apiGroups: [''], resources: ['services'] }], { labels: label }),
    clusterRole('unrelated', [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'] }]),
    clusterRole('outer', [], { aggregate: [{ tier: 'outer' }] }),
    clusterRole('middle', [], { aggregate: [{ tier: 'inner' }], labels: { tier: 'outer' } }),
    clusterRole('inner', [{ verbs: ['get'], apiGroups: [''], resources: ['configmaps'] }], { labels: { tier: 'inner' } }),
    clusterRole('empty-aggregate', [], { aggregate: [{ nothing: 'matches' }] }),
    clusterRoleBinding('mon', 'monitoring', [user('mon')]),
    clusterRoleBinding('outer', 'outer', [user('o')]),
  ]);
  const cases: Array<[string, string, AccessRequest, boolean]> = [
    ['aggregated rules from the first selected role', 'user:mon', resourceRequest({ verb: 'list', resource: 'endpoints', namespace: 'a' }), true],
    ['aggregated rules from the second selected role', 'user:mon', resourceRequest({ verb: 'get', resource: 'services', namespace: 'a', name: 's' }), true],
    ['stale stored rules of an aggregated role are ignored', 'user:mon', resourceRequest({ verb: 'delete', resource: 'pods', namespace: 'a', name: 'p' }), false],
    ['unselected roles are not aggregated', 'user:mon', resourceRequest({ verb: 'get', resource: 'secrets', namespace: 'a', name: 's' }), false],
    ['aggregation is transitive through aggregated roles', 'user:o', resourceRequest({ verb: 'get', resource: 'configmaps', namespace: 'a', name: 'c' }), true],
  ];
  it.each(cases)('%s', (_name, subject, request, expected) => {
    expect(m.can(parseSubject(subject), request).allowed).toBe(expected);
  });

  it('reports an aggregated role whose selectors select no rules', () => {
    expect(m.problems.map((p) => p.message)).toContainEqual(expect.stringContaining('ClusterRole empty-aggregate has no rules (its aggregationRule selects no rules)'));
  });

  it('aggregates input roles into the default edit/view roles', () => {
    const m2 = model(
      [
        clusterRole('crontabs-view', [{ verbs: ['get', 'list'], apiGroups: ['stable.example.com'], resources: ['crontabs'] }], { labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } }),
        roleBinding('team', 'admins', { kind: 'ClusterRole', name: 'admin' }, [user('lead')]),
      ],
      true,
    );
    const request = resourceRequest({ verb: 'list', apiGroup: 'stable.example.com', resource: 'crontabs', namespace: 'team' });
    expect(m2.can(parseSubject('user:lead'), request).allowed).toBe(true);
    expect(m2.can(parseSubject('user:lead'), resourceRequest({ verb: 'create', resource: 'rolebindings', apiGroup: 'rbac.authorization.k8s.io', namespace: 'team' })).allowed).toBe(true);
  });
});

describe('default roles', () => {
  it('system:masters is cluster-admin through the default binding', () => {
    const m = model([], true);
    expect(m.can(parseSubject('group:system:masters'), resourceRequest({ verb: 'delete', resource: 'nodes', name: 'n' })).allowed).toBe(true);
    expect(m.can(parseSubject('user:alice'), nonResourceRequest('get', '/version')).allowed).toBe(true);
    expect(m.can(parseSubject('user:system:anonymous'), nonResourceRequest('get', '/healthz')).allowed).toBe(true);
    expect(m.can(parseSubject('user:system:anonymous'), nonResourceRequest('get', '/api')).allowed).toBe(false);
  });

  it('input objects override defaults of the same name', () => {
    const m = model([clusterRole('view', [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }]), clusterRoleBinding('v', 'view', [user('u')])], true);
    expect(m.can(parseSubject('user:u'), resourceRequest({ verb: 'list', resource: 'configmaps', namespace: 'a' })).allowed).toBe(false);
  });

  it('are absent without defaults', () => {
    expect(model([]).can(parseSubject('group:system:masters'), resourceRequest({ verb: 'get', resource: 'pods', namespace: 'a', name: 'p' })).allowed).toBe(false);
  });
});

describe('who-can', () => {
  it('lists every subject with its grants, across ClusterRoleBindings and RoleBindings of the namespace', () => {
    const m = model([
      clusterRole('exec', [{ verbs: ['create'], apiGroups: [''], resources: ['pods/exec'] }]),
      clusterRole('wild', [{ verbs: ['create'], apiGroups: [''], resources: ['*'] }]),
      roleBinding('shop', 'exec-shop', { kind: 'ClusterRole', name: 'exec' }, [user('alice'), sa(undefined, 'ci')]),
      roleBinding('web', 'exec-web', { kind: 'ClusterRole', name: 'exec' }, [user('bob')]),
      clusterRoleBinding('wild', 'wild', [group('ops')]),
    ]);
    const result = m.whoCan(resourceRequest({ verb: 'create', resource: 'pods', subresource: 'exec', namespace: 'shop', name: 'x' }));
    expect(result.map((r) => [r.subject, r.grants.map((g) => g.binding.id)])).toEqual([
      ['group:ops', ['ClusterRoleBinding/wild']],
      ['user:alice', ['RoleBinding/shop/exec-shop']],
      ['user:system:serviceaccount:shop:ci', ['RoleBinding/shop/exec-shop']],
    ]);
  });
});

describe('parseResourceArgument', () => {
  it.each([
    ['pods', { resource: 'pods', apiGroup: '', subresource: '' }],
    ['deployments.apps', { resource: 'deployments', apiGroup: 'apps', subresource: '' }],
    ['pods/exec', { resource: 'pods', apiGroup: '', subresource: 'exec' }],
    ['certificatesigningrequests.certificates.k8s.io/approval', { resource: 'certificatesigningrequests', apiGroup: 'certificates.k8s.io', subresource: 'approval' }],
  ])('%s', (text, expected) => expect(parseResourceArgument(text)).toEqual(expected));
  it('rejects nonsense', () => expect(() => parseResourceArgument('/x')).toThrow(/invalid resource/));
});
