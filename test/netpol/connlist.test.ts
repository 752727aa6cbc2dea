/**
 * The table of small topologies: each case is a handful of manifests and the exact connlist it
 * must produce, written by hand from the Kubernetes NetworkPolicy and network-policy-api semantics.
 */
import { describe, expect, it } from 'vitest';
import { adminPolicy, ALL, baselinePolicy, connlist, EXT, ingress, line, modelOf as modelOfDocs, namespace, networkPolicy, service, workload, type Doc } from './topology.js';

const A = 'x/a[Deployment]';
const B = 'x/b[Deployment]';
const C = 'y/c[Deployment]';
const D = 'y/d[Deployment]';

interface Case {
  name: string;
  docs: Doc[];
  expected: string[];
}

const denyIngressA = networkPolicy('x', 'deny-a', { podSelector: { matchLabels: { app: 'a' } }, policyTypes: ['Ingress'] });

const cases: Case[] = [
  {
    name: 'no policies: everything is allowed, including external ranges both ways',
    docs: [workload('x', 'a'), workload('x', 'b')],
    expected: [line(EXT, A, ALL), line(EXT, B, ALL), line(A, EXT, ALL), line(A, B, ALL), line(B, EXT, ALL), line(B, A, ALL)],
  },
  {
    name: 'default deny ingress (empty podSelector, no policyTypes, no rules) isolates every pod for ingress only',
    docs: [workload('x', 'a'), workload('x', 'b'), networkPolicy('x', 'default-deny', { podSelector: {} })],
    expected: [line(A, EXT, ALL), line(B, EXT, ALL)],
  },
  {
    name: 'policyTypes defaulting: egress rules without policyTypes isolate both directions',
    docs: [
      workload('x', 'a'),
      workload('x', 'b'),
      networkPolicy('x', 'a-egress', { podSelector: { matchLabels: { app: 'a' } }, egress: [{ to: [{ podSelector: { matchLabels: { app: 'b' } } }] }] }),
    ],
    expected: [line(EXT, B, ALL), line(A, B, ALL), line(B, EXT, ALL)],
  },
  {
    name: 'policyTypes defaulting: an empty egress list does not add Egress',
    docs: [workload('x', 'a'), workload('x', 'b'), networkPolicy('x', 'a', { podSelector: { matchLabels: { app: 'a' } }, egress: [] })],
    expected: [line(EXT, B, ALL), line(A, EXT, ALL), line(A, B, ALL), line(B, EXT, ALL)],
  },
  {
    name: 'policyTypes [Egress] only: egress isolated, ingress untouched',
    docs: [workload('x', 'a'), workload('x', 'b'), networkPolicy('x', 'a', { podSelector: { matchLabels: { app: 'a' } }, policyTypes: ['Egress'] })],
    expected: [line(EXT, A, ALL), line(EXT, B, ALL), line(B, A, ALL), line(B, EXT, ALL)],
  },
  {
    name: 'allows are a union across policies and rules',
    docs: [
      workload('x', 'a'),
      workload('x', 'b'),
      networkPolicy('x', 'b-http', { podSelector: { matchLabels: { app: 'b' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'a' } } }], ports: [{ port: 80 }] }] }),
      networkPolicy('x', 'b-more', {
        podSelector: { matchLabels: { app: 'b' } },
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ podSelector: { matchLabels: { app: 'a' } } }], ports: [{ port: 81 }, { protocol: 'UDP', port: 53 }] }],
      }),
    ],
    expected: [line(EXT, A, ALL), line(A, EXT, ALL), line(A, B, 'TCP 80-81,UDP 53'), line(B, A, ALL), line(B, EXT, ALL)],
  },
  {
    name: 'namespaceSelector and podSelector in one peer are ANDed',
    docs: [
      namespace('x', { team: 'red' }),
      namespace('y', { team: 'blue' }),
      workload('x', 'a'),
      workload('y', 'c', { labels: { app: 'c', role: 'client' } }),
      workload('y', 'd'),
      networkPolicy('x', 'a', {
        podSelector: { matchLabels: { app: 'a' } },
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'blue' } }, podSelector: { matchLabels: { role: 'client' } } }] }],
      }),
    ],
    expected: [
      line(EXT, C, ALL),
      line(EXT, D, ALL),
      line(A, EXT, ALL),
      line(A, C, ALL),
      line(A, D, ALL),
      line(C, EXT, ALL),
      line(C, A, ALL),
      line(C, D, ALL),
      line(D, EXT, ALL),
      line(D, C, ALL),
    ],
  },
  {
    name: 'a podSelector-only peer selects pods of the policy namespace only',
    docs: [
      workload('x', 'a'),
      workload('x', 'b', { labels: { app: 'b', role: 'client' } }),
      workload('y', 'c', { labels: { app: 'c', role: 'client' } }),
      networkPolicy('x', 'a', { podSelector: { matchLabels: { app: 'a' } }, ingress: [{ from: [{ podSelector: { matchLabels: { role: 'client' } } }] }] }),
    ],
    expected: [
      line(EXT, B, ALL),
      line(EXT, C, ALL),
      line(A, EXT, ALL),
      line(A, B, ALL),
      line(A, C, ALL),
      line(B, EXT, ALL),
      line(B, A, ALL),
      line(B, C, ALL),
      line(C, EXT, ALL),
      line(C, B, ALL),
    ],
  },
  {
    name: 'namespaceSelector alone selects every pod of the matching namespaces; namespaces not declared are inferred with kubernetes.io/metadata.name',
    docs: [
      workload('x', 'a'),
      workload('x', 'b'),
      workload('y', 'c'),
      networkPolicy('x', 'a', {
        podSelector: { matchLabels: { app: 'a' } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'y' } } }] }],
        egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'x' } } }] }],
      }),
    ],
    expected: [line(EXT, B, ALL), line(EXT, C, ALL), line(A, B, ALL), line(B, EXT, ALL), line(B, C, ALL), line(C, EXT, ALL), line(C, A, ALL), line(C, B, ALL)],
  },
  {
    name: 'empty selectors: podSelector {} is the whole own namespace, namespaceSelector {} every namespace (never external addresses)',
    docs: [
      workload('x', 'a'),
      workload('x', 'b'),
      workload('y', 'c'),
      networkPolicy('x', 'own-namespace', { podSelector: { matchLabels: { app: 'a' } }, ingress: [{ from: [{ podSelector: {} }] }] }),
      networkPolicy('x', 'all-namespaces', { podSelector: { matchLabels: { app: 'b' } }, ingress: [{ from: [{ namespaceSelector: {} }] }] }),
    ],
    expected: [
      line(EXT, C, ALL),
      line(A, B, ALL),
      line(A, EXT, ALL),
      line(A, C, ALL),
      line(B, A, ALL),
      line(B, EXT, ALL),
      line(B, C, ALL),
      line(C, B, ALL),
      line(C, EXT, ALL),
    ],
  },
  {
    name: 'an empty rule ({}) allows everything, including external addresses',
    docs: [workload('x', 'a'), workload('x', 'b'), networkPolicy('x', 'a', { podSelector: { matchLabels: { app: 'a' } }, ingress: [{}] })],
    expected: [line(EXT, A, ALL), line(EXT, B, ALL), line(A, EXT, ALL), line(A, B, ALL), line(B, EXT, ALL), line(B, A, ALL)],
  },
  {
    name: 'matchExpressions In and Exists',
    docs: [
      workload('x', 'a'),
      workload('x', 'b', { labels: { app: 'b', tier: 'web' } }),
      workload('x', 'c', { labels: { app: 'c', tier: 'db' } }),
      workload('x', 'd', { labels: { app: 'd', tier: 'cache', legacy: 'true' } }),
      networkPolicy('x', 'a', {
        podSelector: { matchLabels: { app: 'a' } },
        ingress: [
          { from: [{ podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['web', 'db'] }] } }] },
          { from: [{ podSelector: { matchExpressions: [{ key: 'legacy', operator: 'Exists' }] } }], ports: [{ port: 6379 }] },
        ],
      }),
    ],
    expected: [
      line(EXT, B, ALL),
      line(EXT, 'x/c[Deployment]', ALL),
      line(EXT, 'x/d[Deployment]', ALL),
      line(A, EXT, ALL),
      line(A, B, ALL),
      line(A, 'x/c[Deployment]', ALL),
      line(A, 'x/d[Deployment]', ALL),
      line(B, EXT, ALL),
      line(B, A, ALL),
      line(B, 'x/c[Deployment]', ALL),
      line(B, 'x/d[Deployment]', ALL),
      line('x/c[Deployment]', EXT, ALL),
      line('x/c[Deployment]', A, ALL),
      line('x/c[Deployment]', B, ALL),
      line('x/c[Deployment]', 'x/d[Deployment]', ALL),
      line('x/d[Deployment]', EXT, ALL),
      line('x/d[Deployment]', A, 'TCP 6379'),
      line('x/d[Deployment]', B, ALL),
      line('x/d[Deployment]', 'x/c[Deployment]', ALL),
    ],
  },
  {
    name: 'matchExpressions NotIn matches pods without the key; DoesNotExist excludes pods with it',
    docs: [
      workload('x', 'a'),
      workload('x', 'b', { labels: { app: 'b', tier: 'web' } }),
      workload('x', 'c', { labels: { app: 'c', tier: 'db' } }),
      workload('x', 'd', { labels: { app: 'd', legacy: 'true' } }),
      networkPolicy('x', 'b', {
        podSelector: { matchLabels: { tier: 'web' } },
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [
              {
                podSelector: {
                  matchExpressions: [
                    { key: 'tier', operator: 'NotIn', values: ['db'] },
                    { key: 'legacy', operator: 'DoesNotExist' },
                  ],
                },
              },
            ],
          },
        ],
      }),
    ],
    expected: [
      line(EXT, A, ALL),
      line(EXT, 'x/c[Deployment]', ALL),
      line(EXT, 'x/d[Deployment]', ALL),
      line(A, EXT, ALL),
      line(A, B, ALL),
      line(A, 'x/c[Deployment]', ALL),
      line(A, 'x/d[Deployment]', ALL),
      line(B, EXT, ALL),
      line(B, A, ALL),
      line(B, 'x/c[Deployment]', ALL),
      line(B, 'x/d[Deployment]', ALL),
      line('x/c[Deployment]', EXT, ALL),
      line('x/c[Deployment]', A, ALL),
      line('x/c[Deployment]', 'x/d[Deployment]', ALL),
      line('x/d[Deployment]', EXT, ALL),
      line('x/d[Deployment]', A, ALL),
      line('x/d[Deployment]', 'x/c[Deployment]', ALL),
    ],
  },
  {
    name: 'ipBlock with except splits the address space at every boundary; ipBlocks never match pods',
    docs: [
      workload('x', 'a'),
      workload('x', 'b'),
      networkPolicy('x', 'a', { podSelector: { matchLabels: { app: 'a' } }, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }] }] }),
    ],
    expected: [
      ...['0.0.0.0-9.255.255.255', '10.0.0.0-10.0.255.255', '10.1.0.0-10.1.255.255', '10.2.0.0-10.255.255.255', '11.0.0.0-255.255.255.255'].flatMap((r) => [
        line(`${r}[External]`, B, ALL),
        line(A, `${r}[External]`, ALL),
        line(B, `${r}[External]`, ALL),
      ]),
      line('10.0.0.0-10.0.255.255[External]', A, ALL),
      line('10.2.0.0-10.255.255.255[External]', A, ALL),
      line(A, B, ALL),
    ],
  },
  {
    name: 'egress ipBlock 0.0.0.0/0 except a private range, on one port',
    docs: [
      workload('x', 'a'),
      networkPolicy('x', 'a', {
        podSelector: { matchLabels: { app: 'a' } },
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }], ports: [{ port: 443 }] }],
      }),
    ],
    expected: [
      line('0.0.0.0-9.255.255.255[External]', A, ALL),
      line('10.0.0.0-10.255.255.255[External]', A, ALL),
      line('11.0.0.0-255.255.255.255[External]', A, ALL),
      line(A, '0.0.0.0-9.255.255.255[External]', 'TCP 443'),
      line(A, '11.0.0.0-255.255.255.255[External]', 'TCP 443'),
    ],
  },
  {
    name: 'IPv6 ipBlocks add the IPv6 address space',
    docs: [
      workload('x', 'a'),
      networkPolicy('x', 'a', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: 'fd00::/8' } }] }] }),
    ],
    expected: [
      line(EXT, A, ALL),
      line('::-fcff:ffff:ffff:ffff:ffff:ffff:ffff:ffff[External]', A, ALL),
      line('fd00::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff[External]', A, ALL),
      line('fe00::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff[External]', A, ALL),
      line(A, 'fd00::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff[External]', ALL),
    ],
  },
  {
    name: 'ports: TCP by default, UDP and SCTP, protocols sorted SCTP, TCP, UDP; endPort ranges; protocol-only entries',
    docs: [
      workload('x', 'a'),
      workload('x', 'b'),
      networkPolicy('x', 'b', {
        podSelector: { matchLabels: { app: 'b' } },
        ingress: [
          { from: [{ podSelector: { matchLabels: { app: 'a' } } }], ports: [{ port: 80 }, { protocol: 'UDP', port: 53 }, { protocol: 'SCTP', port: 9000 }, { port: 8000, endPort: 8100 }] },
        ],
      }),
      networkPolicy('x', 'a', { podSelector: { matchLabels: { app: 'a' } }, ingress: [{ ports: [{ protocol: 'UDP' }] }] }),
    ],
    expected: [
      line(EXT, A, 'UDP 1-65535'),
      line(A, EXT, ALL),
      line(A, B, 'SCTP 9000,TCP 80,8000-8100,UDP 53'),
      line(B, EXT, ALL),
      line(B, A, 'UDP 1-65535'),
    ],
  },
  {
    name: 'named ports resolve against each destination pod\'s container ports (protocol must match)',
    docs: [
      workload('x', 'a'),
      workload('x', 'b', { ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9090, protocol: 'UDP' }] }),
      workload('x', 'c', { ports: [{ name: 'http', containerPort: 9000 }] }),
      networkPolicy('x', 'servers', {
        podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['b', 'c'] }] },
        ingress: [{ from: [{ podSelector: { matchLabels: { app: 'a' } } }], ports: [{ port: 'http' }, { port: 'metrics' }] }],
      }),
    ],
    expected: [
      line(EXT, A, ALL),
      line(A, EXT, ALL),
      line(A, B, 'TCP 8080'),
      line(A, 'x/c[Deployment]', 'TCP 9000'),
      line(B, EXT, ALL),
      line(B, A, ALL),
      line('x/c[Deployment]', EXT, ALL),
      line('x/c[Deployment]', A, ALL),
    ],
  },
  {
    name: 'egress named ports resolve against the destination workload',
    docs: [
      workload('x', 'a'),
      workload('x', 'b', { ports: [{ name: 'grpc', containerPort: 50051 }] }),
      networkPolicy('x', 'a', { podSelector: { matchLabels: { app: 'a' } }, policyTypes: ['Egress'], egress: [{ ports: [{ port: 'grpc' }] }] }),
    ],
    expected: [line(EXT, A, ALL), line(EXT, B, ALL), line(A, B, 'TCP 50051'), line(B, A, ALL), line(B, EXT, ALL)],
  },
  {
    name: 'AdminNetworkPolicy: lower priority value first; Allow overrides NetworkPolicy isolation, Deny overrides everything after it',
    docs: [
      workload('x', 'a'),
      workload('x', 'b'),
      workload('y', 'c'),
      adminPolicy('deny-from-y', 10, {
        subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'x' } } },
        ingress: [{ name: 'deny-y', action: 'Deny', from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'y' } } }] }],
      }),
      adminPolicy('allow-http-to-a', 5, {
        subject: { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'a' } } } },
        ingress: [{ name: 'http-from-y', action: 'Allow', from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'y' } } }], ports: [{ portNumber: { protocol: 'TCP', port: 80 } }] }],
      }),
      denyIngressA,
    ],
    expected: [line(EXT, B, ALL), line(EXT, C, ALL), line(A, EXT, ALL), line(A, B, ALL), line(A, C, ALL), line(B, EXT, ALL), line(B, C, ALL), line(C, EXT, ALL), line(C, A, 'TCP 80')],
  },
  {
    name: 'Pass hands the decision to NetworkPolicy; BaselineAdminNetworkPolicy applies only where no NetworkPolicy isolates',
    docs: [
      workload('x', 'a'),
      workload('x', 'b'),
      workload('y', 'c'),
      adminPolicy('pass-y', 1, {
        subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'x' } } },
        ingress: [{ name: 'pass', action: 'Pass', from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'y' } } }] }],
      }),
      baselinePolicy({ subject: { namespaces: {} }, ingress: [{ name: 'deny-cluster', action: 'Deny', from: [{ namespaces: {} }] }] }),
      networkPolicy('x', 'a', { podSelector: { matchLabels: { app: 'a' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'y' } } }] }] }),
    ],
    expected: [line(EXT, B, ALL), line(EXT, C, ALL), line(A, EXT, ALL), line(B, EXT, ALL), line(C, EXT, ALL), line(C, A, ALL)],
  },
  {
    name: 'AdminNetworkPolicy egress Deny to networks, rules in order (first match wins)',
    docs: [
      workload('x', 'a'),
      adminPolicy('no-private', 20, {
        subject: { namespaces: {} },
        egress: [
          { name: 'dns-resolver', action: 'Allow', to: [{ networks: ['10.0.0.10/32'] }], ports: [{ portNumber: { protocol: 'UDP', port: 53 } }] },
          { name: 'private', action: 'Deny', to: [{ networks: ['10.0.0.0/8'] }] },
        ],
      }),
    ],
    expected: [
      line('0.0.0.0-9.255.255.255[External]', A, ALL),
      line('10.0.0.0-10.0.0.9[External]', A, ALL),
      line('10.0.0.10-10.0.0.10[External]', A, ALL),
      line('10.0.0.11-10.255.255.255[External]', A, ALL),
      line('11.0.0.0-255.255.255.255[External]', A, ALL),
      line(A, '0.0.0.0-9.255.255.255[External]', ALL),
      line(A, '10.0.0.10-10.0.0.10[External]', 'UDP 53'),
      line(A, '11.0.0.0-255.255.255.255[External]', ALL),
    ],
  },
  {
    name: 'AdminNetworkPolicy namedPort takes the container port\'s protocol; portRange',
    docs: [
      workload('x', 'a'),
      workload('x', 'b', { ports: [{ name: 'stats', containerPort: 8125, protocol: 'UDP' }] }),
      adminPolicy('b-only-stats', 1, {
        subject: { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'b' } } } },
        ingress: [
          { name: 'stats', action: 'Allow', from: [{ namespaces: {} }], ports: [{ namedPort: 'stats' }, { portRange: { protocol: 'SCTP', start: 100, end: 200 } }] },
          { name: 'rest', action: 'Deny', from: [{ namespaces: {} }] },
        ],
      }),
    ],
    expected: [line(EXT, A, ALL), line(EXT, B, ALL), line(A, EXT, ALL), line(A, B, 'SCTP 100-200,UDP 8125'), line(B, EXT, ALL), line(B, A, ALL)],
  },
  {
    name: 'Ingress objects: {ingress-controller} reaches the backend Service pods on the target port, subject to their ingress policies',
    docs: [
      workload('shop', 'web', { ports: [{ name: 'http', containerPort: 8080 }] }),
      workload('shop', 'api'),
      service('shop', 'web', { app: 'web' }, [{ name: 'http', port: 80, targetPort: 'http' }]),
      ingress('shop', 'web', [{ service: 'web', port: 80 }]),
      networkPolicy('shop', 'web', {
        podSelector: { matchLabels: { app: 'web' } },
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }], ports: [{ port: 8080 }] }],
      }),
      networkPolicy('shop', 'api', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: [{ podSelector: {} }] }] }),
    ],
    expected: [
      line('shop/api[Deployment]', EXT, ALL),
      line('shop/web[Deployment]', EXT, ALL),
      line('shop/web[Deployment]', 'shop/api[Deployment]', ALL),
      line('{ingress-controller}', 'shop/web[Deployment]', 'TCP 8080'),
    ],
  },
  {
    name: 'Ingress backend blocked by a same-namespace-only policy has no {ingress-controller} line',
    docs: [
      workload('shop', 'web', { ports: [{ containerPort: 8080 }] }),
      service('shop', 'web', { app: 'web' }, [{ port: 80, targetPort: 8080 }]),
      ingress('shop', 'web', [{ service: 'web', port: 80 }]),
      networkPolicy('shop', 'web', { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] }),
    ],
    expected: [line('shop/web[Deployment]', EXT, ALL)],
  },
  {
    name: 'hostNetwork workloads are outside NetworkPolicy and not listed',
    docs: [workload('x', 'a'), workload('x', 'node-agent', { hostNetwork: true, kind: 'DaemonSet' })],
    expected: [line(EXT, A, ALL), line(A, EXT, ALL)],
  },
  {
    name: 'pods are grouped by top-level owner: Deployment → ReplicaSet → Pod is one line per peer',
    docs: [
      workload('x', 'web'),
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: { name: 'web-5f7', namespace: 'x', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', controller: true, uid: 'd' }] },
        spec: { template: { metadata: { labels: { app: 'web', 'pod-template-hash': '5f7' } }, spec: { containers: [{ name: 'main', image: 'i' }] } } },
      },
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'web-5f7-abcde', namespace: 'x', labels: { app: 'web', 'pod-template-hash': '5f7' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5f7', controller: true, uid: 'r' }] },
        spec: { containers: [{ name: 'main', image: 'i' }] },
      },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'debug', namespace: 'x', labels: { run: 'debug' } }, spec: { containers: [{ name: 'main', image: 'i' }] } },
      networkPolicy('x', 'web', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ podSelector: { matchLabels: { run: 'debug' } } }], ports: [{ port: 80 }] }] }),
    ],
    expected: [
      line(EXT, 'x/debug[Pod]', ALL),
      line('x/debug[Pod]', EXT, ALL),
      line('x/debug[Pod]', 'x/web[Deployment]', 'TCP 80'),
      line('x/web[Deployment]', EXT, ALL),
      line('x/web[Deployment]', 'x/debug[Pod]', ALL),
    ],
  },
  {
    name: 'resources without a namespace are in default, and so are policies without one',
    docs: [workload(undefined, 'a'), workload(undefined, 'b'), networkPolicy(undefined, 'deny', { podSelector: { matchLabels: { app: 'a' } } })],
    expected: [
      line(EXT, 'default/b[Deployment]', ALL),
      line('default/a[Deployment]', EXT, ALL),
      line('default/a[Deployment]', 'default/b[Deployment]', ALL),
      line('default/b[Deployment]', EXT, ALL),
    ],
  },
];

