/**
 * Parsing on several threads gives the same load result as parsing on one, document for document,
 * whatever the files hold — and a worker that fails costs only time.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadInputs, type LoadResult } from '../../src/load/index.js';
import { ClaimBoard, MAIN_THREAD, parseWorkers } from '../../src/load/parallel.js';
import { bundleWorker } from '../support/worker-bundle.js';

let workerUrl: URL;
beforeAll(async () => {
  workerUrl = await bundleWorker('src/load/worker.ts');
}, 120_000);

const pod = (name: string, extra = '') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n    - name: app\n      image: nginx\n${extra}`;

/** Everything a load result says, with positions resolved at a few pointers, as plain data. */
function snapshot(result: LoadResult): unknown {
  return {
    summary: result.summary,
    files: result.files,
    // (threads differs by design and is asserted on its own)
    bytes: result.bytes,
    skipped: result.skipped,
    errors: result.errors,
    resources: result.resources.map((r) => ({
      id: [r.apiVersion, r.kind, r.namespace, r.name],
      labels: r.labels,
      annotations: r.annotations,
      body: r.body,
      source: { ...r.source, positions: ['', '/metadata/name', '/spec/containers/0/image', '/data/x', '/items/1'].map((p) => r.source.positions?.locate(r.source.pointerPrefix + p)) },
    })),
  };
}

