/**
 * Image digests supplied by the user (`--image-digests FILE`): the one input that makes pinning an
 * image safe, because Rampart never asks a registry. The file holds one full reference per line,
 * as `crane digest --full-ref IMAGE` prints it:
 *
 * ```
 * # resolved 2026-11-26
 * registry.example.com/shop/cart:2.4.1@sha256:9f2c…
 * nginx:1.27@sha256:4c0f…
 * ```
 *
 * The three image fixes (`image.latest-tag`, `image.not-pinned-by-digest`,
 * `image.mutable-tag-always-pulled`) append the digest to a container's `image` when its value
 * is exactly a reference of the file (before the `@`).
 */
import { InputError } from '../errors.js';
import { containerAt } from './pod.js';
import { defineFix, patch, unsafe, type FixDefinition } from './types.js';
import { joinPointer } from '../model/types.js';

export const DIGESTS_OPTION = '--image-digests';

const DIGEST = /^(sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128})$/;

/**
 * Parses a digests file into reference → digest.
 *
 * @example
 * parseImageDigests('nginx:1.27@sha256:' + 'a'.repeat(64), 'digests.txt').get('nginx:1.27') // 'sha256:aaa…'
 */
export function parseImageDigests(text: string, file: string): ReadonlyMap<string, string> {
  const digests = new Map<string, string>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const at = line.lastIndexOf('@');
    const reference = at > 0 ? line.slice(0, at) : '';
    const digest = at > 0 ? line.slice(at + 1) : '';
    if (reference === '' || /\s/.test(reference) || !DIGEST.test(digest)) {
      throw new InputError('expected IMAGE@sha256:<64 hex digits> (as `crane digest --full-ref IMAGE` prints it)', { file, line: index + 1 });
    }
    const known = digests.get(reference);
    if (known !== undefined && known !== digest) throw new InputError(`${reference} is listed with two different digests`, { file, line: index + 1 });
    digests.set(reference, digest);
  });
  return digests;
}

/**
 * A fix that pins the image of the container a finding points into.
 *
 * @example
 * export default pinDigestFix('image.not-pinned-by-digest');
 */
export function pinDigestFix(checkId: string): FixDefinition {
  return defineFix({
    checkId,
    description: `appends the image digest from ${DIGESTS_OPTION} to the container image`,
    fix({ resource, body, finding, options }) {
      const target = containerAt(resource, body, finding.path);
      if (!target) return unsafe('the finding does not point into a container');
      const image = target.container.container['image'];
      if (typeof image !== 'string') return unsafe('the container image is not a string');
      if (image.includes('@')) return patch([]);
      const digest = options.imageDigests?.get(image.trim());
      if (digest === undefined) {
        return options.imageDigests === undefined
          ? unsafe(`no digests were given (${DIGESTS_OPTION})`, DIGESTS_OPTION)
          : unsafe(`${DIGESTS_OPTION} lists no digest for ${image}`, DIGESTS_OPTION);
      }
      return patch([{ op: 'replace', path: joinPointer(target.container.pointer, 'image'), value: `${image.trim()}@${digest}` }]);
    },
  });
}
