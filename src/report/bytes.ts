/**
 * A growable UTF-8 byte buffer for reporters that write large documents. Writing the bytes
 * directly — constant fragments copied, short ASCII strings written code unit by code unit —
 * skips building a large JavaScript string only to encode it again for the file or the pipe.
 */

/** Characters that a JSON string literal must escape; surrogates are left to `JSON.stringify`, which escapes lone ones. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
const QUOTE = 0x22;
/** Below this length a string is copied in a loop; above it the native encoder is cheaper. */
const SHORT = 96;

/** Bytes per chunk: large enough that chunk boundaries are rare, small enough never to be copied. */
const CHUNK = 1 << 20;

export class ByteWriter {
  /** Filled chunks; the document is never copied as it grows, and no single huge allocation is made until the end. */
  private readonly full: Buffer[] = [];
  private buffer = Buffer.allocUnsafe(CHUNK);
  private length = 0;

  /**
   * The bytes written, as chunks in order. Not joined: a report of tens of megabytes would need a
   * second copy, and that much new memory at once makes V8 collect the whole heap.
   */
  chunks(): Buffer[] {
    return [...this.full, this.buffer.subarray(0, this.length)];
  }

  /** Appends bytes as they are (a pre-encoded fragment). */
  raw(bytes: Uint8Array): this {
    const n = bytes.length;
    this.reserve(n);
    if (n < SHORT) {
      // A loop beats TypedArray#set's call overhead for the short fragments a report is made of.
      const buffer = this.buffer;
      let at = this.length;
      for (let i = 0; i < n; i++) buffer[at++] = bytes[i] as number;
      this.length = at;
    } else {
      this.buffer.set(bytes, this.length);
      this.length += n;
    }
    return this;
  }

  /** Appends a string as UTF-8. */
  text(text: string): this {
    const n = text.length;
    if (n * 3 > CHUNK) return this.raw(Buffer.from(text, 'utf8'));
    this.reserve(n * 3);
    if (n < SHORT) {
      const buffer = this.buffer;
      let at = this.length;
      let i = 0;
      for (; i < n; i++) {
        const c = text.charCodeAt(i);
        if (c >= 0x80) break;
        buffer[at++] = c;
      }
      if (i === n) {
        this.length = at;
        return this;
      }
    }
    this.length += this.buffer.write(text, this.length, 'utf8');
    return this;
  }

  /** Appends an integer in decimal. */
  int(n: number): this {
    return this.text(String(n));
  }

  /** Appends `text` as a JSON string literal, exactly as `JSON.stringify(text)` writes it. */
  jsonString(text: string): this {
    if (NEEDS_ESCAPE.test(text)) return this.text(JSON.stringify(text));
    this.reserve(1);
    this.buffer[this.length++] = QUOTE;
    this.text(text);
    this.reserve(1);
    this.buffer[this.length++] = QUOTE;
    return this;
  }

  /** Makes room for `extra` more bytes in the current chunk, starting a new chunk when needed. */
  private reserve(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    if (extra > CHUNK) {
      // Only `raw` asks for more than a chunk: give it a chunk of its own size.
      this.full.push(this.buffer.subarray(0, this.length));
      this.buffer = Buffer.allocUnsafe(extra);
    } else {
      this.full.push(this.buffer.subarray(0, this.length));
      this.buffer = Buffer.allocUnsafe(CHUNK);
    }
    this.length = 0;
  }
}

/**
 * A string's UTF-8 bytes, for fragments written many times.
 *
 * @example
 * const comma = utf8(',\n    ');
 */
export function utf8(text: string): Buffer {
  return Buffer.from(text, 'utf8');
}
