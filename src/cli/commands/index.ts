/** Every command, registered explicitly in the order `--help` lists them. */
import type { RegisterCommand } from '../program.js';
import { registerChecks } from './checks.js';
import { registerExplain } from './explain.js';
import { registerNetpol } from './netpol.js';
import { registerPss } from './pss.js';
import { registerScan } from './scan.js';

export const COMMANDS: readonly RegisterCommand[] = [
  // Assessing
  registerScan,
  registerPss,
  // Analyzing
  registerNetpol,
  // The check catalogue
  registerChecks,
  registerExplain,
];
