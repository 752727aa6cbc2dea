/**
 * The loader: paths, directories and stdin → Kubernetes resources with source positions, plus an
 * account of every document that was skipped or failed.
 */
import { readFileSync } from 'node:fs';
import type { Resource } from '../model/types.js';
import type { RunError } from '../engine/types.js';
import { expandInputs, type InputEntry } from './files.js';
import { collectFile, parseFile, parseText, type ParsedFile } from './file.js';
import { ClaimBoard, MAIN_THREAD, ParseWorker, parseWorkers, type ParallelOptions } from './parallel.js';
import { unpackFile } from './transfer.js';
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
  /** Threads the files were parsed on (1 unless the input was large enough to split; `parallel.ts`); absent when nothing was parsed from files. */
  threads?: number;
  /** Of `files`, how many a parse worker parsed. */
  workerFiles?: number;
}

export interface LoadOptions extends ParallelOptions {
  /**
   * Other start-up work of the caller (importing the checks, reading configuration), run after any
   * parse workers have started and before the main thread parses: the workers get a head start.
   * If it throws, the load stops and the error is the caller's.
   */
  meanwhile?: () => Promise<void>;
  stdin?: NodeJS.ReadableStream;
  /** Called after each file with the number done and the total. */
  onProgress?: (done: number, total: number) => void;
}

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
  let workerFiles = 0;
  // Large inputs are parsed on several threads: workers claim files from the back (`parallel.ts`).
  const board = ClaimBoard.create(entries.length);
  const paths = entries.map((entry, i) => {
    if (entry.kind === 'file') return entry.path;
    board.claim(i, MAIN_THREAD);
    return null;
  });
  const workers = Array.from({ length: parseWorkers(entries, options) }, (_, k) => new ParseWorker({ paths, claims: board.buffer, id: MAIN_THREAD + 1 + k }, options.workerUrl));
  /** Counts a file that was read and adds its documents. */
  const accept = (file: string, size: number, parsed: ParsedFile): void => {
    anyReadable = true;
    files++;
    bytes += size;
    collectFile(file, parsed, tally);
  };
  /** One entry, wherever it is parsed; errors go to the tally. */
  const load = async (index: number, entry: InputEntry): Promise<void> => {
    if (entry.kind === 'missing') {
      tally.documents++;
      tally.errors.push({ file: entry.path, message: entry.message });
      return;
    }
    const file = entry.kind === 'stdin' ? '-' : entry.path;
    if (!board.claim(index, MAIN_THREAD)) {
      const reply = await workers[board.owner(index) - MAIN_THREAD - 1]?.take(index);
      if (reply && 'file' in reply) {
        workerFiles++;
        accept(file, reply.bytes, unpackFile(reply.file));
        return;
      }
      // The worker could not parse it (or stopped): parse it here, as a sequential load would.
    }
    let buffer: Buffer;
    try {
      // Synchronous reads: parsing is CPU-bound, and a sequential read avoids a file-handle round
      // trip per file through the event loop.
      buffer = entry.kind === 'stdin' ? await readStream(options.stdin ?? process.stdin) : readFileSync(entry.path);
    } catch (error) {
      tally.documents++;
      tally.errors.push({ file, message: `cannot read file (${(error as NodeJS.ErrnoException).code ?? String(error)})` });
      return;
    }
    accept(file, buffer.length, parseFile(buffer, file));
  };
  try {
    // The main thread's other start-up work runs while the workers begin parsing from the back.
    await options.meanwhile?.();
    for (const [index, entry] of entries.entries()) {
      await load(index, entry);
      options.onProgress?.(++done, entries.length);
    }
  } finally {
    for (const worker of workers) worker.close();
  }
  return { ...finish(tally, files, bytes, anyReadable), threads: 1 + workers.length, workerFiles };
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

async function readStream(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}
