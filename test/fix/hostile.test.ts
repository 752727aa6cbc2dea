/**
 * Bad input never crashes the fixer and is never rewritten: alias bombs, junk, non-Kubernetes
 * YAML, empty and comment-only files, duplicate keys, very deep nesting.
 */
import { describe, expect, it } from 'vitest';
import { fixSources } from '../../src/fix/plan.js';
import { SETTINGS } from './support.js';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n';

const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`)].join('\n');

const CASES: Array<[string, string]> = [
  ['an empty file', ''],
  ['only comments', '# nothing here\n---\n# or here\n'],
  ['a non-Kubernetes YAML file', 'name: my-app\nversion: 1.2.3\ndependencies: [a, b]\n'],
  ['a YAML scalar and a list', 'just a string\n---\n- a\n- b\n'],
  ['an alias bomb next to a pod', `${bomb}\n---\n${POD}`],
  ['junk', '\u0001\u0002: ::: {{{ ]]] \n\t- :\n'],
  ['duplicate keys', POD.replace('metadata: {name: p}', 'metadata: {name: p}\nmetadata: {name: q}')],
  ['deep nesting', 'a:' + Array.from({ length: 300 }, (_, i) => `\n${' '.repeat(2 * (i + 1))}k${i}:`).join('') + ' 1\n' + '---\n' + POD],
];

describe('hostile input', () => {
  for (const [name, text] of CASES) {
    it(`${name}: no crash, and the file is rewritten only when every edit is proven`, () => {
      const result = fixSources([{ file: 'x.yaml', text }], { settings: SETTINGS });
      const file = result.files[0];
      expect(file).toBeDefined();
      if (file && file.fixed !== text) {
        // Only a file whose resources all loaded may change, and then only by proven edits.
        expect(result.errors).toEqual([]);
        expect(file.applied.length).toBeGreaterThan(0);
      }
    });
  }

  it('an alias bomb makes the file fail to load, so it is not rewritten', () => {
    const result = fixSources([{ file: 'x.yaml', text: `${bomb}\n---\n${POD}` }], { settings: SETTINGS });
    expect(result.files[0]?.fixed).toBe(`${bomb}\n---\n${POD}`);
  });
});
