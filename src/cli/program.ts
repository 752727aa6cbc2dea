/**
 * Builds the command-line program. Commands live in `commands/`, one module each, and are
 * registered here explicitly; none registers itself by import side effect.
 */
import { Command, CommanderError } from 'commander';
import type { CliIO, CommandContext } from './io.js';
import { TOOL_VERSION } from '../version.js';

export type RegisterCommand = (program: Command, context: CommandContext) => void;

/** A commander program wired to `io`, with errors thrown instead of exiting. */
export function createProgram(io: CliIO, context: CommandContext, commands: readonly RegisterCommand[]): Command {
  const program = new Command('rampart')
    .description('Kubernetes security framework: assess, explain, analyze, generate and enforce cluster hardening.')
    .version(TOOL_VERSION, '-V, --version')
    // Root options only before the sub-command, so `rampart pss --version v1.30` reaches pss.
    .enablePositionalOptions()
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
  for (const register of commands) register(program, context);
  // Every sub-command inherits the output wiring and exit override.
  for (const command of program.commands) applyWiring(command, io);
  return program;
}

function applyWiring(command: Command, io: CliIO): void {
  command
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  for (const sub of command.commands) applyWiring(sub, io);
}

export { CommanderError };
