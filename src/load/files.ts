/**
 * Input paths → files to read. Directories are walked recursively (sorted, so output is
 * deterministic), taking `.yaml`, `.yml` and `.json`; hidden directories and `node_modules` are
 * not entered. A file named explicitly is read whatever its extension.
 */
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';

export const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'] as const;

export type InputEntry = { kind: 'file'; path: string } | { kind: 'stdin' } | { kind: 'missing'; path: string; message: string };

/**
 * The entries of `inputs`, in order. The walk is synchronous: it is a few system calls per file,
 * and an asynchronous one spends more time going through the event loop than in the calls.
 */
export function expandInputs(inputs: readonly string[]): Promise<InputEntry[]> {
  return Promise.resolve(expandInputsSync(inputs));
}

/** A file's size in bytes; 0 when it cannot be read (the load reports that file on its own). */
export function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Thrown inside the walk to end it early (`until`). */
const STOP = Symbol('stop');

/**
 * {@link expandInputs}, synchronously. `until`, when given, is told of each entry as it is found
 * and ends the walk by returning true (what was found so far is returned).
 */
export function expandInputsSync(inputs: readonly string[], until?: (entry: InputEntry) => boolean): InputEntry[] {
  const out: InputEntry[] = [];
  const push = (entry: InputEntry): void => {
    out.push(entry);
    if (until?.(entry)) throw STOP;
  };
  try {
    expandInto(inputs, push);
  } catch (error) {
    if (error !== STOP) throw error;
  }
  return out;
}

function expandInto(inputs: readonly string[], push: (entry: InputEntry) => void): void {
  const seen = new Set<string>();
  for (const input of inputs) {
    if (input === '-') {
      push({ kind: 'stdin' });
      continue;
    }
    let info;
    try {
      info = statSync(input);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      push({ kind: 'missing', path: input, message: code === 'ENOENT' ? 'no such file or directory' : `cannot read (${code ?? 'unknown error'})` });
      continue;
    }
    if (info.isDirectory()) walk(input, push, seen);
    else if (firstVisit(input, seen)) push({ kind: 'file', path: input });
  }
}

function firstVisit(path: string, seen: Set<string>): boolean {
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    real = path;
  }
  if (seen.has(real)) return false;
  seen.add(real);
  return true;
}

function walk(dir: string, push: (entry: InputEntry) => void, seen: Set<string>): void {
  if (!firstVisit(dir, seen)) return;
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    push({ kind: 'missing', path: dir, message: `cannot read directory (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})` });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const target = statSync(path);
        isDir = target.isDirectory();
        isFile = target.isFile();
      } catch {
        continue;
      }
    }
    if (isDir) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      walk(path, push, seen);
    } else if (isFile && MANIFEST_EXTENSIONS.some((ext) => entry.name.toLowerCase().endsWith(ext))) {
      if (firstVisit(path, seen)) push({ kind: 'file', path });
    }
  }
}
