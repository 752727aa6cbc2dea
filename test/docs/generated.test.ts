/**
 * The generated documentation must match the metadata it is generated from. Each file is
 * rendered in memory exactly as scripts/generate-docs.mjs writes it; a difference means a
 * check or a catalogue changed without `npm run docs`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/checks/index.js';
import { readCatalogues } from '../../src/engine/compliance.js';
import { FRAMEWORKS } from '../../src/engine/types.js';
import { GENERATED_NOTICE, generatedDocs } from '../../src/report/catalogue.js';
import { compileCustomChecks } from '../../src/engine/custom-checks.js';
import { parseExceptions } from '../../src/engine/exceptions.js';

const root = new URL('../../', import.meta.url);
const files = generatedDocs(CHECKS, await readCatalogues(FRAMEWORKS));

describe('generated docs', () => {
  it('covers checks, severity and every framework', () => {
    expect(Object.keys(files).sort()).toEqual(
      ['docs/checks.md', 'docs/severity.md', 'docs/compliance/README.md', ...FRAMEWORKS.map((f) => `docs/compliance/${f}.md`)].sort(),
    );
  });

  it.each(Object.keys(files))('%s is up to date (run `npm run docs` when this fails)', (path) => {
    let committed: string | undefined;
    try {
      committed = readFileSync(new URL(path, root), 'utf8');
    } catch {
      committed = undefined;
    }
    expect(committed, `${path} is missing: run npm run docs`).toBeDefined();
    // Compare whole files, but report the first differing line: a 2,000-line diff helps nobody.
    const expected = files[path] as string;
    if (committed !== expected) {
      const a = (committed ?? '').split('\n');
      const b = expected.split('\n');
      const line = a.findIndex((l, i) => l !== b[i]);
      expect.fail(`${path} has drifted from the metadata at line ${line + 1}:\n  committed: ${a[line] ?? '(end of file)'}\n  generated: ${b[line] ?? '(end of file)'}\nRun npm run docs.`);
    }
  });

  it('marks every file as generated', () => {
    for (const text of Object.values(files)) expect(text).toContain(GENERATED_NOTICE);
  });

  it('documents every built-in check in checks.md and severity.md', () => {
    for (const check of CHECKS) {
      expect(files['docs/checks.md']).toContain(`### ${check.id}\n`);
      expect(files['docs/severity.md']).toContain(`[\`${check.id}\`]`);
    }
  });
});

describe('examples in docs/compliance/README.md', () => {
  const blocks = [...(files['docs/compliance/README.md'] as string).matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] as string);

  it('has a valid exceptions file example', () => {
    const example = blocks.find((b) => b.startsWith('exceptions:'));
    expect(parseExceptions(example as string, 'README.md').entries).toHaveLength(1);
  });

  it('has a valid custom check example', async () => {
    const example = blocks.find((b) => b.startsWith('id: custom.'));
    const [check] = compileCustomChecks([{ file: 'README.md', text: example as string }], { catalogues: await readCatalogues(FRAMEWORKS) });
    expect(check?.id).toBe('custom.no-host-network');
  });
});