describe('netpol list: topology table', () => {
  for (const c of cases) {
    it(c.name, () => {
      const actual = connlist(c.docs);
      expect(actual).toEqual([...actual].sort());
      expect(actual).toEqual([...c.expected].sort());
    });
  }
});

describe('netpol list: workload grouping', () => {
  it('collapses Deployment → ReplicaSet → Pod (live objects) into the Deployment, and infers the Deployment of an orphan ReplicaSet pod', () => {
    const owner = (kind: string, name: string): Doc => ({ ownerReferences: [{ apiVersion: 'apps/v1', kind, name, controller: true, uid: 'u' }] });
    const podSpec = { containers: [{ name: 'main', image: 'i' }] };
    const docs: Doc[] = [
      workload('x', 'web'),
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-5f7', namespace: 'x', ...owner('Deployment', 'web') }, spec: { template: { metadata: { labels: { app: 'web', 'pod-template-hash': '5f7' } }, spec: podSpec } } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-5f7-abcde', namespace: 'x', labels: { app: 'web', 'pod-template-hash': '5f7' }, ...owner('ReplicaSet', 'web-5f7') }, spec: podSpec },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'api-6c9-xyz', namespace: 'x', labels: { app: 'api', 'pod-template-hash': '6c9' }, ...owner('ReplicaSet', 'api-6c9') }, spec: podSpec },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'debug', namespace: 'x', labels: { run: 'debug' } }, spec: podSpec },
      { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'report', namespace: 'x' }, spec: { schedule: '@daily', jobTemplate: { spec: { template: { metadata: { labels: { app: 'report' } }, spec: podSpec } } } } },
      networkPolicy('x', 'deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    ];
    const model = modelOfDocs(docs);
    expect(model.workloads.map((w) => w.id)).toEqual(['x/api[Deployment]', 'x/debug[Pod]', 'x/report[CronJob]', 'x/web[Deployment]']);
    expect(model.workloads.find((w) => w.name === 'web')?.podLabels).toEqual({ app: 'web' });
  });
});
