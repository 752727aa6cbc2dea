import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emit, threadsFromEnv } from '../../src/cli/options.js';
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

describe('emit of streamed bytes', () => {
  /** A producer that reuses one buffer, as the JSON reporter does. */
  const producer = (pieces: string[]) => (sink: (bytes: Uint8Array) => void) => {
    const buffer = Buffer.alloc(64);
    for (const piece of pieces) {
      const n = buffer.write(piece);
      sink(buffer.subarray(0, n));
      buffer.fill(0x3f);
    }
  };

  it('writes every piece to the file before the producer reuses its buffer', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rampart-emit-')), 'out.json');
    await emit(memoryIO(), producer(['{"a":', '"é😀"', '}\n']), file);
    expect(readFileSync(file, 'utf8')).toBe('{"a":"é😀"}\n');
  });

  it('copies each piece it hands to stdout, which may keep it', async () => {
    const kept: Uint8Array[] = [];
    const io = { ...memoryIO(), stdout: { write: (chunk: string | Uint8Array) => kept.push(chunk as Uint8Array) } };
    await emit(io, producer(['one ', 'two ', 'three']), undefined);
    expect(Buffer.concat(kept).toString('utf8')).toBe('one two three');
  });
});

describe('RAMPART_THREADS', () => {
  it('is a positive integer or unset', () => {
    expect(threadsFromEnv({})).toEqual({});
    expect(threadsFromEnv({ RAMPART_THREADS: '' })).toEqual({});
    expect(threadsFromEnv({ RAMPART_THREADS: '1' })).toEqual({ threads: 1 });
    expect(threadsFromEnv({ RAMPART_THREADS: '12' })).toEqual({ threads: 12 });
    for (const bad of ['0', '-1', '1.5', 'two', ' 2']) expect(() => threadsFromEnv({ RAMPART_THREADS: bad })).toThrow(/RAMPART_THREADS must be a positive integer/);
  });
});
