/** Parsers for option values shared by several commands; each rejects a bad value with a UsageError naming the choices. */
import { closeSync, openSync, writeSync } from 'node:fs';
import { SEVERITIES, type PssLevel, type Severity } from '../engine/types.js';
import { UsageError } from '../errors.js';
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

/** Collects a repeatable option into an array (commander's accumulator). */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Characters written per call: a report can be tens of megabytes, and converting it to bytes in one piece doubles the peak memory of a run. */
const WRITE_CHUNK = 1 << 22;

/** Writes command output — text, or a report already encoded as UTF-8 — to `--output FILE` or stdout. */
export async function emit(io: CliIO, content: string | readonly Uint8Array[], outputFile: string | undefined): Promise<void> {
  if (outputFile === undefined || outputFile === '-') {
    if (typeof content === 'string') io.stdout.write(content);
    else for (const chunk of content) io.stdout.write(chunk);
    return;
  }
  let fd: number | undefined;
  try {
    fd = openSync(outputFile, 'w');
    if (typeof content !== 'string') {
      for (const chunk of content) for (let start = 0; start < chunk.length; ) start += writeSync(fd, chunk, start, chunk.length - start);
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
