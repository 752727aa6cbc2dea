/**
 * Parsing on more than one core. Parsing YAML is most of the time of a file scan and the files are
 * independent. The main thread takes files from the front of the input and parse workers from the
 * back, each claiming a file on a shared board before parsing it, until they meet: the split
 * adapts to how early each thread starts and how fast it runs. The main thread then collects every
 * file in input order — its own as it parses them, the workers' as they arrive — so the result is
 * the same, document for document, as a sequential load (ADR 0010).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { fileSize, type InputEntry } from './files.js';
import type { PackedFile } from './transfer.js';

/** Below this many bytes of input a worker's start-up costs more than it saves. */
export const MIN_BYTES_PER_THREAD = 4 << 20;
/** More threads than this stop paying: the main thread's share of the work (collecting) grows with them. */
const MAX_THREADS = 4;

export interface WorkerRequest {
  /** Per input entry, the path a worker may parse; null for entries only the main thread handles (stdin, missing paths). */
  paths: Array<string | null>;
  /** The claim board (`ClaimBoard`) shared by every thread of the load. */
  claims: SharedArrayBuffer;
  /** This worker's mark on the board. */
  id: number;
}

/** One reply per claimed entry `i`, in the order the worker parsed them. */
export type WorkerReply = { i: number; bytes: number; file: PackedFile } | { i: number; failed: string };

/** The main thread's mark on the claim board; workers are 2, 3, … */
export const MAIN_THREAD = 1;

/**
 * Which thread parses which input entry: one cell per entry, 0 while unclaimed, then the mark of the
 * thread that claimed it. A claim is one compare-and-swap, so every entry is parsed exactly once.
 */
export class ClaimBoard {
  private readonly cells: Int32Array;

  constructor(readonly buffer: SharedArrayBuffer) {
    this.cells = new Int32Array(buffer);
  }

  static create(entries: number): ClaimBoard {
    return new ClaimBoard(new SharedArrayBuffer(Math.max(1, entries) * Int32Array.BYTES_PER_ELEMENT));
  }

  /** True when `thread` now owns entry `i`; false when another thread had it. */
  claim(i: number, thread: number): boolean {
    return Atomics.compareExchange(this.cells, i, 0, thread) === 0;
  }

  /** The thread that claimed entry `i` (0: nobody yet). */
  owner(i: number): number {
    return Atomics.load(this.cells, i);
  }
}

/** The compiled worker next to this module; absent when the sources run untranspiled (tests), where loading stays sequential. */
const DEFAULT_WORKER = new URL('./worker.js', import.meta.url);

export interface ParallelOptions {
  /** Threads to parse on, the main thread included; default: one per core, at most 4. 1 loads sequentially. */
  threads?: number;
  /** The worker module (tests point it at a bundle of the sources). */
  workerUrl?: URL;
  /** Fewest bytes of input per thread (default 4 MiB); tests lower it to split small inputs. */
  minBytesPerThread?: number;
}

/**
 * How many parse workers to start for these entries: none for one core, a small input, or when no
 * compiled worker exists.
 */
export function parseWorkers(entries: readonly InputEntry[], options: ParallelOptions = {}): number {
  const url = options.workerUrl ?? DEFAULT_WORKER;
  const wanted = options.threads ?? Math.min(availableParallelism(), MAX_THREADS);
  if (wanted < 2 || !existsSync(fileURLToPath(url))) return 0;
  let total = 0;
  for (const entry of entries) if (entry.kind === 'file') total += fileSize(entry.path);
  const threads = Math.min(wanted, Math.floor(total / Math.max(1, options.minBytesPerThread ?? MIN_BYTES_PER_THREAD)));
  return Math.max(0, threads - 1);
}

/** One running parse worker; its replies are taken by entry index. */
export class ParseWorker {
  private readonly worker: Worker;
  private readonly replies = new Map<number, WorkerReply>();
  private ended = false;
  private wake: (() => void) | undefined;

  constructor(request: WorkerRequest, url: URL = DEFAULT_WORKER) {
    this.worker = new Worker(url, { workerData: request });
    this.worker.on('message', (reply: WorkerReply) => {
      this.replies.set(reply.i, reply);
      this.notify();
    });
    // A worker that fails leaves the files it claimed to the main thread.
    this.worker.on('error', () => this.end());
    this.worker.on('exit', () => this.end());
  }

  /** The reply for entry `i`, or undefined when the worker ended without one (the caller parses that file itself). */
  async take(i: number): Promise<WorkerReply | undefined> {
    while (!this.replies.has(i) && !this.ended) await new Promise<void>((resolve) => (this.wake = resolve));
    const reply = this.replies.get(i);
    this.replies.delete(i);
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
