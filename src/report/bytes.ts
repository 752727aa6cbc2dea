/**
 * A streaming UTF-8 writer for reporters that write large documents. Writing the bytes directly —
 * constant fragments copied, short ASCII strings written code unit by code unit — skips building a
 * large JavaScript string only to encode it again for the file or the pipe, and handing each full
 * chunk to a sink that consumes it at once keeps the memory of a report of any size at one chunk.
 */

/** Receives consecutive pieces of the document. The bytes are valid only during the call: a sink that keeps them copies them. */
export type ByteSink = (bytes: Uint8Array) => void;

/** Characters that a JSON string literal must escape; surrogates are left to `JSON.stringify`, which escapes lone ones. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** Strings shorter than this are checked and copied in one pass when they are plain ASCII (messages, paths, names). */
const INLINE_JSON = 512;
/** Below this length a string is copied in a loop; above it the native encoder is cheaper. */
const SHORT = 96;

/** Bytes per chunk: few enough calls to the sink, small enough to be one reused buffer. */
const CHUNK = 1 << 20;

export class ByteWriter {
  /** One buffer, reused: allocating a fresh one per chunk would add tens of megabytes of external memory, which makes V8 collect the whole heap. */
  private readonly buffer = Buffer.allocUnsafe(CHUNK);
  private length = 0;

  constructor(private readonly sink: ByteSink) {}

  /** Hands what is still buffered to the sink; call once at the end. */
  end(): void {
    this.flush();
  }

  /** Appends bytes as they are (a pre-encoded fragment). */
  raw(bytes: Uint8Array): this {
    const n = bytes.length;
    if (n > CHUNK) {
      this.flush();
      this.sink(bytes);
      return this;
    }
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
    const n = text.length;
    if (n < INLINE_JSON) {
      // One pass for the common case — short and printable ASCII — checking and copying together.
      this.reserve(n + 2);
      const buffer = this.buffer;
      let at = this.length;
      buffer[at++] = QUOTE;
      let i = 0;
      for (; i < n; i++) {
        const c = text.charCodeAt(i);
        if (c < 0x20 || c === QUOTE || c === BACKSLASH || c >= 0x80) break;
        buffer[at++] = c;
      }
      if (i === n) {
        buffer[at++] = QUOTE;
        this.length = at;
        return this;
      }
      // Something to escape or encode: start over the careful way.
    }
    if (NEEDS_ESCAPE.test(text)) return this.text(JSON.stringify(text));
    this.reserve(1);
    this.buffer[this.length++] = QUOTE;
    this.text(text);
    this.reserve(1);
    this.buffer[this.length++] = QUOTE;
    return this;
  }

  /** Makes room for `extra` (at most one chunk) more bytes, handing the buffered bytes to the sink when needed. */
  private reserve(extra: number): void {
    if (this.length + extra > CHUNK) this.flush();
  }

  private flush(): void {
    if (this.length === 0) return;
    this.sink(this.buffer.subarray(0, this.length));
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
