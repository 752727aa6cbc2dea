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

/** Writes command output to `--output FILE` or stdout. */
export async function emit(io: CliIO, text: string, outputFile: string | undefined): Promise<void> {
  if (outputFile === undefined || outputFile === '-') {
    io.stdout.write(text);
    return;
  }
  let fd: number | undefined;
  try {
    fd = openSync(outputFile, 'w');
    for (let start = 0; start < text.length; ) {
      let end = Math.min(start + WRITE_CHUNK, text.length);
      // Never split a surrogate pair: each chunk must be valid UTF-16 on its own.
      const last = text.charCodeAt(end - 1);
      if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
      writeSync(fd, text.slice(start, end));
      start = end;
    }
  } catch (error) {
    throw new UsageError(`cannot write ${outputFile}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
