/**
 * The parse worker: reads and parses the files it is given, in order, and posts each one back
 * packed (`transfer.ts`). It never decides anything about documents — the main thread collects
 * them in input order exactly as if it had parsed them itself.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { parseFile } from './file.js';
import { packFile } from './transfer.js';
import type { WorkerReply, WorkerRequest } from './parallel.js';

const { paths } = workerData as WorkerRequest;
for (let i = 0; i < paths.length; i++) {
  const path = paths[i] as string;
  let reply: WorkerReply;
  try {
    const buffer = readFileSync(path);
    reply = { i, bytes: buffer.length, file: packFile(parseFile(buffer, path)) };
  } catch (error) {
    // A read error, or anything unexpected: the main thread handles the file itself, as it would have.
    reply = { i, failed: (error as NodeJS.ErrnoException).code ?? String(error) };
  }
  parentPort?.postMessage(reply);
}
