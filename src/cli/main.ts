#!/usr/bin/env node
/**
 * The command line: `run` turns arguments into an exit code and is the only place that catches
 * errors; `main` is the only place that calls `process.exit`.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError, InputError, UsageError, describeError } from '../errors.js';
import { processIO, type CliIO, type CommandContext } from './io.js';
import { createProgram, CommanderError, type RegisterCommand } from './program.js';
import { commandsFor } from './commands/index.js';

/** Exit codes, as fixed by the design: 0 clean, 1 findings at or above the threshold (or a document that failed), 2 usage error or nothing readable. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/**
 * Runs one command line and returns its exit code; never exits the process.
 *
 * @example
 * const code = await run(['scan', 'examples/', '--format', 'json'], io);
 */
export async function run(argv: readonly string[], io: CliIO, commands?: readonly RegisterCommand[]): Promise<number> {
  let exitCode = EXIT_OK;
  const context: CommandContext = {
    io,
    setExitCode(code) {
      exitCode = Math.max(exitCode, code);
    },
  };
  const program = createProgram(io, context, commands ?? (await commandsFor(argv)));
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version requests end here with code 0; everything else is a usage error.
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT_OK;
      return EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      io.stderr.write(`rampart: ${error.message}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof ConfigError) {
      io.stderr.write(`rampart: ${error.message}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof InputError) {
      const where = error.line !== undefined ? `${error.file}:${error.line}` : error.file;
      io.stderr.write(`rampart: ${where}: ${error.message}\n`);
      return EXIT_USAGE;
    }
    io.stderr.write(`rampart: internal error: ${describeError(error)}\n`);
    if (error instanceof Error && error.stack && io.env['RAMPART_DEBUG']) io.stderr.write(`${error.stack}\n`);
    return EXIT_USAGE;
  }
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

/**
 * Runs the command line of this process and exits with its code once stdout and stderr have
 * drained (waiting for the event loop to empty would also wait for the teardown of a large heap).
 */
export async function main(argv: readonly string[]): Promise<never> {
  const code = await run(argv, processIO());
  await Promise.all([drained(process.stdout), drained(process.stderr)]);
  process.exit(code);
}

// `node dist/cli/main.js …` (the compiled library's entry; the `rampart` bin is `bin.ts`).
if (isEntryPoint()) await main(process.argv.slice(2));

function drained(stream: NodeJS.WriteStream): Promise<void> {
  if (stream.writableLength === 0) return Promise.resolve();
  return new Promise((resolve) => {
    stream.once('drain', resolve);
    stream.once('error', resolve);
    stream.once('close', resolve);
  });
}
