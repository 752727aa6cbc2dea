/**
 * Custom checks: YAML metadata + CEL, compiled once at load. Load-time problems are
 * ConfigErrors with file and line; run-time CEL errors are run errors naming the check and the
 * resource, and the run goes on.
 */
import { describe, expect, it } from 'vitest';
import { CHECKS, CHECK_REGISTRY } from '../../src/checks/index.js';
import { readCatalogues } from '../../src/engine/compliance.js';
import { compileCustomChecks, toCel } from '../../src/engine/custom-checks.js';
import { assembleScan } from '../../src/engine/scan.js';
import type { AnyCheck } from '../../src/engine/types.js';
import { ConfigError } from '../../src/errors.js';
import { loadText } from '../../src/load/index.js';

const SETTINGS = { pssLevel: 'restricted', pssVersion: '1.37' } as const;

const HOST_NETWORK = `id: custom.no-host-network
title: Pods must not use the host network
severity: high
domain: workload
controls:
  - { framework: cis, id: 5.2.5 }
remediation: Remove spec.hostNetwork from the pod.
docs: Sharing the node's network namespace exposes node-local services.
match: { kinds: [Pod] }
expression: has(object.spec.hostNetwork) && object.spec.hostNetwork
message: '{{kind}} {{namespace}}/{{name}} uses the host network'
path: /spec/hostNetwork
`;

const PODS = `apiVersion: v1
kind: Pod
metadata: { name: net, namespace: a }
spec:
  hostNetwork: true
  containers: [{ name: c, image: x:1 }]
---
apiVersion: v1
kind: Pod
metadata: { name: plain, namespace: a }
spec:
  containers: [{ name: c, image: x:1 }]
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: a }
spec:
  replicas: 1
  template:
    spec:
      hostNetwork: true
      containers: [{ name: c, image: x:1 }]
`;

function compile(text: string, file = 'checks/c.yaml', reservedIds: string[] = []): AnyCheck[] {
  return compileCustomChecks([{ file, text }], { reservedIds });
}

