/** image checks, keyed by id in id order. */
import type { AnyCheck } from '../../engine/types.js';

export const IMAGE_CHECKS = {} as const satisfies Record<string, AnyCheck>;
