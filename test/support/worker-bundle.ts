/**
 * Tests run the TypeScript sources, which a worker thread cannot load. This bundles a worker
 * entry (and everything it imports) into one ES module with rolldown, so the parallel code paths
 * run the very sources under test.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'rolldown';

const OUT = join(process.cwd(), 'node_modules', '.cache', 'rampart-test-workers');

/**
 * Bundles `entry` (a path relative to the repository) and returns the bundle's URL.
 *
 * @example
 * const workerUrl = await bundleWorker('src/load/worker.ts');
 */
export async function bundleWorker(entry: string): Promise<URL> {
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, `${entry.replace(/[^A-Za-z0-9]+/g, '-')}-${process.pid}-${Math.random().toString(36).slice(2)}.mjs`);
  await build({ input: entry, platform: 'node', output: { file, format: 'esm' }, logLevel: 'silent' });
  return pathToFileURL(file);
}
