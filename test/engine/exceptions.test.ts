import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/checks/index.js';
import { ConfigError } from '../../src/errors.js';
import { applyExceptions, globToRegExp, isExpired, parseExceptions } from '../../src/engine/exceptions.js';
import { assembleScan, shouldFail } from '../../src/engine/scan.js';
import type { Finding } from '../../src/engine/types.js';
import { loadText } from '../../src/load/index.js';

const SETTINGS = { pssLevel: 'restricted', pssVersion: '1.37' } as const;
const NOW = new Date('2026-06-15T12:00:00Z');

const MANIFESTS = `apiVersion: v1
kind: Pod
metadata:
  name: legacy-billing
  namespace: shop-eu
  labels: { team: payments }
spec:
  containers:
    - name: app
      image: billing:1.0
      securityContext: { privileged: true }
---
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: { team: storefront }
spec:
  containers:
    - name: app
      image: web:1.0
      securityContext: { privileged: true }
`;

function scan(exceptionsYaml: string) {
  return assembleScan(loadText(MANIFESTS, 'k8s/pods.yaml'), CHECKS, {
    settings: SETTINGS,
    exceptions: parseExceptions(exceptionsYaml, 'exceptions.yaml'),
    now: NOW,
  });
}

const privilegedOn = (findings: readonly Finding[]) => findings.filter((f) => f.checkId === 'pss.privileged').map((f) => f.resource.name).sort();

describe('globToRegExp', () => {
  it('matches * and ? and escapes everything else', () => {
    expect(globToRegExp('pss.*').test('pss.privileged')).toBe(true);
    expect(globToRegExp('pss.*').test('pssXprivileged')).toBe(false);
    expect(globToRegExp('shop-??').test('shop-eu')).toBe(true);
    expect(globToRegExp('shop-??').test('shop-eur')).toBe(false);
    expect(globToRegExp('a+b(c)').test('a+b(c)')).toBe(true);
  });
});

describe('isExpired', () => {
  it('applies through the whole expiry day, UTC', () => {
    expect(isExpired({ expires: '2026-06-15' }, new Date('2026-06-15T23:59:59Z'))).toBe(false);
    expect(isExpired({ expires: '2026-06-15' }, new Date('2026-06-16T00:00:00Z'))).toBe(true);
    expect(isExpired({ expires: '2026-06-14' }, NOW)).toBe(true);
  });
});

