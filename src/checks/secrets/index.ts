/** secrets checks, keyed by id in id order. */
import type { AnyCheck } from '../../engine/types.js';

export const SECRETS_CHECKS = {} as const satisfies Record<string, AnyCheck>;
