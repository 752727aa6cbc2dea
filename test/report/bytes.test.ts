import { describe, expect, it } from 'vitest';
import { ByteWriter, utf8 } from '../../src/report/bytes.js';

/** A writer whose sink copies what it is given (the buffer is reused), and a way to read the whole. */
function writer(): { w: ByteWriter; decode: () => string; calls: () => number } {
  const parts: Buffer[] = [];
  const w = new ByteWriter((bytes) => parts.push(Buffer.from(bytes)));
  return { w, decode: () => (w.end(), Buffer.concat(parts).toString('utf8')), calls: () => parts.length };
}

describe('ByteWriter', () => {
  it('writes text, fragments and integers as UTF-8', () => {
    const { w, decode } = writer();
    w.text('a').raw(utf8('ß')).int(-42).text('名前 🚀').int(0);
    expect(decode()).toBe('aß-42名前 🚀0');
  });

  it('writes JSON string literals exactly as JSON.stringify does', () => {
    const samples = ['', 'plain', 'quote " and \\ backslash', 'tab\tnewline\n', '\u0000\u001f\u007f', 'lone \ud800 high', 'lone \udc00 low', 'pair 😀', 'é'.repeat(200), 'x'.repeat(5000), `${'a'.repeat(300)}"`, `${'a'.repeat(100)}é`, `${'a'.repeat(50)}\n`, `${'a'.repeat(511)}\\`, `${'b'.repeat(90)}\ud83d`];
    const { w, decode } = writer();
    for (const s of samples) w.jsonString(s).text(',');
    expect(decode()).toBe(samples.map((s) => `${JSON.stringify(s)},`).join(''));
  });

  it('keeps every byte across chunk boundaries, including fragments larger than a chunk', () => {
    const { w, decode, calls } = writer();
    const expected: string[] = [];
    const big = 'ü'.repeat(700_000); // 1.4 MB of UTF-8, more than one chunk
    for (let i = 0; i < 40_000; i++) {
      const piece = i % 9999 === 0 ? big : `${i}:${'ab€'.repeat(i % 13)};`;
      if (i % 2 === 0) w.text(piece);
      else w.raw(utf8(piece));
      expected.push(piece);
    }
    const text = decode();
    expect(calls()).toBeGreaterThan(2);
    expect(text).toBe(expected.join(''));
  });
});