describe('exceptions applied to a scan', () => {
  it('hides matching findings by kind, namespace and name globs and labels; counts them as suppressed', () => {
    const result = scan(`exceptions:
  - checkId: pss.privileged
    resource: { kind: Pod, namespace: shop-*, name: legacy-*, labels: { team: pay* } }
    reason: vendor image
    owner: payments@example.com
    expires: 2026-12-31
`);
    expect(privilegedOn(result.findings)).toEqual(['web']);
    expect(result.summary.suppressed).toBe(1);
    expect(result.findings.some((f) => f.checkId.startsWith('governance.exception'))).toBe(false);
  });

  it('matches a resource without metadata.namespace as namespace "default"', () => {
    const result = scan(`- checkId: pss.privileged
  resource: { namespace: default }
  reason: r
  owner: o
  expires: 2026-12-31
`);
    expect(privilegedOn(result.findings)).toEqual(['legacy-billing']);
  });

  it('does not match when a label differs or is missing', () => {
    const result = scan(`exceptions:
  - checkId: pss.privileged
    resource: { labels: { team: platform } }
    reason: r
    owner: o
    expires: 2026-12-31
`);
    expect(privilegedOn(result.findings)).toEqual(['legacy-billing', 'web']);
    expect(result.findings.find((f) => f.checkId === 'governance.exception-unused')).toMatchObject({
      file: 'exceptions.yaml',
      line: 2,
      resource: { kind: 'Exception', name: 'exceptions[0]' },
      message: 'exception for pss.privileged on team=platform (owner o) matched no finding',
    });
  });

  it('stops applying an expired exception: its findings count again and it is reported', () => {
    const result = scan(`exceptions:
  - checkId: "*"
    reason: everything, once
    owner: ops
    expires: 2026-01-31
`);
    expect(privilegedOn(result.findings)).toEqual(['legacy-billing', 'web']);
    expect(shouldFail(result, 'high')).toBe(true);
    const expired = result.findings.filter((f) => f.checkId === 'governance.exception-expired');
    expect(expired).toHaveLength(1);
    expect(expired[0]?.message).toContain('expired on 2026-01-31');
    expect(expired[0]?.path).toBe('/exceptions/0/expires');
    expect(result.findings.some((f) => f.checkId === 'governance.exception-unused')).toBe(false);
  });

  it('never lets an exception hide the governance of exceptions', () => {
    const result = scan(`exceptions:
  - checkId: "governance.*"
    reason: hide governance
    owner: ops
    expires: 2026-01-01
`);
    expect(result.findings.some((f) => f.checkId === 'governance.exception-expired')).toBe(true);
  });

  it('has fingerprints that identify the exception, stable across runs', () => {
    const text = `exceptions:
  - checkId: no-such-check.*
    reason: r
    owner: o
    expires: 2026-12-31
`;
    const a = scan(text).findings.find((f) => f.checkId === 'governance.exception-unused');
    const b = scan(`# moved down\n\n${text}`).findings.find((f) => f.checkId === 'governance.exception-unused');
    expect(a?.fingerprint).toBe(b?.fingerprint);
    expect(a?.line).not.toBe(b?.line);
  });

  it('applyExceptions is pure: the input findings are untouched', () => {
    const findings = Object.freeze(scan('exceptions: []\n').findings.map((f) => Object.freeze({ ...f })));
    const outcome = applyExceptions(findings, { file: 'x', entries: [] }, NOW);
    expect(outcome.findings).toEqual([...findings]);
    expect(outcome.excepted).toBe(0);
  });
});

describe('parseExceptions', () => {
  function problems(text: string): string[] {
    try {
      parseExceptions(text, 'ex.yaml');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as ConfigError).issues.map((i) => `${i.path}: ${i.message}`);
    }
    return [];
  }

  it('accepts a list under exceptions: or a bare list', () => {
    const entry = 'checkId: a\n  reason: r\n  owner: o\n  expires: 2026-01-01';
    expect(parseExceptions(`exceptions:\n  - ${entry.replace(/\n {2}/g, '\n    ')}\n`, 'x').entries).toHaveLength(1);
    expect(parseExceptions(`- ${entry}\n`, 'x').entries).toHaveLength(1);
  });

  it('lists every problem with its path and line', () => {
    expect(
      problems(`exceptions:
  - checkId: pss.*
    reason: ""
    expires: 2026-13-01
    resource:
      kind: 7
      labels: { a: [1] }
  - "just a string"
  - checkId: x
    reason: r
    owner: o
    expires: 2026-01-01
    ticket: JIRA-1
extra: true
`),
    ).toEqual([
      'ex.yaml:2 exceptions[0].owner: is required',
      'ex.yaml:3 exceptions[0].reason: must be a non-empty string',
      'ex.yaml:4 exceptions[0].expires: must be a date written YYYY-MM-DD (got "2026-13-01")',
      'ex.yaml:6 exceptions[0].resource.kind: must be a non-empty string (a glob)',
      'ex.yaml:7 exceptions[0].resource.labels.a: must be a string',
      'ex.yaml:8 exceptions[1]: an exception is a mapping with checkId, resource, reason, owner and expires',
      'ex.yaml:13 exceptions[2].ticket: unknown key (expected checkId, resource, reason, owner, expires)',
      'ex.yaml:14 extra: unknown key (expected exceptions)',
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(problems('exceptions:\n  - checkId: [unclosed\n')[0]).toMatch(/^ex\.yaml:\d+: /);
  });

  it('rejects a file without a list', () => {
    expect(problems('hello: world\n')).toContain('ex.yaml:1 exceptions: expected a list of exceptions under "exceptions:"');
  });
});
