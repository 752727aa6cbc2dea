/**
 * The YAML patcher on its own: each operation is a minimal splice that keeps comments, key order,
 * quoting, indentation and line endings of everything else, in block and flow style, in JSON,
 * in multi-document files and List items; anything it cannot do locally is a PatchError.
 */
import { describe, expect, it } from 'vitest';
import { patchYamlText, PatchError, type PatchTarget } from '../../src/fix/patcher.js';
import type { PatchOp } from '../../src/fix/types.js';
import { expectOnlyInsertedLines } from './support.js';

const FIRST: PatchTarget = { documentIndex: 0, pointerPrefix: '' };

function apply(text: string, ops: PatchOp[], target: PatchTarget = FIRST): string {
  return patchYamlText(text, target, ops);
}

describe('block mappings', () => {
  it('adds a key after the last sibling, at the siblings column, keeping comments above, beside and below', () => {
    const text = ['# above the container', 'spec:', '  # about a', '  a: 1 # beside a', '  b: two  # beside b', '  # below b', 'other: x', ''].join('\n');
    const fixed = apply(text, [{ op: 'add', path: '/spec/c', value: true }]);
    expect(fixed).toBe(['# above the container', 'spec:', '  # about a', '  a: 1 # beside a', '  b: two  # beside b', '  c: true', '  # below b', 'other: x', ''].join('\n'));
  });

  it('adds a nested mapping as block lines with the document indentation step (4 here)', () => {
    const text = 'spec:\n    containers:\n        -   name: app\n            image: nginx\n';
    const fixed = apply(text, [{ op: 'add', path: '/spec/containers/0/securityContext', value: { capabilities: { drop: ['ALL'] }, runAsNonRoot: true } }]);
    expect(fixed).toBe(
      'spec:\n    containers:\n        -   name: app\n            image: nginx\n            securityContext:\n                capabilities:\n                    drop:\n                        - ALL\n                runAsNonRoot: true\n',
    );
  });

  it('writes new lists in the document list style (indentless here)', () => {
    const text = 'spec:\n  containers:\n  - name: app\n';
    const fixed = apply(text, [{ op: 'add', path: '/spec/volumes', value: [{ name: 'tmp', emptyDir: {} }] }]);
    expect(fixed).toBe('spec:\n  containers:\n  - name: app\n  volumes:\n  - name: tmp\n    emptyDir: {}\n');
  });

  it('replaces a scalar in place, keeping the comment beside it', () => {
    const text = 'a:\n  flag: true   # keep me\n  b: 1\n';
    expect(apply(text, [{ op: 'replace', path: '/a/flag', value: false }])).toBe('a:\n  flag: false   # keep me\n  b: 1\n');
  });

  it('replaces an empty or null value with a block', () => {
    expect(apply('a:\n  sc:\n  b: 1\n', [{ op: 'replace', path: '/a/sc', value: { x: true } }])).toBe('a:\n  sc:\n    x: true\n  b: 1\n');
    expect(apply('a:\n  sc: null\n  b: 1\n', [{ op: 'replace', path: '/a/sc', value: { x: true } }])).toBe('a:\n  sc:\n    x: true\n  b: 1\n');
    expect(apply('a:\n  sc: ~ # none\n', [{ op: 'replace', path: '/a/sc', value: 'v' }])).toBe('a:\n  sc: v # none\n');
  });

  it('inserts after a block scalar without touching its content', () => {
    const text = 'data:\n  script: |\n    echo hi\n\n    echo there\n\n# trailing\n';
    const fixed = apply(text, [{ op: 'add', path: '/data/other', value: 'x' }]);
    expect(fixed).toBe('data:\n  script: |\n    echo hi\n\n    echo there\n  other: x\n\n# trailing\n');
  });

  it('keeps the missing final newline missing', () => {
    expect(apply('a:\n  b: 1', [{ op: 'add', path: '/a/c', value: 2 }])).toBe('a:\n  b: 1\n  c: 2');
  });

  it('keeps CRLF line endings', () => {
    const fixed = apply('a:\r\n  b: 1 # c\r\nz: 0\r\n', [{ op: 'add', path: '/a/s', value: { t: ['x'] } }]);
    expect(fixed).toBe('a:\r\n  b: 1 # c\r\n  s:\r\n    t:\r\n      - x\r\nz: 0\r\n');
  });

  it('keeps quoting of untouched values and quotes new strings only when needed', () => {
    const text = "a:\n  s: 'single'\n  d: \"double\"\n";
    const fixed = apply(text, [
      { op: 'add', path: '/a/num', value: '1' },
      { op: 'add', path: '/a/word', value: 'yes' },
      { op: 'add', path: '/a/p', value: '/tmp' },
      { op: 'add', path: '/a/q', value: '128Mi' },
    ]);
    expect(fixed).toBe("a:\n  s: 'single'\n  d: \"double\"\n  num: \"1\"\n  word: \"yes\"\n  p: /tmp\n  q: 128Mi\n");
  });
});

