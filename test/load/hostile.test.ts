/**
 * Hostile inputs: each ends in a clear error or a result within seconds, and the summary
 * accounts for every document.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInputs, loadText, type LoadResult } from '../../src/load/index.js';

const pod = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n    - name: app\n      image: nginx\n`;

function accounted(result: LoadResult): void {
  const s = result.summary;
  expect(s.documents).toBe(s.resources + s.skipped + s.failed);
}

function timed<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

describe('hostile inputs', () => {
  it('refuses an alias bomb with an error, and keeps the documents around it', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const bomb = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n${levels.map((l) => '  ' + l).join('\n')}\n`;
    const { value: result, ms } = timed(() => loadText(`${pod('before')}---\n${bomb}---\n${pod('after')}`, 'bomb.yaml'));
    expect(ms).toBeLessThan(5000);
    expect(result.resources.map((r) => r.name)).toEqual(['before', 'after']);
    expect(result.errors[0]?.message).toMatch(/alias bomb/);
    expect(result.errors[0]?.line).toBe(10);
    accounted(result);
  });

  it('loads a 50 MB document within seconds', () => {
    const value = 'x'.repeat(1024);
    const lines: string[] = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: huge', 'data:'];
    let size = 0;
    for (let i = 0; size < 50 * 1024 * 1024; i++) {
      const line = `  key${i}: ${value}`;
      lines.push(line);
      size += line.length + 1;
    }
    const text = lines.join('\n') + '\n';
    expect(text.length).toBeGreaterThanOrEqual(50 * 1024 * 1024);
    const { value: result, ms } = timed(() => loadText(text, 'huge.yaml'));
    expect(ms).toBeLessThan(20_000);
    expect(result.resources).toHaveLength(1);
    const last = Object.keys((result.resources[0]?.body['data'] ?? {}) as object).length;
    expect(result.resources[0]?.source.positions?.locate(`/data/key${last - 1}`).line).toBe(lines.length);
    accounted(result);
  });

  it('skips a binary file and counts it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rampart-hostile-'));
    writeFileSync(join(dir, 'image.yaml'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01, 0xff, 0xfe]));
    writeFileSync(join(dir, 'ok.yaml'), pod('ok'));
    const result = await loadInputs([dir]);
    expect(result.skipped).toEqual([{ file: join(dir, 'image.yaml'), reason: 'binary file' }]);
    expect(result.resources.map((r) => r.name)).toEqual(['ok']);
    accounted(result);
  });

  it('fails only the documents that hold invalid UTF-8, naming the line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rampart-hostile-'));
    const bad = Buffer.concat([Buffer.from(`${pod('a')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\ndata:\n  k: "`), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(`"\n---\n${pod('c')}`)]);
    writeFileSync(join(dir, 'bad.yaml'), bad);
    const result = await loadInputs([join(dir, 'bad.yaml')]);
    expect(result.resources.map((r) => r.name)).toEqual(['a', 'c']);
    expect(result.errors).toEqual([{ file: join(dir, 'bad.yaml'), line: 15, message: 'invalid UTF-8 byte sequence' }]);
    accounted(result);
  });

  it('reports YAML nested 10,000 deep as an error', () => {
    const deep = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n  x: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;
    const deepBlock = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep2}\nx:\n${Array.from({ length: 10_000 }, (_, i) => ' '.repeat(i + 1) + 'k:').join('\n')} 1\n`;
    const { value: result, ms } = timed(() => loadText(`${deep}---\n${deepBlock}---\n${pod('fine')}`, 'deep.yaml'));
    expect(ms).toBeLessThan(10_000);
    expect(result.resources.map((r) => r.name)).toEqual(['fine']);
    expect(result.errors).toHaveLength(2);
    expect(result.errors[0]).toMatchObject({ line: 5, message: expect.stringMatching(/nesting|deep/) });
    accounted(result);
  });

  it('reports duplicate keys as an error with the line', () => {
    const result = loadText(`${pod('a')}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: b\n  labels: {x: "1", x: "2"}\n`);
    expect(result.resources.map((r) => r.name)).toEqual(['a']);
    expect(result.errors[0]).toMatchObject({ line: 14, message: expect.stringContaining('duplicated mapping key') });
    accounted(result);
  });

  it('loads a file of 10,000 documents', () => {
    const text = Array.from({ length: 10_000 }, (_, i) => pod(`p${i}`)).join('---\n');
    const { value: result, ms } = timed(() => loadText(text, 'many.yaml'));
    expect(ms).toBeLessThan(10_000);
    expect(result.summary).toEqual({ documents: 10_000, resources: 10_000, skipped: 0, failed: 0 });
    expect(result.resources[9_999]?.source.line).toBe(9_999 * 9 + 1);
  });

  it('loads 10,000 documents with one broken in the middle, losing only that one', () => {
    const docs = Array.from({ length: 10_000 }, (_, i) => pod(`p${i}`));
    docs[5000] = 'apiVersion: v1\nkind: Pod\nmetadata: {name: [oops\n';
    const result = loadText(docs.join('---\n'), 'many.yaml');
    expect(result.summary).toEqual({ documents: 10_000, resources: 9_999, skipped: 0, failed: 1 });
    expect(result.errors[0]?.line).toBeGreaterThanOrEqual(5000 * 9 + 1);
  });
});
