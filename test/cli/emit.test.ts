import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emit } from '../../src/cli/options.js';
import { memoryIO } from './harness.js';

describe('emit --output', () => {
  it('writes large output in chunks without splitting surrogate pairs', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rampart-emit-')), 'out.json');
    // 4 MiB chunks: place an astral character (two UTF-16 units) across the first chunk boundary.
    const text = 'a'.repeat((1 << 22) - 1) + '😀' + 'é'.repeat(1000) + '\n';
    await emit(memoryIO(), text, file);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('reports an unwritable path as a usage error', async () => {
    await expect(emit(memoryIO(), 'x', '/nonexistent-dir/out.json')).rejects.toThrow(/cannot write \/nonexistent-dir\/out.json: ENOENT/);
  });
});