describe('lists', () => {
  it('appends to a block list at the column of its dashes', () => {
    const text = 'drop:\n    - NET_RAW # raw\n    - CHOWN\nnext: 1\n';
    expect(apply(text, [{ op: 'add', path: '/drop/-', value: 'ALL' }])).toBe('drop:\n    - NET_RAW # raw\n    - CHOWN\n    - ALL\nnext: 1\n');
  });

  it('appends a mapping item in the style of the last item', () => {
    expect(apply('v:\n- {name: a, hostPath: {path: /a}}\n', [{ op: 'add', path: '/v/-', value: { name: 'tmp', emptyDir: {} } }])).toBe(
      'v:\n- {name: a, hostPath: {path: /a}}\n- {name: tmp, emptyDir: {}}\n',
    );
    expect(apply('v:\n  - name: a\n    x: 1\n', [{ op: 'add', path: '/v/-', value: { name: 'tmp', emptyDir: {} } }])).toBe(
      'v:\n  - name: a\n    x: 1\n  - name: tmp\n    emptyDir: {}\n',
    );
  });

  it('appends to flow lists, empty ones included', () => {
    expect(apply('drop: [NET_RAW]\n', [{ op: 'add', path: '/drop/-', value: 'ALL' }])).toBe('drop: [NET_RAW, ALL]\n');
    expect(apply('drop: [ ]\n', [{ op: 'add', path: '/drop/-', value: 'ALL' }])).toBe('drop: [ ALL]\n');
    expect(apply('drop: []\n', [{ op: 'add', path: '/drop/-', value: 'ALL' }])).toBe('drop: [ALL]\n');
  });
});

describe('flow mappings stay flow', () => {
  it('adds inside the braces', () => {
    expect(apply('sc: {runAsUser: 1000} # uid\n', [{ op: 'add', path: '/sc/runAsNonRoot', value: true }])).toBe('sc: {runAsUser: 1000, runAsNonRoot: true} # uid\n');
    expect(apply('sc: {}\n', [{ op: 'add', path: '/sc/capabilities', value: { drop: ['ALL'] } }])).toBe('sc: {capabilities: {drop: [ALL]}}\n');
  });

  it('adds to a multi-line flow mapping on a new line at the column of its items', () => {
    const text = 'sc: {\n  a: 1,\n  b: 2\n}\n';
    expect(apply(text, [{ op: 'add', path: '/sc/c', value: 3 }])).toBe('sc: {\n  a: 1,\n  b: 2,\n  c: 3\n}\n');
  });

  it('writes JSON in JSON documents, pretty-printed like its surroundings', () => {
    const text = '{\n  "kind": "Pod",\n  "spec": {\n    "containers": [\n      {\n        "name": "app"\n      }\n    ]\n  }\n}\n';
    const fixed = apply(text, [{ op: 'add', path: '/spec/containers/0/securityContext', value: { capabilities: { drop: ['ALL'] } } }]);
    expect(fixed).toBe(
      '{\n  "kind": "Pod",\n  "spec": {\n    "containers": [\n      {\n        "name": "app",\n        "securityContext": {\n          "capabilities": {\n            "drop": [\n              "ALL"\n            ]\n          }\n        }\n      }\n    ]\n  }\n}\n',
    );
    expect(JSON.parse(fixed)).toEqual({ kind: 'Pod', spec: { containers: [{ name: 'app', securityContext: { capabilities: { drop: ['ALL'] } } }] } });
  });

  it('writes JSON in a one-line JSON document', () => {
    const fixed = apply('{"spec": {"a": 1}}', [{ op: 'add', path: '/spec/b', value: 'x' }]);
    expect(JSON.parse(fixed)).toEqual({ spec: { a: 1, b: 'x' } });
  });
});

