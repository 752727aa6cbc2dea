/**
 * Whole files through the planner: multi-document files and Lists, templated files refused,
 * broken files refused, suppressions respected, edits that fail the read-back proof reported,
 * and the full fix of a realistic manifest preserving every comment and staying idempotent.
 */
import { describe, expect, it } from 'vitest';
import { FIXES } from '../../src/fix/fixes/index.js';
import { fixSources } from '../../src/fix/plan.js';
import allowPrivilegeEscalation from '../../src/fix/fixes/pss.allowPrivilegeEscalation.js';
import { loadText } from '../../src/load/index.js';
import type { Resource } from '../../src/model/types.js';
import { expectOnlyInsertedLines, findingKeys, fixText, SETTINGS } from './support.js';

const DIGEST = `sha256:${'ab'.repeat(32)}`;
const DEFAULTS = {
  defaultResources: { cpuRequest: '100m', cpuLimit: '1', memoryRequest: '128Mi', memoryLimit: '256Mi' },
  psaVersion: 'v1.30',
  imageDigests: new Map([
    ['registry.example.com/web:1.4.2', DIGEST],
    ['envoyproxy/envoy:latest', DIGEST],
  ]),
};
/** Image lines may change (they get their digest); every other line of the original survives. */
const IMAGE_LINE = /^\s*image: /;

/** A block-style Namespace and Deployment that every fixable check reports, with comments everywhere. */
const RICH = [
  '# The shop namespace.',
  'apiVersion: v1',
  'kind: Namespace',
  'metadata:',
  '  name: shop',
  '  labels:',
  '    pod-security.kubernetes.io/enforce: restricted # target posture',
  '---',
  'apiVersion: v1',
  'kind: ServiceAccount',
  'metadata:',
  '  name: default # used by pods that name none',
  '  namespace: shop',
  '---',
  '# Web front end of the shop.',
  '# Owned by team-web.',
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: web # the web tier',
  '  namespace: shop',
  '  labels:',
  '    app: web',
  'spec:',
  '  replicas: 3 # peak traffic',
  '  selector:',
  '    matchLabels:',
  '      app: web',
  '  template:',
  '    metadata:',
  '      labels:',
  '        app: web # selected by the Service',
  '    spec:',
  '      # pod-level settings',
  '      securityContext:',
  '        runAsUser: 10001 # the app user',
  '        runAsGroup: 10001',
  '      containers:',
  '        # the application',
  '        - name: app',
  '          image: registry.example.com/web:1.4.2 # pinned by CI',
  '          args:',
  '            - --port=8080',
  '          ports:',
  '            - containerPort: 8080 # http',
  '        # the proxy, tracking upstream',
  '        - name: proxy',
  '          image: envoyproxy/envoy:latest',
  '          imagePullPolicy: Always # always the newest',
  '          # end of app',
  '      # end of containers',
  '',
  '# trailing comment of the file',
  '',
].join('\n');

describe('every fixable check on a commented block manifest', () => {
  for (const checkId of Object.keys(FIXES)) {
    it(`${checkId}: only inserts lines, keeps every comment, resolves its findings`, () => {
      const result = fixText(RICH, [checkId], DEFAULTS);
      expect(result.applied.length, JSON.stringify(result.unfixed)).toBeGreaterThan(0);
      expect(result.unfixed.filter((u) => u.checkId === checkId)).toEqual([]);
      expectOnlyInsertedLines(RICH, result.fixed, IMAGE_LINE);
      expect(findingKeys(result.fixed).filter((k) => k.startsWith(`${checkId} |`))).toEqual([]);
    });
  }

  it('all fixes together: idempotent, comments kept, only the fixed findings gone', () => {
    const result = fixText(RICH, undefined, DEFAULTS);
    expectOnlyInsertedLines(RICH, result.fixed, IMAGE_LINE);
    const fixedChecks = new Set(result.applied.map((a) => a.checkId));
    expect([...fixedChecks].sort()).toEqual(Object.keys(FIXES));
    const before = findingKeys(RICH).filter((k) => !fixedChecks.has(k.split(' | ')[0] as string));
    expect(findingKeys(result.fixed)).toEqual(before);
    const again = fixText(result.fixed, undefined, DEFAULTS);
    expect(again.fixed).toBe(result.fixed);
    expect(again.applied).toEqual([]);
    expect(result.fixed).toMatchInlineSnapshot(`
      "# The shop namespace.
      apiVersion: v1
      kind: Namespace
      metadata:
        name: shop
        labels:
          pod-security.kubernetes.io/enforce: restricted # target posture
          pod-security.kubernetes.io/enforce-version: v1.30
      ---
      apiVersion: v1
      kind: ServiceAccount
      metadata:
        name: default # used by pods that name none
        namespace: shop
      automountServiceAccountToken: false
      ---
      # Web front end of the shop.
      # Owned by team-web.
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web # the web tier
        namespace: shop
        labels:
          app: web
      spec:
        replicas: 3 # peak traffic
        selector:
          matchLabels:
            app: web
        template:
          metadata:
            labels:
              app: web # selected by the Service
          spec:
            # pod-level settings
            securityContext:
              runAsUser: 10001 # the app user
              runAsGroup: 10001
              runAsNonRoot: true
              seccompProfile:
                type: RuntimeDefault
            containers:
              # the application
              - name: app
                image: registry.example.com/web:1.4.2@sha256:abababababababababababababababababababababababababababababababab # pinned by CI
                args:
                  - --port=8080
                ports:
                  - containerPort: 8080 # http
                securityContext:
                  allowPrivilegeEscalation: false
                  capabilities:
                    drop:
                      - ALL
                  readOnlyRootFilesystem: true
                resources:
                  limits:
                    cpu: "1"
                    memory: 256Mi
                  requests:
                    cpu: 100m
                    memory: 128Mi
                volumeMounts:
                  - name: tmp
                    mountPath: /tmp
              # the proxy, tracking upstream
              - name: proxy
                image: envoyproxy/envoy:latest@sha256:abababababababababababababababababababababababababababababababab
                imagePullPolicy: Always # always the newest
                securityContext:
                  allowPrivilegeEscalation: false
                  capabilities:
                    drop:
                      - ALL
                  readOnlyRootFilesystem: true
                resources:
                  limits:
                    cpu: "1"
                    memory: 256Mi
                  requests:
                    cpu: 100m
                    memory: 128Mi
                volumeMounts:
                  - name: tmp-proxy
                    mountPath: /tmp
                # end of app
            volumes:
              - name: tmp
                emptyDir: {}
              - name: tmp-proxy
                emptyDir: {}
            automountServiceAccountToken: false
            # end of containers

      # trailing comment of the file
      "
    `);
  });
});

