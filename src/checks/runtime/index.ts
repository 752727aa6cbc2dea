/** runtime checks, keyed by id in id order. */
import type { AnyCheck } from '../../engine/types.js';

export const RUNTIME_CHECKS = {} as const satisfies Record<string, AnyCheck>;
