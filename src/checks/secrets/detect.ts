/**
 * The literal-credential detector shared by the secrets checks. A value is reported when it
 * contains a known token format (whatever its key is called), or when its key name announces a
 * credential and the value has the shape of one: not empty, not a placeholder or a reference,
 * not a plain URL or number, long enough and random enough (Shannon entropy per character).
 * Findings carry the key and a masked form of the value — never the value itself.
 */
import {
  CREDENTIAL_KEY_WORDS,
  KNOWN_FORMATS,
  NON_VALUE_KEY_SUFFIXES,
  PLACEHOLDER_VALUES,
  REFERENCE_VALUES,
} from './credential-patterns.js';

export interface DetectorOptions {
  /** Shortest value reported for a credential-like key. */
  minimumLength: number;
  /** Lowest Shannon entropy (bits per character) reported for a credential-like key. */
  minimumEntropy: number;
}

export const DEFAULT_DETECTOR_OPTIONS: DetectorOptions = { minimumLength: 6, minimumEntropy: 2.5 };

export interface Detection {
  /** `knownFormat`: a recognised token format; `credentialKey`: a credential-like key with a credential-like value. */
  reason: 'knownFormat' | 'credentialKey';
  /** What was found: a format description, or "value of a credential-like key". */
  what: string;
  /** The key the value sits under (env name, data key, flag, config-file key), when there is one. */
  key: string | undefined;
  /** At most the first two characters and the length. */
  masked: string;
}

/** Shannon entropy of a string, in bits per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  const length = [...value].length;
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/**
 * Masks a credential for output: the first two characters (only for values of 16 characters
 * or more, so a short password never loses a meaningful share) and the length.
 *
 * @example
 * maskValue('ghp_Zq3vR8kLm2Nx7Tb4Wc9Yd1Fh6Jp0Ks5Gu2Ae') // 'gh…(40 chars)'
 */
export function maskValue(value: string): string {
  const length = [...value].length;
  return length >= 16 ? `${[...value].slice(0, 2).join('')}…(${length} chars)` : `…(${length} chars)`;
}

/** Splits a key name into lower-case words: `dbPassword`, `DB_PASSWORD`, `db.password` → `db password`. */
export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w.toLowerCase());
}

/** Key names repeat across thousands of resources (`PORT`, `LOG_LEVEL`): classify each once. */
const credentialKeyCache = new Map<string, boolean>();
const CREDENTIAL_KEY_CACHE_LIMIT = 10_000;

/** True when the key announces a credential and does not merely describe one (`PASSWORD_FILE`). */
export function isCredentialKey(key: string): boolean {
  let known = credentialKeyCache.get(key);
  if (known === undefined) {
    known = classifyKey(key);
    if (credentialKeyCache.size >= CREDENTIAL_KEY_CACHE_LIMIT) credentialKeyCache.clear();
    credentialKeyCache.set(key, known);
  }
  return known;
}

function classifyKey(key: string): boolean {
  const words = keyWords(key);
  if (words.length === 0) return false;
  const joined = ` ${words.join(' ')} `;
  const last = words[words.length - 1] as string;
  const lastTwo = words.slice(-2).join(' ');
  if (NON_VALUE_KEY_SUFFIXES.has(last) || NON_VALUE_KEY_SUFFIXES.has(lastTwo)) return false;
  return CREDENTIAL_KEY_WORDS.some((word) => joined.includes(` ${word} `));
}

export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER_VALUES.some((p) => p.test(value));
}

export function isReference(value: string): boolean {
  return REFERENCE_VALUES.some((p) => p.test(value));
}

/** Every known format in one expression: most values match none, and one scan is cheaper than nine. */
const ANY_KNOWN_FORMAT = new RegExp(KNOWN_FORMATS.map((f) => `(?:${f.pattern.source})`).join('|'));

/** The first known token format found in `text`, unless the match is a placeholder. */
export function findKnownFormat(text: string): Detection | undefined {
  if (!ANY_KNOWN_FORMAT.test(text)) return undefined;
  for (const format of KNOWN_FORMATS) {
    const match = format.pattern.exec(text);
    if (!match || isPlaceholder(match[0])) continue;
    return { reason: 'knownFormat', what: format.description, key: undefined, masked: maskValue(match[0]) };
  }
  return undefined;
}

