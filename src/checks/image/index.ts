/** image checks, keyed by id in id order. */
import type { AnyCheck } from '../../engine/types.js';
import latestTag from './latest-tag.js';
import mutableTagAlwaysPulled from './mutable-tag-always-pulled.js';
import notPinnedByDigest from './not-pinned-by-digest.js';
import registryNotAllowed from './registry-not-allowed.js';

export const IMAGE_CHECKS = {
  'image.latest-tag': latestTag,
  'image.mutable-tag-always-pulled': mutableTagAlwaysPulled,
  'image.not-pinned-by-digest': notPinnedByDigest,
  'image.registry-not-allowed': registryNotAllowed,
} as const satisfies Record<string, AnyCheck>;
