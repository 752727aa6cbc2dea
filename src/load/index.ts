/**
 * The loader: paths, directories and stdin → Kubernetes resources with source positions, plus an
 * account of every document that was skipped or failed.
 */
import { readFileSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import type { Resource } from '../model/types.js';
import type { RunError } from '../engine/types.js';
import { expandInputs } from './files.js';
import { parseYamlDocuments, type DocumentResult } from './parse.js';
import { DocumentPositions, LineMap } from './positions.js';
import { collectDocuments, emptyTally, type DocumentTally, type SkippedDocument } from './documents.js';

export type { SkippedDocument } from './documents.js';
export { resourceFromObject } from './documents.js';

export interface LoadSummary {
  documents: number;
  resources: number;
  skipped: number;
  failed: number;
}

export interface LoadResult {
  resources: Resource[];
  skipped: SkippedDocument[];
  errors: RunError[];
  summary: LoadSummary;
  /** Files read (stdin counts as one), for progress and MB/s figures. */
  files: number;
  bytes: number;
  /** True when at least one input could be read. */
  anyReadable: boolean;
}

export interface LoadOptions {
  stdin?: NodeJS.ReadableStream;
  /** Called after each file with the number done and the total. */
  onProgress?: (done: number, total: number) => void;
}

/** Bytes inspected for NUL characters when deciding that a file is binary (as git does). */
const BINARY_SNIFF_BYTES = 8000;

/**
 * Loads every input: files, directories (recursive) and `-` for stdin.
 *
 * @example
 * const { resources, summary, errors } = await loadInputs(['k8s/'], {});
 */
export async function loadInputs(inputs: readonly string[], options: LoadOptions = {}): Promise<LoadResult> {
  const entries = await expandInputs(inputs);
  const tally = emptyTally();
  let files = 0;
  let bytes = 0;
  let anyReadable = false;
  let done = 0;
  for (const entry of entries) {
    if (entry.kind === 'missing') {
      tally.documents++;
      tally.errors.push({ file: entry.path, message: entry.message });
    } else {
      const file = entry.kind === 'stdin' ? '-' : entry.path;
      let buffer: Buffer;
      try {
        // Synchronous reads: parsing is CPU-bound, and a sequential read avoids a file-handle round
        // trip per file through the event loop.
        buffer = entry.kind === 'stdin' ? await readStream(options.stdin ?? process.stdin) : readFileSync(entry.path);
      } catch (error) {
        tally.documents++;
        tally.errors.push({ file, message: `cannot read file (${(error as NodeJS.ErrnoException).code ?? String(error)})` });
        continue;
      }
      anyReadable = true;
      files++;
      bytes += buffer.length;
      loadBuffer(buffer, file, tally);
    }
    options.onProgress?.(++done, entries.length);
  }
  return finish(tally, files, bytes, anyReadable);
}

/**
 * Loads manifests from a string (tests, the admission webhook, generated output).
 *
 * @example
 * const { resources } = loadText('apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n', 'pod.yaml');
 */
export function loadText(text: string, file = '<memory>'): LoadResult {
  const tally = emptyTally();
  collectDocuments(file, parseText(text, file), tally);
  return finish(tally, 1, Buffer.byteLength(text), true);
}

function finish(tally: DocumentTally, files: number, bytes: number, anyReadable: boolean): LoadResult {
  return {
    resources: tally.resources,
    skipped: tally.skipped,
    errors: tally.errors,
    summary: {
      documents: tally.documents,
      resources: tally.resources.length,
      skipped: tally.skipped.length,
      failed: tally.errors.length,
    },
    files,
    bytes,
    anyReadable,
  };
}

/** Decodes and parses one file's bytes into `tally`. */
export function loadBuffer(buffer: Buffer, file: string, tally: DocumentTally): void {
  if (isBinary(buffer)) {
    tally.documents++;
    tally.skipped.push({ file, reason: 'binary file' });
    return;
  }
  let invalidLines: Set<number> = new Set();
  if (!isUtf8(buffer)) invalidLines = findInvalidUtf8Lines(buffer);
  let text = buffer.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  collectDocuments(file, parseText(text, file, invalidLines), tally);
}

function parseText(text: string, file: string, invalidLines: ReadonlySet<number> = new Set()): DocumentResult[] {
  const results = parseYamlDocuments(text, invalidLines);
  // JSON is YAML, except that JSON allows tabs where YAML forbids them: retry a failed .json file as JSON.
  if (file.toLowerCase().endsWith('.json') && results.some((r) => !r.ok) && invalidLines.size === 0) {
    try {
      const value: unknown = JSON.parse(text);
      const lines = new LineMap(text);
      return [{ ok: true, index: 0, value, line: 1, positions: new DocumentPositions(text, lines, new Int32Array(0), 0) }];
    } catch {
      return results;
    }
  }
  return results;
}

function isBinary(buffer: Buffer): boolean {
  const end = Math.min(buffer.length, BINARY_SNIFF_BYTES);
  for (let i = 0; i < end; i++) if (buffer[i] === 0) return true;
  return false;
}

/** 1-based numbers of the lines that hold bytes which are not valid UTF-8. */
function findInvalidUtf8Lines(buffer: Buffer): Set<number> {
  const lines = new Set<number>();
  let line = 1;
  let start = 0;
  for (let i = 0; i <= buffer.length; i++) {
    if (i === buffer.length || buffer[i] === 0x0a) {
      if (!isUtf8(buffer.subarray(start, i))) lines.add(line);
      line++;
      start = i + 1;
    }
  }
  return lines;
}

async function readStream(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}
