/** The process edges a command may touch, passed in so that commands run in memory in tests. */
export interface CliIO {
  /** Reports may arrive as UTF-8 bytes (`Reporter.renderTo`); everything else is text. */
  stdout: { write(chunk: string | Uint8Array): unknown; isTTY?: boolean };
  stderr: { write(chunk: string): unknown; isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
}

/** Collects the exit code a command decides on. */
export interface CommandContext {
  io: CliIO;
  setExitCode(code: number): void;
}

export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, cwd: process.cwd(), env: process.env };
}

/** Colour only on a TTY, and never when NO_COLOR is set. */
export function useColor(io: CliIO): boolean {
  return Boolean(io.stdout.isTTY) && io.env['NO_COLOR'] === undefined && io.env['TERM'] !== 'dumb';
}