/** A directory of awkward files: every way a file can be odd, repeated so that it splits across threads. */
function awkwardTree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-parallel-'));
  mkdirSync(join(dir, 'sub'));
  for (let i = 0; i < 6; i++) {
    const at = (name: string) => join(dir, i % 2 ? 'sub' : '', `${i}-${name}`);
    writeFileSync(at('pods.yaml'), [pod(`a${i}`), pod(`b${i}`), '# only a comment', pod(`c${i}`)].join('---\n'));
    writeFileSync(at('broken.yaml'), `${pod(`ok${i}`)}---\nkind: [unclosed\n---\n${pod(`after${i}`)}`);
    writeFileSync(at('binary.yaml'), Buffer.from([0x61, 0x00, 0x62]));
    writeFileSync(at('latin1.yaml'), Buffer.concat([Buffer.from(pod(`u${i}`)), Buffer.from('---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: bad}\ndata: {x: "'), Buffer.from([0xe9]), Buffer.from('"}\n')]));
    writeFileSync(at('bom.yaml'), `\ufeff${pod(`bom${i}`)}`);
    writeFileSync(at('tabs.json'), `{\n\t"apiVersion": "v1",\n\t"kind": "ConfigMap",\n\t"metadata": {"name": "json${i}"},\n\t"data": {"x": "1"}\n}\n`);
    writeFileSync(at('special.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: special${i}}\nx: [.nan, .inf, -.inf, -0.0, 0o17, yes, ~, "\\ud800"]\ndata: {x: "y"}\n`);
    writeFileSync(at('aliases.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: alias${i}}\nshared: &s {a: [1, 2]}\nagain: *s\nmerged: {<<: *s, b: 3}\n`);
    writeFileSync(at('helm.yaml'), `---\n# Source: chart/templates/pod.yaml\n${pod(`helm${i}`)}`);
    writeFileSync(at('list.yaml'), `apiVersion: v1\nkind: List\nitems:\n  - ${pod(`l${i}`).replace(/\n/g, '\n    ')}\n  - {apiVersion: v1, kind: ConfigMap, metadata: {name: lc${i}}}\n  - 42\n`);
    writeFileSync(at('scalar.yaml'), 'just a string\n');
  }
  return dir;
}

describe('parallel parsing', () => {
  it('gives the same result as one thread on every kind of awkward file', async () => {
    const dir = awkwardTree();
    const sequential = await loadInputs([dir], { threads: 1 });
    expect(sequential.threads).toBe(1);
    for (const threads of [2, 3, 4]) {
      const progress: number[] = [];
      const parallel = await loadInputs([dir], { threads, workerUrl, minBytesPerThread: 1, onProgress: (done) => progress.push(done) });
      expect(parallel.threads).toBe(threads);
      expect(snapshot(parallel)).toEqual(snapshot(sequential));
      expect(progress.at(-1)).toBe(66);
    }
    expect(sequential.summary.failed).toBeGreaterThan(0);
    expect(sequential.summary.skipped).toBeGreaterThan(0);
    // Values JSON cannot carry come through exactly, and aliases stay one object.
    const special = sequential.resources.find((r) => r.name === 'special0')?.body['x'] as unknown[];
    const parallelSpecial = (await loadInputs([dir], { threads: 2, workerUrl, minBytesPerThread: 1 })).resources.find((r) => r.name === 'special5')?.body['x'] as unknown[];
    for (const values of [special, parallelSpecial]) {
      expect(values.slice(0, 4)).toEqual([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0]);
      expect(Object.is(values[3], -0)).toBe(true);
    }
    const alias = (await loadInputs([dir], { threads: 2, workerUrl, minBytesPerThread: 1 })).resources.find((r) => r.name === 'alias5')?.body;
    expect(alias?.['again']).toBe(alias?.['shared']);
  });

  it('keeps input order across stdin and several directories', async () => {
    const a = awkwardTree();
    const b = awkwardTree();
    const stdin = () => ({ stdin: (async function* () { yield Buffer.from(pod('from-stdin')); })() as unknown as NodeJS.ReadableStream });
    const sequential = await loadInputs([a, '-', b, join(a, 'missing.yaml')], { threads: 1, ...stdin() });
    const parallel = await loadInputs([a, '-', b, join(a, 'missing.yaml')], { threads: 2, workerUrl, minBytesPerThread: 1, ...stdin() });
    expect(snapshot(parallel)).toEqual(snapshot(sequential));
    expect(parallel.resources.some((r) => r.name === 'from-stdin' && r.source.file === '-')).toBe(true);
  });

  it('parses on the main thread whatever a failing worker left undone', async () => {
    const dir = awkwardTree();
    const scripts = mkdtempSync(join(tmpdir(), 'rampart-crash-'));
    writeFileSync(join(scripts, 'throws.mjs'), "throw new Error('worker broke');\n");
    writeFileSync(join(scripts, 'exits.mjs'), "import { parentPort } from 'node:worker_threads'; parentPort.postMessage({ i: 0, failed: 'x' }); process.exit(3);\n");
    // Claims the last three files, answers for one of them that it failed, and dies with the other two unanswered.
    writeFileSync(
      join(scripts, 'claims-and-dies.mjs'),
      [
        "import { parentPort, workerData } from 'node:worker_threads';",
        'const cells = new Int32Array(workerData.claims);',
        'const n = workerData.paths.length;',
        'for (let i = n - 1; i >= n - 3; i--) Atomics.compareExchange(cells, i, 0, workerData.id);',
        "parentPort.postMessage({ i: n - 1, failed: 'EIO' });",
        'setTimeout(() => process.exit(3), 50);',
      ].join('\n'),
    );
    const sequential = snapshot(await loadInputs([dir], { threads: 1 }));
    for (const name of ['throws.mjs', 'exits.mjs', 'claims-and-dies.mjs']) {
      const url = pathToFileURL(join(scripts, name));
      const meanwhile = () => new Promise<void>((resolve) => setTimeout(resolve, 200));
      expect(snapshot(await loadInputs([dir], { threads: 2, workerUrl: url, minBytesPerThread: 1, meanwhile }))).toEqual(sequential);
    }
  });
});

describe('splitting the work', () => {
  it('starts no worker for one thread, a small input, or a worker module that is not there', () => {
    const dir = awkwardTree();
    const entries = [{ kind: 'file' as const, path: join(dir, '0-pods.yaml') }, { kind: 'file' as const, path: join(dir, '2-pods.yaml') }];
    expect(parseWorkers(entries, { threads: 1, workerUrl, minBytesPerThread: 1 })).toBe(0);
    expect(parseWorkers(entries, { threads: 2, workerUrl })).toBe(0);
    expect(parseWorkers(entries, { threads: 2, workerUrl: new URL('file:///nonexistent/worker.js'), minBytesPerThread: 1 })).toBe(0);
    expect(parseWorkers(entries, { threads: 3, workerUrl, minBytesPerThread: 1 })).toBe(2);
  });

  it('gives each entry to exactly one thread on the claim board', () => {
    const board = ClaimBoard.create(3);
    expect(board.claim(1, 2)).toBe(true);
    expect(board.claim(1, MAIN_THREAD)).toBe(false);
    expect(board.owner(1)).toBe(2);
    expect(board.owner(0)).toBe(0);
    expect(board.claim(0, MAIN_THREAD)).toBe(true);
  });

  it('lets the workers parse from the back while the main thread is busy with other start-up work', async () => {
    const dir = awkwardTree();
    const sequential = snapshot(await loadInputs([dir], { threads: 1 }));
    let waited = false;
    const meanwhile = async () => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      waited = true;
    };
    const parallel = await loadInputs([dir], { threads: 2, workerUrl, minBytesPerThread: 1, meanwhile });
    expect(waited).toBe(true);
    expect(parallel.workerFiles).toBeGreaterThan(30);
    expect(snapshot(parallel)).toEqual(sequential);
  });

  it('stops and closes its workers when the start-up work fails', async () => {
    const dir = awkwardTree();
    await expect(loadInputs([dir], { threads: 2, workerUrl, minBytesPerThread: 1, meanwhile: () => Promise.reject(new Error('bad config')) })).rejects.toThrow('bad config');
    await expect(loadInputs([dir], { threads: 1, meanwhile: () => Promise.reject(new Error('bad config')) })).rejects.toThrow('bad config');
  });
});