describe('addressing', () => {
  const multi = ['# first', 'kind: A', 'spec: {}', '---', '# second', 'kind: B', 'spec:', '  x: 1', '---', 'kind: C', 'spec:', '  x: 1', ''].join('\n');

  it('edits only the addressed document of a multi-document file', () => {
    const fixed = apply(multi, [{ op: 'add', path: '/spec/extra', value: 2 }], { documentIndex: 1, documentLine: 6, pointerPrefix: '' });
    expect(fixed).toBe(multi.replace('kind: B\nspec:\n  x: 1\n', 'kind: B\nspec:\n  x: 1\n  extra: 2\n'));
  });

  it('finds the document by its line when indices disagree (empty documents)', () => {
    const text = '---\n---\nkind: A\nspec:\n  x: 1\n';
    expect(apply(text, [{ op: 'add', path: '/spec/extra', value: 2 }], { documentIndex: 0, documentLine: 3, pointerPrefix: '' })).toBe('---\n---\nkind: A\nspec:\n  x: 1\n  extra: 2\n');
  });

  it('edits a List item through its pointer prefix', () => {
    const text = 'kind: List\nitems:\n- kind: A\n  spec: {x: 1}\n- kind: B\n  spec:\n    x: 1\n';
    const fixed = apply(text, [{ op: 'add', path: '/spec/extra', value: 2 }], { documentIndex: 0, pointerPrefix: '/items/1' });
    expect(fixed).toBe('kind: List\nitems:\n- kind: A\n  spec: {x: 1}\n- kind: B\n  spec:\n    x: 1\n    extra: 2\n');
  });
});

describe('refusals', () => {
  it('refuses paths through aliases and merge keys', () => {
    expect(() => apply('base: &b {x: 1}\nspec: *b\n', [{ op: 'add', path: '/spec/y', value: 1 }])).toThrow(PatchError);
    expect(() => apply('base: &b {x: 1}\nspec:\n  <<: *b\n  z: 1\n', [{ op: 'add', path: '/spec/y', value: 1 }])).toThrow(/merge key/);
  });

  it('refuses text that does not parse, missing parents and replacing collections', () => {
    expect(() => apply('a: [\n', [{ op: 'add', path: '/b', value: 1 }])).toThrow(/does not parse/);
    expect(() => apply('a: 1\n', [{ op: 'add', path: '/x/y', value: 1 }])).toThrow(/parent does not exist/);
    expect(() => apply('a:\n  b: 1\n', [{ op: 'replace', path: '/a', value: 1 }])).toThrow(PatchError);
  });
});

describe('minimality', () => {
  it('only inserts lines into a block document: every original line survives, in order', () => {
    const text = [
      '# Deployment',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web   # the name',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        # the app',
      '        - name: app',
      "          image: 'nginx:1.25'",
      '          args: ["--port", "8080"]',
      '          # end of app',
      '      # end of containers',
      '',
    ].join('\n');
    const fixed = apply(text, [
      { op: 'add', path: '/spec/template/spec/containers/0/securityContext', value: { allowPrivilegeEscalation: false } },
      { op: 'add', path: '/spec/template/spec/automountServiceAccountToken', value: false },
    ]);
    expectOnlyInsertedLines(text, fixed);
    expect(fixed).toContain('          securityContext:\n            allowPrivilegeEscalation: false\n          # end of app');
    expect(fixed).toContain('      automountServiceAccountToken: false\n      # end of containers');
  });
});
