/**
 * Baselines match findings by fingerprint, so a fingerprint must survive everything that does
 * not change what the finding is about: reordering documents, reformatting the YAML
 * (indentation, flow vs block style, quoting, comments) and unrelated edits. It must change
 * when the finding is about something else (another resource, another field).
 */
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/checks/index.js';
import { applyBaseline, parseBaseline, renderBaseline } from '../../src/engine/baseline.js';
import { assembleScan, shouldFail } from '../../src/engine/scan.js';
import { loadText } from '../../src/load/index.js';

const SETTINGS = { pssLevel: 'restricted', pssVersion: '1.37' } as const;

function fingerprints(yaml: string, file = 'k8s/app.yaml'): string[] {
  const result = assembleScan(loadText(yaml, file), CHECKS, { settings: SETTINGS });
  expect(result.errors).toEqual([]);
  return result.findings.map((f) => `${f.checkId} ${f.fingerprint}`).sort();
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: cart
  namespace: shop
spec:
  replicas: 1
  selector:
    matchLabels:
      app: cart
  template:
    metadata:
      labels:
        app: cart
    spec:
      hostNetwork: true
      containers:
        - name: app
          image: shop/cart:latest
          securityContext:
            privileged: true
            capabilities:
              add: ["NET_ADMIN"]
`;

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: cart
  namespace: shop
spec:
  type: NodePort
  selector:
    app: cart
  ports:
    - port: 80
`;

const ROLE = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: everything
rules:
  - apiGroups: ["*"]
    resources: ["*"]
    verbs: ["*"]
`;

const REFORMATTED = `# the cart service, reformatted by a different editor
apiVersion: "apps/v1"
kind: Deployment
metadata: {name: cart, namespace: "shop"}   # flow style
spec:
    replicas: 1
    selector: {matchLabels: {app: cart}}
    template:
        metadata:
            labels: {app: cart}
        spec:
            hostNetwork: true
            containers:
            -   name: app
                image: 'shop/cart:latest'
                securityContext: {privileged: true, capabilities: {add: [NET_ADMIN]}}
`;

const baseline = fingerprints([DEPLOYMENT, SERVICE, ROLE].join('---\n'));

describe('finding fingerprints', () => {
  it('produce findings to compare (the fixture is not trivially clean)', () => {
    expect(baseline.length).toBeGreaterThan(5);
    expect(baseline.some((f) => f.startsWith('pss.privileged '))).toBe(true);
  });

  it('are stable when documents are reordered', () => {
    expect(fingerprints([ROLE, SERVICE, DEPLOYMENT].join('---\n'))).toEqual(baseline);
    expect(fingerprints([SERVICE, DEPLOYMENT, ROLE].join('---\n'))).toEqual(baseline);
  });

  it('are stable when documents move to other files', () => {
    const split = [
      ...fingerprints(DEPLOYMENT, 'a/deploy.yaml'),
      ...fingerprints(SERVICE, 'b/service.yaml'),
      ...fingerprints(ROLE, 'c/role.yaml'),
    ];
    // Inventory-level checks see less when resources are scanned apart; compare the per-resource ones.
    const perResource = (list: string[]) => list.filter((f) => /^(pss|workload|image|rbac)\./.test(f));
    expect(perResource(split).sort()).toEqual(perResource(baseline));
  });

  it('are stable under reformatting: indentation, flow vs block style, quoting, comments', () => {
    expect(fingerprints([REFORMATTED, SERVICE, ROLE].join('---\n'))).toEqual(baseline);
  });

  it('are stable under unrelated edits: labels, annotations, replicas, image tag-independent fields', () => {
    const edited = DEPLOYMENT.replace('  namespace: shop\n', '  namespace: shop\n  annotations:\n    owner: team-cart\n')
      .replace('        app: cart\n    spec:', '        app: cart\n        tier: web\n    spec:')
      .replace('          image: shop/cart:latest\n', '          image: shop/cart:latest\n          env:\n            - name: MODE\n              value: production\n');
    expect(fingerprints([edited, SERVICE, ROLE].join('---\n'))).toEqual(baseline);
  });

  it('are stable when a blank line or a comment shifts every line number', () => {
    const shifted = `# header\n\n\n${[DEPLOYMENT, SERVICE, ROLE].join('---\n# separator comment\n')}`;
    expect(fingerprints(shifted)).toEqual(baseline);
  });

  it('change when the finding concerns another resource', () => {
    const renamed = fingerprints([DEPLOYMENT.replace(/name: cart\n {2}namespace/, 'name: basket\n  namespace'), SERVICE, ROLE].join('---\n'));
    const privileged = (list: string[]) => list.filter((f) => f.startsWith('pss.privileged '));
    expect(privileged(renamed)).not.toEqual(privileged(baseline));
  });
});

describe('baseline round trip', () => {
  it('marks every finding of an unchanged input, so the run no longer fails', () => {
    const loaded = loadText([DEPLOYMENT, SERVICE, ROLE].join('---\n'), 'k8s/app.yaml');
    const first = assembleScan(loaded, CHECKS, { settings: SETTINGS });
    expect(shouldFail(first, 'high')).toBe(true);
    const file = renderBaseline(first.findings);
    const again = assembleScan(loadText([REFORMATTED, ROLE, SERVICE].join('---\n'), 'moved/app.yaml'), CHECKS, {
      settings: SETTINGS,
      baseline: parseBaseline(file, 'baseline.json'),
    });
    expect(again.findings.length).toBe(first.findings.length);
    expect(again.findings.every((f) => f.baseline === true)).toBe(true);
    expect(again.summary.baselined).toBe(again.findings.length);
    expect(shouldFail(again, 'high')).toBe(false);
  });

  it('renders deterministically, sorted and free of positions', () => {
    const result = assembleScan(loadText([DEPLOYMENT, SERVICE, ROLE].join('---\n'), 'k8s/app.yaml'), CHECKS, { settings: SETTINGS });
    const text = renderBaseline(result.findings);
    expect(renderBaseline([...result.findings].reverse())).toBe(text);
    expect(text).not.toContain('k8s/app.yaml');
    expect(text).not.toMatch(/"line"/);
  });

  it('keeps the original findings untouched', () => {
    const result = assembleScan(loadText(DEPLOYMENT, 'a.yaml'), CHECKS, { settings: SETTINGS });
    const frozen = Object.freeze([...result.findings].map((f) => Object.freeze({ ...f })));
    const { findings, baselined } = applyBaseline(frozen, { file: 'b.json', fingerprints: new Set([frozen[0]!.fingerprint]) });
    expect(baselined).toBeGreaterThanOrEqual(1);
    expect(findings[0]).not.toBe(frozen[0]);
    expect(frozen[0]).not.toHaveProperty('baseline');
  });
});
