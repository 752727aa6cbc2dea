/**
 * The parse worker: claims files from the back of the input on the shared board and parses them
 * until it meets the main thread (`parallel.ts`), posting each one back packed (`transfer.ts`). It
 * never decides anything about documents — the main thread collects them in input order exactly as
 * if it had parsed them itself.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { parseFile } from './file.js';
import { ClaimBoard, MAIN_THREAD, type WorkerReply, type WorkerRequest } from './parallel.js';
import { packFile } from './transfer.js';

const { paths, claims, id } = workerData as WorkerRequest;
const board = new ClaimBoard(claims);
for (let i = paths.length - 1; i >= 0; i--) {
  const path = paths[i];
  if (path === null || path === undefined) break;
  if (!board.claim(i, id)) {
    // Another worker's: go on below it. The main thread's: everything below is the main thread's too.
    if (board.owner(i) === MAIN_THREAD) break;
    continue;
  }
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
