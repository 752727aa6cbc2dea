/**
 * Large file scans run in a child Node process started with `--v8-pool-size=0` (ADR 0012).
 *
 * Node gives V8 a pool of four background threads whatever the machine. On a machine with few cores
 * those threads, Rampart's main thread and its parse worker oversubscribe the cores, and V8's
 * parallel garbage collection waits on descheduled helpers: on two cores a 25,000-resource scan
 * takes about 10% longer than with a pool sized to the machine (one thread per spare core, which is
 * what `--v8-pool-size=0` asks for). The pool is fixed when the process starts, so the only way to
 * size it is to start the process with the flag; a second Node start-up (about 40 ms) is cheap
 * next to a large scan and would not be for a small one, so only large scans do it.
 */
import { spawn } from 'node:child_process';
import { expandInputsSync, fileSize } from '../load/files.js';

/** Input size from which a scan runs in a child process with the pool sized to the machine. */
export const REEXEC_MIN_BYTES = 4 << 20;
const POOL_FLAG = '--v8-pool-size';
/** Set in the child so that it never starts another; `RAMPART_REEXEC=0` turns the behaviour off. */
const ENV = 'RAMPART_REEXEC';

/**
 * Whether this invocation should run as a child with the pool flag: a `scan` or `pss` of at least
 * {@link REEXEC_MIN_BYTES} of existing input paths, when nobody has chosen the pool size already.
 */
export function shouldReexec(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, execArgv: readonly string[]): boolean {
  if (env[ENV] === '0' || execArgv.some((a) => a === POOL_FLAG || a.startsWith(`${POOL_FLAG}=`))) return false;
  const [command, ...rest] = argv;
  if ((command !== 'scan' && command !== 'pss') || rest.some((a) => a === '--help' || a === '-h' || a === '--cluster')) return false;
  // Any argument that names an existing file or directory counts: option values that happen to be
  // paths only make the estimate larger, and the estimate only decides how the process starts.
  const candidates = rest.filter((a) => !a.startsWith('-'));
  let bytes = 0;
  // The walk stops as soon as the threshold is reached.
  expandInputsSync(candidates, (entry) => {
    if (entry.kind === 'file') bytes += fileSize(entry.path);
    return bytes >= REEXEC_MIN_BYTES;
  });
  return bytes >= REEXEC_MIN_BYTES;
}

/**
 * Runs `script argv…` in a child Node process with the pool sized to the machine, passing on the
 * standard streams and the signals a user or a supervisor sends; resolves to the child's exit code.
 */
export function reexec(script: string, argv: readonly string[]): Promise<number> {
  const child = spawn(process.execPath, [...process.execArgv, `${POOL_FLAG}=0`, script, ...argv], { stdio: 'inherit', env: { ...process.env, [ENV]: '0' } });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((signal) => [signal, forward(signal)] as const);
  for (const [signal, handler] of handlers) process.on(signal, handler);
  return new Promise((resolve) => {
    child.on('error', () => resolve(2));
    child.on('exit', (code, signal) => {
      for (const [name, handler] of handlers) process.off(name, handler);
      // A child killed by a signal: the conventional shell code for it (128 + signal number).
      resolve(code ?? 128 + (signal ? signalNumber(signal) : 0));
    });
  });
}

function signalNumber(signal: NodeJS.Signals): number {
  return { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 }[signal as string] ?? 1;
}
