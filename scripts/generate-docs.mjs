#!/usr/bin/env node
/**
 * Regenerates the documentation that is derived from the check metadata and the compliance
 * catalogues: docs/checks.md, docs/severity.md, docs/compliance/README.md and
 * docs/compliance/<framework>.md. The renderers live in src/report/catalogue.ts; this script
 * runs them from the compiled output, so build first (`npm run docs` does both).
 *
 *   node scripts/generate-docs.mjs          write the files
 *   node scripts/generate-docs.mjs --check  exit 1, listing the stale files, when any differs
 *
 * test/docs/generated.test.ts renders the same files in memory and fails when a committed
 * file has drifted from the metadata.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = (path) => new URL(`../dist/${path}`, import.meta.url).href;

const { CHECKS } = await import(dist('checks/index.js'));
const { readCatalogues } = await import(dist('engine/compliance.js'));
const { FRAMEWORKS } = await import(dist('engine/types.js'));
const { generatedDocs } = await import(dist('report/catalogue.js'));

const files = generatedDocs(CHECKS, await readCatalogues(FRAMEWORKS));
const checkOnly = process.argv.includes('--check');
const stale = [];
for (const [path, text] of Object.entries(files)) {
  const target = join(root, path);
  const current = await readFile(target, 'utf8').catch(() => undefined);
  if (current === text) continue;
  stale.push(path);
  if (!checkOnly) {
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, text);
  }
}
if (checkOnly && stale.length > 0) {
  console.error(`stale generated docs (run npm run docs):\n  ${stale.join('\n  ')}`);
  process.exitCode = 1;
} else {
  console.log(stale.length === 0 ? 'generated docs are up to date' : `wrote ${stale.join(', ')}`);
}