function problems(text: string, options: { file?: string; reservedIds?: string[] } = {}): string[] {
  try {
    compile(text, options.file, options.reservedIds);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  return [];
}

function scan(checks: AnyCheck[], manifests = PODS) {
  return assembleScan(loadText(manifests, 'pods.yaml'), checks, { settings: SETTINGS });
}

describe('custom checks: evaluation', () => {
  it('reports a violation with the message template and the path, only on matching kinds', () => {
    const result = scan(compile(HOST_NETWORK));
    expect(result.errors).toEqual([]);
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({
      checkId: 'custom.no-host-network',
      severity: 'high',
      domain: 'workload',
      message: 'Pod a/net uses the host network',
      resource: { kind: 'Pod', name: 'net' },
      path: '/spec/hostNetwork',
      line: 5,
      controls: [{ framework: 'cis-k8s', id: '5.2.5' }],
    });
  });

  it('runs on every kind without match, and accepts violation: as the expression key', () => {
    const checks = compile(`id: custom.single-replica
title: Single replica
severity: low
domain: reliability
remediation: Run at least two replicas.
violation: has(object.spec.replicas) && object.spec.replicas < 2
`);
    const result = scan(checks);
    expect(result.findings.map((f) => f.resource.name)).toEqual(['web']);
    expect(result.findings[0]?.message).toBe('Single replica');
  });

  it('treats integral numbers as CEL ints, so arithmetic and comparisons with int literals work', () => {
    expect(toCel({ a: 2, b: 1.5, c: [3] })).toEqual({ a: 2n, b: 1.5, c: [3n] });
    const checks = compile(`id: custom.replicas-plus-one
title: Replicas arithmetic
severity: info
domain: reliability
remediation: Nothing to do.
expression: has(object.spec.replicas) && object.spec.replicas + 1 == 2
`);
    expect(scan(checks).findings.map((f) => f.resource.name)).toEqual(['web']);
  });

  it('builds the message with messageExpression, with macros and string extensions', () => {
    const checks = compile(`id: custom.container-names
title: Container names
severity: info
domain: workload
remediation: Rename the containers.
match: { kinds: [Pod] }
expression: object.spec.containers.exists(c, c.name.size() < 2)
messageExpression: "'short names: ' + object.spec.containers.filter(c, c.name.size() < 2).map(c, c.name).join(', ')"
`);
    const result = scan(checks);
    expect(result.findings.map((f) => f.message)).toEqual(['short names: c', 'short names: c']);
  });

  it('never shows a Secret value to a check: values are blanked, keys kept, the last-applied copy dropped', () => {
    const checks = compile(`id: custom.secret-echo
title: Echo a secret
severity: info
domain: secrets
remediation: Nothing to do.
match: { kinds: [Secret] }
expression: "'password' in object.data"
messageExpression: "'value=' + object.data.password + ' annotations=' + object.metadata.annotations.map(k, k).join(',')"
`);
    const secret = `apiVersion: v1
kind: Secret
metadata:
  name: db
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: '{"data":{"password":"aHVudGVyMg=="}}'
    team: data
data:
  password: aHVudGVyMg==
stringData:
  token: hunter2-plain
`;
    const result = scan(checks, secret);
    expect(result.errors).toEqual([]);
    expect(result.findings).toHaveLength(1);
    const output = JSON.stringify(result.findings);
    expect(output).not.toContain('aHVudGVyMg');
    expect(output).not.toContain('hunter2');
    expect(result.findings[0]?.message).toContain('value= ');
    expect(result.findings[0]?.message).toContain('team');
  });

  it('runs once per pod template with podSpec and podMetadata, the path relative to the pod spec', () => {
    const checks = compile(`id: custom.pod-host-network
title: Pod templates must not use the host network
severity: high
domain: workload
remediation: Remove hostNetwork.
match: { podTemplates: true }
expression: has(podSpec.hostNetwork) && podSpec.hostNetwork && !has(podMetadata.annotations)
messageExpression: "object.kind + ' ' + object.metadata.name + ' uses the host network'"
path: /hostNetwork
`);
    const result = scan(checks);
    expect(result.errors).toEqual([]);
    expect(result.findings.map((f) => [f.message, f.path, f.line])).toEqual([
      ['Pod net uses the host network', '/spec/hostNetwork', 5],
      ['Deployment web uses the host network', '/spec/template/spec/hostNetwork', 21],
    ]);
  });

  it('turns a CEL error on one resource into a run error naming check and resource; the run goes on', () => {
    const checks = compile(`id: custom.needs-has
title: Reads spec.hostNetwork without has()
severity: low
domain: workload
remediation: Guard optional fields with has().
match: { kinds: [Pod] }
expression: object.spec.hostNetwork == true
`);
    const result = scan(checks);
    expect(result.findings.map((f) => f.resource.name)).toEqual(['net']);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ checkId: 'custom.needs-has', file: 'pods.yaml', resource: { kind: 'Pod', name: 'plain' } });
    expect(result.errors[0]?.message).toContain('check custom.needs-has failed on Pod a/plain: CEL evaluation error');
  });

  it('reports a non-boolean result as a run error', () => {
    const checks = compile(`id: custom.not-bool
title: Returns a string
severity: low
domain: workload
remediation: Return a bool.
match: { kinds: [Pod] }
expression: object.metadata.name
`);
    const result = scan(checks);
    expect(result.errors.map((e) => e.message)).toEqual([
      'check custom.not-bool failed on Pod a/net: expression must evaluate to a bool, got string "net"',
      'check custom.not-bool failed on Pod a/plain: expression must evaluate to a bool, got string "plain"',
    ]);
  });

  it('registers alongside the built-ins without colliding', () => {
    const all = [...CHECKS, ...compile(HOST_NETWORK)];
    const result = scan(all);
    expect(result.findings.some((f) => f.checkId === 'custom.no-host-network')).toBe(true);
    expect(result.findings.some((f) => f.checkId.startsWith('pss.'))).toBe(true);
  });
});

