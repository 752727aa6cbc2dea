/** An in-memory CliIO for running commands in tests. */
import { Readable } from 'node:stream';
import type { CliIO } from '../../src/cli/io.js';

export interface CapturedIO extends CliIO {
  out(): string;
  err(): string;
}

export function memoryIO(stdinText = '', options: { tty?: boolean } = {}): CapturedIO {
  let out = '';
  let err = '';
  return {
    stdout: { write: (s: string | Uint8Array) => (out += typeof s === 'string' ? s : Buffer.from(s).toString('utf8')), isTTY: options.tty ?? false },
    stderr: { write: (s: string) => (err += s), isTTY: options.tty ?? false },
    stdin: Readable.from([Buffer.from(stdinText)]),
    cwd: process.cwd(),
    env: {},
    out: () => out,
    err: () => err,
  };
}
