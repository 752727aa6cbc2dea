/** Every command, registered explicitly in the order `--help` lists them. */
import type { RegisterCommand } from '../program.js';

export const COMMANDS: readonly RegisterCommand[] = [];