/** True when `value`, found under a credential-like key, looks like a real credential. */
export function looksLikeCredential(value: string, key: string, options: DetectorOptions): boolean {
  const v = value.trim();
  if (v === '' || isReference(v) || isPlaceholder(v)) return false;
  if (v.toLowerCase() === key.toLowerCase()) return false;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) return false; // URLs: credentials in them are the url-password format's job
  if (/^[+-]?\d+(?:\.\d+)?$/.test(v)) return false; // numbers: ports, lengths, TTLs
  if ((v.match(/\s+/g) ?? []).length > 2) return false; // prose
  if ([...v].length < options.minimumLength) return false;
  return shannonEntropy(v) >= options.minimumEntropy;
}

/** Detects a credential in one value under one key (an env var, a data key). */
export function detectInValue(key: string, value: string, options: DetectorOptions): Detection | undefined {
  const known = findKnownFormat(value);
  if (known) return { ...known, key };
  if (isCredentialKey(key) && looksLikeCredential(value, key, options)) {
    return { reason: 'credentialKey', what: 'value of a credential-like key', key, masked: maskValue(value.trim()) };
  }
  return undefined;
}

const CONFIG_LINE = /^\s*[{[,]?\s*(?:export\s+)?["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?\s*[:=]\s*(.*?)\s*$/;

function unquote(raw: string): string {
  let value = raw.replace(/,$/, '').trim();
  const quoted = /^(["'])(.*)\1$/.exec(value);
  if (quoted) return quoted[2] as string;
  value = value.replace(/\s+#.*$/, '');
  return value;
}

/**
 * Detects a credential in a configuration file held as one value (a ConfigMap entry such as
 * `application.properties`, `config.yaml`, `.env` or JSON): known formats anywhere, then
 * `key: value` / `key = value` lines whose key announces a credential.
 */
export function detectInText(text: string, options: DetectorOptions): Detection | undefined {
  const known = findKnownFormat(text);
  if (known) return known;
  if (!text.includes(':') && !text.includes('=')) return undefined;
  for (const line of text.split(/\r?\n/)) {
    const match = CONFIG_LINE.exec(line);
    if (!match) continue;
    const key = match[1] as string;
    const value = unquote(match[2] as string);
    if (isCredentialKey(key) && looksLikeCredential(value, key, options)) {
      return { reason: 'credentialKey', what: 'value of a credential-like key', key, masked: maskValue(value) };
    }
  }
  return undefined;
}

/**
 * Detects a credential in a container's command line: known formats anywhere, then
 * `--flag=value`, `--flag value` and `NAME=value` tokens whose name announces a credential.
 */
export function detectInArguments(args: readonly string[], options: DetectorOptions): Array<{ index: number; detection: Detection }> {
  const out: Array<{ index: number; detection: Detection }> = [];
  args.forEach((arg, index) => {
    const known = findKnownFormat(arg);
    if (known) {
      out.push({ index, detection: known });
      return;
    }
    const found = detectInTokens(arg.split(/\s+/).filter((t) => t !== ''), options) ?? detectFlagWithNextArgument(args, index, options);
    if (found) out.push({ index, detection: found });
  });
  return out;
}

function credentialFor(key: string, rawValue: string, options: DetectorOptions): Detection | undefined {
  const value = unquote(rawValue);
  if (!isCredentialKey(key) || !looksLikeCredential(value, key, options)) return undefined;
  return { reason: 'credentialKey', what: 'value of a credential-like key', key, masked: maskValue(value) };
}

function detectInTokens(tokens: readonly string[], options: DetectorOptions): Detection | undefined {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    const assignment = /^(?:--?)?([A-Za-z_][A-Za-z0-9_.-]*)=(.+)$/.exec(token);
    if (assignment) {
      const found = credentialFor(assignment[1] as string, assignment[2] as string, options);
      if (found) return found;
      continue;
    }
    const flag = /^--?([A-Za-z][A-Za-z0-9_.-]*)$/.exec(token);
    const next = tokens[i + 1];
    if (flag && next !== undefined && !next.startsWith('-')) {
      const found = credentialFor(flag[1] as string, next, options);
      if (found) return found;
    }
  }
  return undefined;
}

/** `args: ["--password", "hunter2…"]`: the value is the next list item. Reported on the value. */
function detectFlagWithNextArgument(args: readonly string[], index: number, options: DetectorOptions): Detection | undefined {
  const previous = index > 0 ? args[index - 1] : undefined;
  if (previous === undefined || /\s/.test(args[index] as string)) return undefined;
  const flag = /^--?([A-Za-z][A-Za-z0-9_.-]*)$/.exec(previous);
  return flag ? credentialFor(flag[1] as string, args[index] as string, options) : undefined;
}
