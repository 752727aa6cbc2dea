/**
 * Where the package's `data/` directory is. The compiled library (`dist/<layer>/…`), the bundled
 * CLI (`dist/bin/…`) and the sources under test (`src/<layer>/…`) sit at different depths, so the
 * directory is found by walking up from this module rather than by a fixed relative path.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findDataDir(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, 'data');
    if (existsSync(join(candidate, 'compliance')) && existsSync(join(candidate, 'rbac'))) return candidate;
    if (dirname(dir) === dir) return join(start, '..', 'data');
  }
}

/** The absolute path of the package's `data/` directory. */
export const DATA_DIR = findDataDir(dirname(fileURLToPath(import.meta.url)));
