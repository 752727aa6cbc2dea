/**
 * Where the team's shared reference material lives: `$RAMPART_SHARED`, or `../shared` beside the
 * project (as in CI). Tests read fixtures and schemas from there and never copy them.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * @example
 * sharedPath('schemas', 'sarif', 'sarif-schema-2.1.0.json')
 */
export function sharedPath(...segments: string[]): string {
  const root = process.env['RAMPART_SHARED'] ?? path.resolve(projectRoot, '../shared');
  return path.resolve(root, ...segments);
}
