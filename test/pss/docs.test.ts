/**
 * docs/pss.md lists every scan check with its level, versions, severity and controls; the list
 * is compared with the code so that it cannot drift.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PSS_CHECKS, PSS_SCAN_CHECKS } from '../../src/checks/pod-security/index.js';

const docsFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/pss.md');

function documentedRows(): string[] {
  const text = readFileSync(docsFile, 'utf8');
  const start = text.indexOf('<!-- pss-checks:start -->');
  const end = text.indexOf('<!-- pss-checks:end -->');
  return text
    .slice(start, end)
    .split('\n')
    .filter((line) => line.startsWith('| `pss.'));
}

function expectedRows(): string[] {
  return PSS_SCAN_CHECKS.map((check) => {
    const definition = PSS_CHECKS.find((d) => `pss.${d.id}` === check.id);
    const versions = definition?.versions.map((v) => v.minimumVersion).join(', ');
    const controls = check.controls.map((c) => `${c.framework} ${c.id}`).join(', ');
    return `| \`${check.id}\` | ${definition?.level} | ${versions} | ${check.severity} | ${controls} |`;
  });
}

describe('docs/pss.md', () => {
  it('lists every scan check as the code defines it', () => {
    expect(documentedRows()).toEqual(expectedRows());
  });
});