describe('multi-document files and Lists', () => {
  const pod = (name: string) => ['apiVersion: v1', 'kind: Pod', `metadata: {name: ${name}}`, 'spec:', '  containers:', '  - name: app', '    image: nginx'].join('\n');

  it('fixes every document and leaves non-Kubernetes documents and comments alone', () => {
    const text = ['# first', pod('a'), '---', '# not a resource', 'just: data', '---', '# third', pod('b'), ''].join('\n');
    const result = fixText(text, ['pss.allowPrivilegeEscalation']);
    expect(result.applied.map((a) => a.resource.name)).toEqual(['a', 'b']);
    expectOnlyInsertedLines(text, result.fixed);
    const docs = result.fixed.split('---\n');
    expect(docs[1]).toBe('# not a resource\njust: data\n');
    for (const doc of [docs[0], docs[2]]) expect(doc).toContain('    image: nginx\n    securityContext:\n      allowPrivilegeEscalation: false\n');
  });

  it('fixes List items in place', () => {
    const text = ['apiVersion: v1', 'kind: List', 'items:', '- ' + pod('a').split('\n').join('\n  '), '- ' + pod('b').split('\n').join('\n  '), ''].join('\n');
    const result = fixText(text, ['pss.allowPrivilegeEscalation']);
    expect(result.applied.map((a) => `${a.resource.name} ${a.line}`)).toEqual(['a 9', 'b 16']);
    expect(result.fixed.match(/allowPrivilegeEscalation: false/g)).toHaveLength(2);
    expect(loadText(result.fixed).resources.map((r) => r.body['spec'])).toEqual([
      { containers: [{ name: 'app', image: 'nginx', securityContext: { allowPrivilegeEscalation: false } }] },
      { containers: [{ name: 'app', image: 'nginx', securityContext: { allowPrivilegeEscalation: false } }] },
    ]);
  });

  it('addresses later documents correctly after earlier ones grew', () => {
    const text = [pod('a'), '---', pod('b'), '---', pod('c'), ''].join('\n');
    const result = fixText(text, undefined, DEFAULTS);
    const bodies = loadText(result.fixed).resources.map((r) => r.body);
    expect(bodies[0]).toEqual({ ...bodies[0], metadata: { name: 'a' } });
    expect(new Set(bodies.map((b) => JSON.stringify(b['spec'])))).toHaveProperty('size', 1);
  });
});

describe('JSON manifests stay JSON', () => {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'app', image: 'nginx' }] } };
  const fixedPod = {
    ...pod,
    spec: { containers: [{ name: 'app', image: 'nginx', securityContext: { allowPrivilegeEscalation: false } }], securityContext: { seccompProfile: { type: 'RuntimeDefault' } } },
  };
  it.each([
    ['two spaces', 2],
    ['four spaces', 4],
    ['tabs', '\t'],
    ['minified', undefined],
  ] as const)('%s', (_name, indent) => {
    const text = JSON.stringify(pod, null, indent) + '\n';
    const result = fixText(text, ['pss.allowPrivilegeEscalation', 'pss.seccompProfile_restricted'], {}, 'pod.json');
    expect(JSON.parse(result.fixed)).toEqual(fixedPod);
    // Written exactly as JSON.stringify would have written the fixed object, in the file's own layout.
    expect(result.fixed).toBe(JSON.stringify(fixedPod, null, indent) + '\n');
  });
});