describe('custom checks: load-time errors with file and line', () => {
  it('names every bad metadata field', () => {
    expect(
      problems(`id: no-prefix
title: ""
severity: urgent
domain: kitchen
controls:
  - { framework: iso27001, id: A.5 }
  - { framework: soc2 }
match: { kinds: [], apiGroups: [apps] }
path: spec/x
colour: blue
expression: "true"
`),
    ).toEqual([
      'checks/c.yaml:1 id: must start with "custom." followed by lowercase words joined by ".", "-" or "_" (got "no-prefix")',
      'checks/c.yaml:2 title: must be a non-empty string',
      'checks/c.yaml:3 severity: must be one of critical, high, medium, low, info',
      'checks/c.yaml:4 domain: must be one of pod-security, workload, image, secrets, rbac, network, namespace, admission, runtime, control-plane, monitoring, reliability, deprecation, governance',
      'checks/c.yaml:6 controls[0].framework: must be one of cis, cis-k8s, nsa, nsa-cisa, mitre, mitre-attack, attack, pss, pci-dss, pci, hipaa, soc2',
      'checks/c.yaml:7 controls[1].id: must be a non-empty string',
      'checks/c.yaml:8 match.apiGroups: unknown key (expected kinds or podTemplates)',
      'checks/c.yaml:8 match.kinds: must be a non-empty list of kinds (or "*")',
      'checks/c.yaml:9 path: must be a JSON Pointer starting with "/"',
      'checks/c.yaml:10 colour: unknown key (expected one of id, title, severity, domain, controls, remediation, docs, match, expression, violation, message, messageExpression, path)',
      'checks/c.yaml:1 remediation: is required',
    ].sort(byLine));
  });

  const META = 'id: custom.x\ntitle: X\nseverity: low\ndomain: workload\nremediation: Fix it.\n';

  it('locates a CEL syntax error inside a block scalar on its own line', () => {
    expect(problems(`${META}expression: |\n  has(object.spec) &&\n  object.spec.replicas >\n`)).toEqual([
      expect.stringMatching(/^checks\/c\.yaml:8 expression: CEL syntax error at column \d+: /),
    ]);
    expect(problems(`${META}expression: "object.spec.(("\n`)).toEqual([expect.stringMatching(/^checks\/c\.yaml:6 expression: CEL syntax error/)]);
  });

  it('rejects unknown variables and functions at load, not on every resource', () => {
    expect(problems(`${META}expression: |\n  has(object.spec) &&\n  self.spec.replicas > 1 && frobnicate(object)\n`)).toEqual([
      'checks/c.yaml:8 expression: undeclared reference to "self" (the resource is "object")',
      'checks/c.yaml:8 expression: unknown function "frobnicate"',
    ]);
  });

  it('binds podSpec only for pod-template checks, and rejects kinds together with podTemplates', () => {
    expect(problems(`${META}expression: podSpec.hostNetwork\n`)).toEqual([
      'checks/c.yaml:6 expression: undeclared reference to "podSpec" (only checks with "match: { podTemplates: true }" see podSpec)',
    ]);
    expect(problems(`${META}match: { podTemplates: true, kinds: [Pod] }\nexpression: "true"\n`)).toEqual(['checks/c.yaml:6 match.kinds: give either kinds or podTemplates, not both']);
  });

  it('allows comprehension variables inside their macro only', () => {
    expect(problems(`${META}expression: object.spec.containers.all(c, c.name != '') && c.name == 'x'\n`)).toEqual([
      'checks/c.yaml:6 expression: undeclared reference to "c" (the resource is "object")',
    ]);
  });

  it('rejects both expression and violation, and both message and messageExpression', () => {
    expect(problems(`${META}expression: "true"\nviolation: "false"\nmessage: m\nmessageExpression: "'m'"\n`)).toEqual([
      'checks/c.yaml:7 violation: give either expression or violation, not both',
      'checks/c.yaml:9 messageExpression: give either message or messageExpression, not both',
    ]);
  });

  it('rejects ids of built-in checks and ids defined twice, naming the first definition', () => {
    expect(problems(`${META}expression: "true"\n`, { reservedIds: ['custom.x'] })).toEqual(['checks/c.yaml:1 id: custom.x is the id of a built-in check']);
    expect(problems(`${META}expression: "true"\n---\n${META}expression: "false"\n`)).toEqual(['checks/c.yaml:8 id: custom.x is already defined at checks/c.yaml:1']);
  });

  it('collects problems across files and reports YAML syntax errors with their line', () => {
    let message = '';
    try {
      compileCustomChecks([
        { file: 'a.yaml', text: 'id: [unclosed\n' },
        { file: 'b.yaml', text: `${META}expression: "nope(("\n` },
      ]);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/a\.yaml:\d+: /);
    expect(message).toContain('b.yaml:6 expression: CEL syntax error');
  });

  it('validates control ids against the compliance catalogues when given', async () => {
    const catalogues = await readCatalogues(['soc2']);
    const text = `${META}controls: [{ framework: soc2, id: CC9.9 }, { framework: soc2, id: CC8.1 }]\nexpression: "true"\n`;
    expect(() => compileCustomChecks([{ file: 'c.yaml', text }], { catalogues })).toThrowError(/c\.yaml:6 controls\[0\]\.id: CC9\.9 is not a control of SOC 2/);
  });

  it('does not collide with any built-in id: the custom. prefix is reserved', () => {
    expect(Object.keys(CHECK_REGISTRY).filter((id) => id.startsWith('custom.'))).toEqual([]);
  });
});

function byLine(a: string, b: string): number {
  const la = Number(/:(\d+) /.exec(a)?.[1]);
  const lb = Number(/:(\d+) /.exec(b)?.[1]);
  return la - lb;
}
