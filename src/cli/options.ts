/** Parsers for option values shared by several commands; each rejects a bad value with a UsageError naming the choices. */
import { closeSync, openSync, writeSync } from 'node:fs';
import { SEVERITIES, type PssLevel, type Severity } from '../engine/types.js';
import { UsageError } from '../errors.js';
import type { ByteSink } from '../report/bytes.js';
import type { CliIO } from './io.js';

export function parseChoice<T extends string>(option: string, value: string, choices: readonly T[]): T {
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${option} must be one of ${choices.join(', ')} (got ${JSON.stringify(value)})`);
}

export function parseSeverity(option: string, value: string): Severity {
  return parseChoice(option, value, SEVERITIES);
}

export function parseFailOn(value: string): Severity | 'none' {
  return parseChoice('--fail-on', value, [...SEVERITIES, 'none'] as const);
}

export function parsePssLevel(value: string): PssLevel {
  return parseChoice('--level', value, ['baseline', 'restricted'] as const);
}

/**
 * `RAMPART_THREADS`: how many threads a file scan may use (1 = everything on the main thread);
 * unset = one per core, at most 4. A value that is not a positive integer is a usage error.
 */
export function threadsFromEnv(env: Readonly<Record<string, string | undefined>>): { threads?: number } {
  const raw = env['RAMPART_THREADS'];
  if (raw === undefined || raw === '') return {};
  if (!/^[1-9][0-9]*$/.test(raw)) throw new UsageError(`RAMPART_THREADS must be a positive integer (got ${JSON.stringify(raw)})`);
  return { threads: Number(raw) };
}

/** Collects a repeatable option into an array (commander's accumulator). */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Characters written per call: a report can be tens of megabytes, and converting it to bytes in one piece doubles the peak memory of a run. */
const WRITE_CHUNK = 1 << 22;

/** Output that a reporter streams as UTF-8 bytes (`Reporter.renderTo`) instead of returning a string. */
export type ByteProducer = (sink: ByteSink) => void;

/** Writes command output — text, or bytes streamed by a reporter — to `--output FILE` or stdout. */
export async function emit(io: CliIO, content: string | ByteProducer, outputFile: string | undefined): Promise<void> {
  if (outputFile === undefined || outputFile === '-') {
    // A stream may keep what it is given, and the producer reuses its buffer: copy.
    if (typeof content === 'string') io.stdout.write(content);
    else content((bytes) => io.stdout.write(Buffer.from(bytes)));
    return;
  }
  let fd: number | undefined;
  try {
    fd = openSync(outputFile, 'w');
    const file = fd;
    if (typeof content !== 'string') {
      content((bytes) => {
        for (let start = 0; start < bytes.length; ) start += writeSync(file, bytes, start, bytes.length - start);
      });
      return;
    }
    for (let start = 0; start < content.length; ) {
      let end = Math.min(start + WRITE_CHUNK, content.length);
      // Never split a surrogate pair: each chunk must be valid UTF-16 on its own.
      const last = content.charCodeAt(end - 1);
      if (end < content.length && last >= 0xd800 && last <= 0xdbff) end--;
      writeSync(fd, content.slice(start, end));
      start = end;
    }
  } catch (error) {
    throw new UsageError(`cannot write ${outputFile}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
