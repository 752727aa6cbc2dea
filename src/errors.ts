/**
 * Small named error classes. Each is constructed with `{ cause }` when it wraps another error,
 * and carries the location or the list of issues a user needs to fix the problem.
 */

/** Bad input with a location: a file that does not parse, a value that is not allowed. */
export class InputError extends Error {
  override readonly name = 'InputError';
  readonly file: string;
  readonly line: number | undefined;
  constructor(message: string, location: { file: string; line?: number }, options?: { cause?: unknown }) {
    super(message, options);
    this.file = location.file;
    this.line = location.line;
  }
}

/** A configuration (profile, exceptions file, options) with one or more problems, each at a dotted path. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly issues: ReadonlyArray<{ path: string; message: string }>;
  constructor(message: string, issues: ReadonlyArray<{ path: string; message: string }>, options?: { cause?: unknown }) {
    super(`${message}\n${issues.map((i) => `  ${i.path || '(root)'}: ${i.message}`).join('\n')}`, options);
    this.issues = issues;
  }
}

/** Wrong command-line usage: exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A bug in Rampart itself. */
export class InternalError extends Error {
  override readonly name = 'InternalError';
}

/** A readable one-line description of any thrown value (never `JSON.stringify(err)`, which prints `{}`). */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
