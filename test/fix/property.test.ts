/**
 * Property: for pods written in any mix of block and flow style, indentation step, list style,
 * line ending and comment placement, fixing everything (1) never fails the read-back proof,
 * (2) keeps every comment, (3) resolves every finding it claims to fix, and (4) is idempotent.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isJsonObject, type JsonValue } from '../../src/model/types.js';
import { findingKeys, fixText } from './support.js';

const DEFAULTS = { defaultResources: { cpuRequest: '100m', cpuLimit: '1', memoryRequest: '64Mi', memoryLimit: '128Mi' } };

/** Deterministic choices for one emission (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Style {
  step: number;
  seqIndent: number;
  next: () => number;
  comments: string[];
}

function scalar(value: JsonValue): string {
  if (typeof value === 'string') return /^[A-Za-z0-9_./:-]+$/.test(value) && !/^(true|false|null|yes|no|on|off|y|n|\d.*)$/i.test(value) ? value : JSON.stringify(value);
  return JSON.stringify(value);
}

function flow(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(flow).join(', ')}]`;
  if (isJsonObject(value)) return `{${Object.entries(value).map(([k, v]) => `${k}: ${flow(v)}`).join(', ')}}`;
  return scalar(value);
}

function comment(style: Style): string {
  if (style.next() > 0.3) return '';
  const text = `# c${style.comments.length}`;
  style.comments.push(text);
  return `  ${text}`;
}

/** Block lines for `key: value` at `column`, choosing flow for some collections. */
function entry(key: string, value: JsonValue, column: number, style: Style): string[] {
  const pad = ' '.repeat(column);
  const before: string[] = [];
  if (style.next() < 0.15) {
    const text = `# above ${key} ${style.comments.length}`;
    style.comments.push(text);
    before.push(`${pad}${text}`);
  }
  const isCollection = Array.isArray(value) || isJsonObject(value);
  const empty = Array.isArray(value) ? value.length === 0 : isJsonObject(value) && Object.keys(value).length === 0;
  if (!isCollection || empty || style.next() < 0.3) return [...before, `${pad}${key}: ${flow(value)}${comment(style)}`];
  if (Array.isArray(value)) return [...before, `${pad}${key}:${comment(style)}`, ...items(value, column + style.seqIndent, style)];
  return [...before, `${pad}${key}:${comment(style)}`, ...Object.entries(value).flatMap(([k, v]) => entry(k, v, column + style.step, style))];
}

function items(list: readonly JsonValue[], dash: number, style: Style): string[] {
  const pad = ' '.repeat(dash);
  return list.flatMap((item) => {
    if (isJsonObject(item) && Object.keys(item).length > 0 && style.next() < 0.8) {
      const lines = Object.entries(item).flatMap(([k, v]) => entry(k, v, dash + 2, style));
      const firstKey = lines.findIndex((l) => !l.trimStart().startsWith('#'));
      const head = lines.slice(0, firstKey);
      return [...head, `${pad}- ${(lines[firstKey] as string).slice(dash + 2)}`, ...lines.slice(firstKey + 1)];
    }
    return [`${pad}- ${flow(item)}${comment(style)}`];
  });
}

const arbContainer = fc.record(
  {
    name: fc.constantFrom('app', 'side', 'worker'),
    image: fc.constant('registry.example.com/app:1.2.3'),
    securityContext: fc.oneof(
      fc.constant({}),
      fc.record({ runAsUser: fc.constantFrom(1000, 10001) }, { requiredKeys: [] }),
      fc.record({ capabilities: fc.record({ drop: fc.constantFrom([], ['NET_RAW']), add: fc.constantFrom(['NET_BIND_SERVICE']) }, { requiredKeys: ['drop'] }) }),
    ),
    resources: fc.oneof(fc.constant({}), fc.constant({ limits: { cpu: '500m' } }), fc.constant({ requests: { memory: '32Mi' } })),
    volumeMounts: fc.constantFrom([{ name: 'data', mountPath: '/data' }], [{ name: 'scratch', mountPath: '/tmp' }]),
  },
  { requiredKeys: ['name', 'image'] },
);

const arbPod = fc.record(
  {
    securityContext: fc.record({ runAsUser: fc.constantFrom(1000, 10001), fsGroup: fc.constant(2000) }, { requiredKeys: [] }),
    containers: fc.uniqueArray(arbContainer, { minLength: 1, maxLength: 3, selector: (c) => c.name }),
    volumes: fc.constantFrom([{ name: 'data', emptyDir: {} }], [{ name: 'scratch', emptyDir: {} }, { name: 'data', emptyDir: {} }]),
  },
  { requiredKeys: ['containers'] },
);

function manifest(pods: readonly JsonValue[], seed: number, step: number, indentSeq: boolean, crlf: boolean): { text: string; comments: string[] } {
  const style: Style = { step, seqIndent: indentSeq ? step : 0, next: random(seed), comments: [] };
  const docs = pods.map((spec, i) => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: `pod-${i}` }, spec } as JsonValue;
    return Object.entries(pod as Record<string, JsonValue>).flatMap(([k, v]) => entry(k, v, 0, style)).join('\n');
  });
  const text = docs.join('\n---\n') + '\n';
  return { text: crlf ? text.replace(/\n/g, '\r\n') : text, comments: style.comments };
}

describe('fixing pods in any style', () => {
  it('never fails the proof, keeps comments, resolves what it fixes, and is idempotent', () => {
    fc.assert(
      fc.property(
        fc.array(arbPod, { minLength: 1, maxLength: 3 }),
        fc.integer(),
        fc.constantFrom(2, 4),
        fc.boolean(),
        fc.boolean(),
        (pods, seed, step, indentSeq, crlf) => {
          const { text, comments } = manifest(pods as unknown as JsonValue[], seed, step, indentSeq, crlf);
          const result = fixText(text, undefined, DEFAULTS);
          expect(result.unfixed.filter((u) => u.kind === 'failed' || u.kind === 'refused')).toEqual([]);
          for (const c of comments) expect(result.fixed).toContain(c);
          if (crlf) expect(result.fixed.replace(/\r\n/g, '')).not.toContain('\n');
          const fixedChecks = new Set(result.applied.map((a) => a.checkId));
          const declined = new Set(result.unfixed.filter((u) => u.kind === 'declined').map((u) => u.checkId));
          const remaining = findingKeys(result.fixed.replace(/\r\n/g, '\n')).filter((k) => {
            const id = k.split(' | ')[0] as string;
            return fixedChecks.has(id) && !declined.has(id);
          });
          expect(remaining).toEqual([]);
          const again = fixText(result.fixed, undefined, DEFAULTS);
          expect(again.fixed).toBe(result.fixed);
        },
      ),
      { numRuns: 60 },
    );
  });
});
