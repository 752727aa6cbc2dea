import { describe, expect, it } from 'vitest';
import egressDnsBroken from '../../src/checks/network/egress-dns-broken.js';
import { NETWORK_CHECKS, NETWORK_POLICY_CHECKS } from '../../src/checks/network/index.js';
import namespaceDefaultDenyEgress from '../../src/checks/network/namespace-default-deny-egress.js';
import namespaceDefaultDenyIngress from '../../src/checks/network/namespace-default-deny-ingress.js';
import policySelectsNothing from '../../src/checks/network/policy-selects-nothing.js';
import workloadNoIngressPolicy from '../../src/checks/network/workload-no-ingress-policy.js';
import { registryProblems } from '../../src/engine/registry.js';
import { checkTester } from '../support/check-tester.js';

const web = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: web:1}]}`;

const namespace = `apiVersion: v1
kind: Namespace
metadata: {name: shop}`;

const policy = (name: string, spec: string): string => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ${name}, namespace: shop}
spec:
${spec}`;

const denyAll = policy('deny-all', '  podSelector: {}\n  policyTypes: [Ingress, Egress]');
const dns = policy('dns', `  podSelector: {}
  policyTypes: [Egress]
  egress:
    - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}]
      ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]`);

describe('network checks registry', () => {
  it('is sound and sorted by id', () => {
    expect(registryProblems(NETWORK_CHECKS)).toEqual([]);
    expect(NETWORK_CHECKS.map((c) => c.id)).toEqual(Object.keys(NETWORK_POLICY_CHECKS).sort());
    for (const [id, check] of Object.entries(NETWORK_POLICY_CHECKS)) expect(check.id).toBe(id);
  });
});

checkTester.run(namespaceDefaultDenyIngress, {
  valid: [
    { name: 'default deny by omitted policyTypes', manifest: policy('deny', '  podSelector: {}'), inventory: web },
    { name: 'default deny of both directions', manifest: denyAll, inventory: web },
    { name: 'namespace without workloads', manifest: namespace },
  ],
  invalid: [
    { name: 'declared namespace', manifest: namespace, inventory: web, errors: [{ messageId: 'noDefaultDeny', path: '', resource: 'Namespace shop', data: { namespace: 'shop' } }] },
    {
      name: 'a policy with rules is not a default deny',
      manifest: web,
      inventory: policy('some', '  podSelector: {}\n  ingress: [{from: [{podSelector: {}}]}]'),
      errors: [{ messageId: 'noDefaultDeny', resource: 'Deployment shop/web', path: '/metadata' }],
    },
  ],
});

checkTester.run(namespaceDefaultDenyEgress, {
  valid: [{ manifest: denyAll, inventory: web }],
  invalid: [{ name: 'ingress-only deny', manifest: namespace, inventory: `${web}\n---\n${policy('deny', '  podSelector: {}')}`, errors: [{ messageId: 'noDefaultDeny', path: '' }] }],
});

checkTester.run(workloadNoIngressPolicy, {
  valid: [
    { manifest: web, inventory: policy('web', '  podSelector: {matchExpressions: [{key: app, operator: In, values: [web, api]}]}') },
    { name: 'hostNetwork is out of reach', manifest: web.replace('spec: {containers', 'spec: {hostNetwork: true, containers') },
  ],
  invalid: [
    { manifest: web, errors: [{ messageId: 'notIsolated', path: '/spec/template/metadata', data: { workload: 'shop/web[Deployment]' } }] },
    { name: 'egress-only policy', manifest: web, inventory: policy('egress', '  podSelector: {}\n  policyTypes: [Egress]'), errors: [{ messageId: 'notIsolated' }] },
  ],
});

checkTester.run(policySelectsNothing, {
  valid: [
    { manifest: policy('web', '  podSelector: {matchLabels: {app: web}}'), inventory: web },
    { name: 'namespace without workloads in the input', manifest: policy('web', '  podSelector: {matchLabels: {app: nope}}') },
  ],
  invalid: [
    {
      manifest: policy('typo', '  podSelector: {matchLabels: {app: wbe}}'),
      inventory: web,
      errors: [{ messageId: 'selectsNothing', path: '/spec/podSelector', data: { selector: 'app=wbe', name: 'typo' } }],
    },
    {
      name: 'DoesNotExist on a label every pod has',
      manifest: policy('none', '  podSelector: {matchExpressions: [{key: app, operator: DoesNotExist}]}'),
      inventory: web,
      errors: [{ messageId: 'selectsNothing', data: { selector: '!app' } }],
    },
  ],
});

checkTester.run(egressDnsBroken, {
  valid: [
    { name: 'not egress-isolated', manifest: web },
    { name: 'DNS allowed (kube-dns assumed)', manifest: web, inventory: `${denyAll}\n---\n${dns}` },
  ],
  invalid: [
    { manifest: web, inventory: denyAll, errors: [{ messageId: 'broken', data: { workload: 'shop/web[Deployment]' } }] },
    { name: 'UDP only', manifest: web, inventory: `${denyAll}\n---\n${dns.replace(', {port: 53, protocol: TCP}', '')}`, errors: [{ messageId: 'partial', data: { allowed: 'UDP 53' } }] },
  ],
});