describe('files that are never rewritten', () => {
  it('refuses a Helm template', () => {
    const text = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: web', 'spec:', '  containers:', '  - name: app', '    image: "{{ .Values.image }}"', ''].join('\n');
    const result = fixText(text);
    expect(result.fixed).toBe(text);
    expect(result.refused).toMatch(/template syntax .* line 8/);
    expect(result.applied).toEqual([]);
    expect(result.unfixed.length).toBeGreaterThan(0);
    expect(result.unfixed.every((u) => u.kind === 'refused')).toBe(true);
  });

  it('refuses rendered Helm output (fix the chart template instead)', () => {
    const text = ['---', '# Source: shop/templates/pod.yaml', 'apiVersion: v1', 'kind: Pod', 'metadata: {name: web}', 'spec:', '  containers:', '  - name: app', ''].join('\n');
    const result = fixText(text);
    expect(result.fixed).toBe(text);
    expect(result.refused).toContain('shop/templates/pod.yaml');
  });

  it('ignores template braces inside comments', () => {
    const text = ['# rendered from {{ .Values }} once, now maintained by hand', 'apiVersion: v1', 'kind: Pod', 'metadata: {name: web}', 'spec:', '  containers:', '  - name: app', ''].join('\n');
    expect(fixText(text, ['pss.allowPrivilegeEscalation']).applied).toHaveLength(1);
  });

  it('refuses a file with a document that does not parse', () => {
    const text = ['apiVersion: v1', 'kind: Pod', 'metadata: {name: web}', 'spec:', '  containers:', '  - name: app', '---', 'bad: [unclosed', ''].join('\n');
    const result = fixSources([{ file: 'bad.yaml', text }], { settings: SETTINGS });
    expect(result.errors.length).toBe(1);
    expect(result.files[0]?.refused).toMatch(/does not parse/);
    expect(result.files[0]?.fixed).toBe(text);
  });
});

describe('safety nets', () => {
  it('never fixes a suppressed finding', () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      '  annotations:',
      '    rampart.dev/ignore: "pss.allowPrivilegeEscalation -- setuid helper needed until v2"',
      'spec:',
      '  containers:',
      '  - name: app',
      '',
    ].join('\n');
    const result = fixText(text, ['pss.allowPrivilegeEscalation']);
    expect(result.fixed).toBe(text);
    expect(result.unfixed).toEqual([]);
  });

  it('reports an edit that cannot be made locally (an alias) and leaves the file as it was', () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: web}',
      'spec:',
      '  containers:',
      '  - &app',
      '    name: app',
      '    image: nginx',
      '  initContainers:',
      '  - *app',
      '',
    ].join('\n');
    const result = fixText(text, ['pss.allowPrivilegeEscalation']);
    expect(result.fixed).toBe(text);
    expect(result.applied).toEqual([]);
    expect(result.unfixed.map((u) => u.kind)).toEqual(['failed', 'failed']);
    expect(result.unfixed[0]?.reason).toMatch(/could not be applied safely/);
  });

  it('keeps fixing other resources of the file when one resource fails', () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: shared}',
      'spec:',
      '  containers: &c',
      '  - name: app',
      '  initContainers: *c',
      '---',
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: plain}',
      'spec:',
      '  containers:',
      '  - name: app',
      '',
    ].join('\n');
    const result = fixText(text, ['pss.allowPrivilegeEscalation']);
    expect(result.applied.map((a) => a.resource.name)).toEqual(['plain']);
    expect(result.unfixed.map((u) => `${u.resource.name} ${u.kind}`)).toEqual(['shared failed', 'shared failed']);
  });

  it('declines Windows pods (fix called directly: the check itself exempts them from 1.25)', () => {
    const resource = loadText('apiVersion: v1\nkind: Pod\nmetadata: {name: w}\nspec:\n  os: {name: windows}\n  containers:\n  - name: app\n').resources[0] as Resource;
    const outcome = allowPrivilegeEscalation.fix({ resource, body: resource.body, finding: { checkId: 'pss.allowPrivilegeEscalation', path: '/spec/containers/0' }, options: {} });
    expect(outcome).toEqual({ kind: 'unsafe', reason: expect.stringContaining('Windows') });
  });

  it('has nothing to fix when no check runs', () => {
    const result = fixSources([{ file: 'x.yaml', text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n' }], {
      settings: SETTINGS,
      checks: [],
    });
    expect(result.files[0]?.applied).toEqual([]);
    expect(result.errors).toEqual([]);
  });
});
