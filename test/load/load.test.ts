import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { loadInputs, loadText } from '../../src/load/index.js';

const pod = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n    - name: app\n      image: nginx\n`;

describe('loadText', () => {
  it('loads multi-document YAML with one resource per document', () => {
    const result = loadText(`${pod('a')}---\n${pod('b')}`, 'pods.yaml');
    expect(result.resources.map((r) => r.name)).toEqual(['a', 'b']);
    expect(result.resources[1]?.source.line).toBe(10);
    expect(result.summary).toEqual({ documents: 2, resources: 2, skipped: 0, failed: 0 });
  });

  it('resolves JSON Pointers to lines and columns, pointing at the key of a mapping member', () => {
    const text = `# comment\napiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n    - name: app\n      securityContext:\n        privileged: true\n`;
    const [r] = loadText(text, 'p.yaml').resources;
    expect(r?.source.positions?.locate('/spec/containers/0/securityContext/privileged')).toEqual({ line: 10, column: 9 });
    expect(r?.source.positions?.locate('/spec/containers/0')).toEqual({ line: 8, column: 7 });
    // A pointer to a field that is absent resolves to its deepest existing ancestor.
    expect(r?.source.positions?.locate('/spec/containers/0/securityContext/runAsNonRoot')).toEqual({ line: 9, column: 7 });
    expect(r?.source.positions?.locate('/spec/containers/5')).toEqual({ line: 7, column: 3 });
  });

  it('resolves quoted and escaped keys', () => {
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  annotations:\n    "a/b~c": "1"\n    'it''s': "2"\n`;
    const [r] = loadText(text).resources;
    expect(r?.source.positions?.locate('/metadata/annotations/a~1b~0c')).toEqual({ line: 6, column: 6 });
    expect(r?.source.positions?.locate("/metadata/annotations/it's")).toEqual({ line: 7, column: 6 });
  });

  it('resolves plain keys that share a prefix, escaped plain keys, and only canonical sequence indexes', () => {
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels:\n    app: a\n    app.kubernetes.io/name: b\n    x~y: c\nspec:\n  containers:\n    - name: one\n    - name: two\n`;
    const [r] = loadText(text).resources;
    const at = (pointer: string) => r?.source.positions?.locate(pointer);
    expect(at('/metadata/labels/app')).toEqual({ line: 6, column: 5 });
    expect(at('/metadata/labels/app.kubernetes.io~1name')).toEqual({ line: 7, column: 5 });
    expect(at('/metadata/labels/x~0y')).toEqual({ line: 8, column: 5 });
    expect(at('/metadata/labels/ap')).toEqual({ line: 5, column: 3 });
    expect(at('/spec/containers/1/name')).toEqual({ line: 12, column: 7 });
    // "01" and "1x" address no item: the nearest node that exists is the sequence, found at its key.
    expect(at('/spec/containers/01')).toEqual({ line: 10, column: 3 });
    expect(at('/spec/containers/1x')).toEqual({ line: 10, column: 3 });
  });

  it('expands List kinds item by item with pointer prefixes', () => {
    const text = `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: one}\n  - apiVersion: v1\n    kind: Secret\n    metadata: {name: two}\n`;
    const result = loadText(text);
    expect(result.resources.map((r) => [r.kind, r.name, r.source.pointerPrefix, r.source.line])).toEqual([
      ['ConfigMap', 'one', '/items/0', 4],
      ['Secret', 'two', '/items/1', 7],
    ]);
    expect(result.summary.documents).toBe(2);
  });

  it('counts a document without apiVersion/kind as skipped, and ignores empty documents', () => {
    const result = loadText(`foo: bar\n---\n# only a comment\n---\n${pod('a')}`);
    expect(result.summary).toEqual({ documents: 2, resources: 1, skipped: 1, failed: 0 });
    expect(result.skipped[0]).toMatchObject({ line: 1, reason: expect.stringContaining('apiVersion') });
  });

  it('reports a broken document with its line and keeps the rest of the file', () => {
    const text = `${pod('a')}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: [broken\n---\n${pod('c')}`;
    const result = loadText(text, 'mixed.yaml');
    expect(result.resources.map((r) => r.name)).toEqual(['a', 'c']);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ file: 'mixed.yaml', line: expect.any(Number) });
    expect(result.errors[0]?.line).toBeGreaterThanOrEqual(10);
    expect(result.errors[0]?.line).toBeLessThanOrEqual(15);
    expect(result.summary).toEqual({ documents: 3, resources: 2, skipped: 0, failed: 1 });
  });

  it('rejects duplicate keys with the line of the duplicate, as kubectl does', () => {
    const result = loadText(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  name: b\n`);
    expect(result.errors[0]).toMatchObject({ line: 5, message: expect.stringContaining('duplicated mapping key') });
    expect(result.summary.failed).toBe(1);
  });

  it('never quotes source text in an error message', () => {
    const result = loadText(`apiVersion: v1\nkind: Secret\nstringData:\n  password: "hunter2-very-secret\n`);
    expect(result.errors).toHaveLength(1);
    expect(JSON.stringify(result.errors)).not.toContain('hunter2');
  });

  it('maps Helm rendered output back to its chart templates', () => {
    const text = `---\n# Source: shop/templates/deployment.yaml\n${pod('a')}---\n# Source: shop/templates/pod.yaml\n${pod('b')}`;
    const result = loadText(text, 'rendered.yaml');
    expect(result.resources.map((r) => r.source.template)).toEqual(['shop/templates/deployment.yaml', 'shop/templates/pod.yaml']);
  });

  it('reads YAML 1.1 scalars and merge keys the way Kubernetes tooling does', () => {
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  hostNetwork: yes\n  base: &b {a: 1}\n  merged:\n    <<: *b\n    c: 2\n`;
    const body = loadText(text).resources[0]?.body as Record<string, Record<string, unknown>>;
    expect(body['spec']?.['hostNetwork']).toBe(true);
    expect(body['spec']?.['merged']).toEqual({ a: 1, c: 2 });
  });

  it('loads JSON, including JSON indented with tabs', () => {
    const json = '{\n\t"apiVersion": "v1",\n\t"kind": "Pod",\n\t"metadata": {"name": "j"}\n}\n';
    const result = loadText(json, 'pod.json');
    expect(result.resources.map((r) => r.name)).toEqual(['j']);
  });
});

describe('loadInputs', () => {
  it('walks directories recursively in sorted order, reading .yaml/.yml/.json only, skipping hidden directories', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rampart-load-'));
    mkdirSync(join(dir, 'b'));
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, 'b', 'two.yml'), pod('two'));
    writeFileSync(join(dir, 'a.yaml'), pod('one'));
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'three' } }));
    writeFileSync(join(dir, 'notes.txt'), pod('ignored'));
    writeFileSync(join(dir, '.git', 'x.yaml'), pod('hidden'));
    const result = await loadInputs([dir]);
    expect(result.resources.map((r) => r.name)).toEqual(['one', 'two', 'three']);
    expect(result.resources[0]?.source.file).toBe(join(dir, 'a.yaml'));
  });

  it('reads stdin for "-"', async () => {
    const result = await loadInputs(['-'], { stdin: Readable.from([Buffer.from(pod('in'))]) });
    expect(result.resources[0]?.source.file).toBe('-');
    expect(result.resources[0]?.name).toBe('in');
  });

  it('reports a missing path as an error and goes on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rampart-load-'));
    writeFileSync(join(dir, 'a.yaml'), pod('one'));
    const result = await loadInputs([join(dir, 'nope.yaml'), join(dir, 'a.yaml')]);
    expect(result.resources).toHaveLength(1);
    expect(result.errors[0]?.message).toContain('no such file');
    expect(result.anyReadable).toBe(true);
    expect(result.summary.documents).toBe(result.summary.resources + result.summary.skipped + result.summary.failed);
  });
});
