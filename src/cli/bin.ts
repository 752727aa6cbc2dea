#!/usr/bin/env node
/**
 * The `rampart` executable. It imports almost nothing before deciding whether a large scan should
 * run in a child process with V8's thread pool sized to the machine (ADR 0012); otherwise it loads
 * the command line and runs it here.
 */
import { fileURLToPath } from 'node:url';
import { reexec, shouldReexec } from './reexec.js';

const argv = process.argv.slice(2);
if (shouldReexec(argv, process.env, process.execArgv)) {
  process.exit(await reexec(fileURLToPath(import.meta.url), argv));
}
const { main } = await import('./main.js');
await main(argv);
