/**
 * Parsing on more than one core. Parsing YAML is most of the time of a file scan and the files are
 * independent, so a large input is split by size into consecutive shares: the main thread parses
 * the first, each parse worker one of the others. The main thread then collects every file in
 * input order — its own as it parses them, the workers' as they arrive — so the result is the
 * same, document for document, as a sequential load (ADR 0010).
 */
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { InputEntry } from './files.js';
import type { PackedFile } from './transfer.js';

/** Below this many bytes of input a worker's start-up costs more than it saves. */
export const MIN_BYTES_PER_THREAD = 1 << 20;
/** More threads than this stop paying: the main thread's share of the work (collecting) grows with them. */
const MAX_THREADS = 4;

export interface WorkerRequest {
  paths: string[];
}

export type WorkerReply = { i: number; bytes: number; file: PackedFile } | { i: number; failed: string };

/** The compiled worker next to this module; absent when the sources run untranspiled (tests), where loading stays sequential. */
const DEFAULT_WORKER = new URL('./worker.js', import.meta.url);

export interface ParallelOptions {
  /** Threads to parse on, the main thread included; default: one per core, at most 4. 1 loads sequentially. */
  threads?: number;
  /** The worker module (tests point it at a bundle of the sources). */
  workerUrl?: URL;
  /** Fewest bytes of input per thread (default 1 MiB); tests lower it to split small inputs. */
  minBytesPerThread?: number;
}

/** Which input entries each worker parses: a worker per share, with the entry indices it covers. */
export interface ParsePlan {
  workers: Array<{ entries: number[]; paths: string[] }>;
}

/**
 * Splits the file entries into shares of about equal size, or returns undefined when one thread is
 * enough (a small input, one core, no compiled worker).
 */
export function planParse(entries: readonly InputEntry[], options: ParallelOptions = {}): ParsePlan | undefined {
  const url = options.workerUrl ?? DEFAULT_WORKER;
  const wanted = options.threads ?? Math.min(availableParallelism(), MAX_THREADS);
  if (wanted < 2 || !existsSync(fileURLToPath(url))) return undefined;
  const files: Array<{ index: number; path: string; size: number }> = [];
  let total = 0;
  entries.forEach((entry, index) => {
    if (entry.kind !== 'file') return;
    let size = 0;
    try {
      size = statSync(entry.path).size;
    } catch {
      // Unreadable: the main thread reports it when it reaches the entry.
    }
    files.push({ index, path: entry.path, size });
    total += size;
  });
  const threads = Math.min(wanted, Math.floor(total / Math.max(1, options.minBytesPerThread ?? MIN_BYTES_PER_THREAD)));
  if (threads < 2) return undefined;
  const share = total / threads;
  const workers: ParsePlan['workers'] = [];
  let done = 0;
  for (const file of files) {
    // Share k (0 = the main thread) is the files that start within [k·share, (k+1)·share).
    const k = Math.min(threads - 1, Math.floor(done / share));
    done += file.size;
    if (k === 0) continue;
    const worker = (workers[k - 1] ??= { entries: [], paths: [] });
    worker.entries.push(file.index);
    worker.paths.push(file.path);
  }
  return workers.length > 0 ? { workers: workers.filter(Boolean) } : undefined;
}

/** One running parse worker; its replies are taken in the order of its paths. */
export class ParseWorker {
  private readonly worker: Worker;
  private readonly replies: Array<WorkerReply | undefined> = [];
  private ended = false;
  private wake: (() => void) | undefined;

  constructor(paths: string[], url: URL = DEFAULT_WORKER) {
    this.worker = new Worker(url, { workerData: { paths } satisfies WorkerRequest });
    this.worker.on('message', (reply: WorkerReply) => {
      this.replies[reply.i] = reply;
      this.notify();
    });
    // A worker that fails leaves its remaining files to the main thread.
    this.worker.on('error', () => this.end());
    this.worker.on('exit', () => this.end());
  }

  /** The reply for the `i`-th path, or undefined when the worker ended without one (the caller parses that file itself). */
  async take(i: number): Promise<WorkerReply | undefined> {
    while (this.replies[i] === undefined && !this.ended) await new Promise<void>((resolve) => (this.wake = resolve));
    const reply = this.replies[i];
    this.replies[i] = undefined;
    return reply;
  }

  close(): void {
    void this.worker.terminate();
  }

  private end(): void {
    this.ended = true;
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
