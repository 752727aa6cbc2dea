/**
 * The contract every reporter honours, run against the same cases: whatever the format, a
 * report is complete, deterministic, well-formed, fast, colourless unless asked, and prints
 * only what the findings say.
 */
import { describe, expect, it } from 'vitest';
import type { ScanResult } from '../../src/engine/types.js';
import { REPORTERS, getReporter, type Reporter, type ReportOptions } from '../../src/report/index.js';
import { carries, decodedStrings, decodedText } from './decode.js';
import { TEST_VERSION, contractCases, finding, manyFindings, scanResult } from './fixtures.js';

const OPTIONS: ReportOptions = { color: false, toolVersion: TEST_VERSION };

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function reversed(result: ScanResult): ScanResult {
  return { ...result, findings: [...result.findings].reverse(), checks: [...result.checks].reverse() };
}

/** The strings a reader must find in any report of `result`. */
function mustCarry(result: ScanResult): string[] {
  // 10k messages × a linear search per message would test the test, not the reporter: sample.
  const findings = result.findings.length > 100 ? result.findings.filter((_, i) => i % 97 === 0) : result.findings;
  return [
    ...findings.flatMap((f) => [f.message, f.checkId, f.resource.name]),
    ...result.errors.map((e) => e.message),
  ];
}

const reporters = Object.entries(REPORTERS) as Array<[string, Reporter]>;

describe.each(reporters)('reporter contract: %s', (format, reporter) => {
  it('is registered under its own format name', () => {
    expect(reporter.format).toBe(format);
    expect(getReporter(format)).toBe(reporter);
  });

  describe.each(Object.entries(contractCases()))('case %s', (_name, result) => {
    const frozen = deepFreeze(result);

    it('renders a complete document ending in one newline, without mutating the result', () => {
      const output = reporter.render(frozen, OPTIONS);
      expect(output.endsWith('\n')).toBe(true);
      expect(output.endsWith('\n\n')).toBe(false);
      const text = decodedText(format, output);
      for (const needle of mustCarry(frozen)) expect(text.includes(needle), needle).toBe(true);
    });

    it('is deterministic and independent of the order of findings and checks', () => {
      const first = reporter.render(frozen, OPTIONS);
      expect(reporter.render(frozen, OPTIONS)).toBe(first);
      expect(reporter.render(reversed(frozen), OPTIONS)).toBe(first);
    });

    it('prints no colour codes when colour is off', () => {
      expect(reporter.render(frozen, OPTIONS)).not.toContain('\u001b');
    });
  });

  it('renders 10,000 findings in well under a second', () => {
    const result = manyFindings(10_000);
    reporter.render(result, OPTIONS); // warm-up: JIT, not the reporter, would dominate a cold first call
    const start = performance.now();
    const output = reporter.render(result, OPTIONS);
    const elapsed = performance.now() - start;
    expect(elapsed).toBeLessThan(1_000);
    expect(carries(format, output, 'finding 9999 of check')).toBe(true);
  });

  it('keeps control characters, lone surrogates and terminal escapes from breaking the output', () => {
    const nasty = 'a\u0000b\u0007c\u001b[2Jd\ud800e\u202eevil\nnext';
    const result = scanResult({
      findings: [finding({ message: nasty, resource: { apiVersion: 'v1', kind: 'Pod', name: nasty } })],
      errors: [{ file: `x${nasty}.yaml`, line: 1, message: nasty }],
      skipped: [{ file: 'y.yaml', reason: nasty }],
    });
    const output = reporter.render(result, OPTIONS);
    // No raw ESC or BEL in any format: JSON escapes them, XML replaces them, text shows them.
    expect(output).not.toMatch(/[\u0000\u0007\u001b]/);
    expect(decodedStrings(format, output).join('\n')).toContain('d');
  });

  it('prints only what is in findings: never resource bodies smuggled onto a finding', () => {
    const secret = 'c3VwZXItc2VjcmV0LXZhbHVl';
    const body = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, data: { password: secret } };
    // A whole Resource is structurally a ResourceRef: an engine could pass one by mistake.
    const resource = { apiVersion: 'v1', kind: 'Secret', namespace: 'shop', name: 'db', body, labels: {}, annotations: {} };
    const smuggled = { ...finding({ resource }), body, raw: secret };
    const result = scanResult({
      findings: [smuggled],
      errors: [{ file: 'k8s/secret.yaml', line: 1, message: 'check threw', checkId: 'pss.privileged', resource }],
    });
    const output = reporter.render(result, OPTIONS);
    expect(output).not.toContain(secret);
    expect(output).not.toContain('password');
  });
});

describe('getReporter', () => {
  it('names every valid format when the format is unknown', () => {
    expect(() => getReporter('yaml')).toThrowError(/unknown report format "yaml"; valid formats: text, json, sarif, junit/);
  });

  it('does not resolve inherited object keys as formats', () => {
    expect(() => getReporter('toString')).toThrowError(/valid formats/);
    expect(() => getReporter('__proto__')).toThrowError(/valid formats/);
  });
});
