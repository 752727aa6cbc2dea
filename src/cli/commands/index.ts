/** Every command, registered explicitly in the order `--help` lists them. */
import type { RegisterCommand } from '../program.js';
import { registerChecks } from './checks.js';
import { addScannerRoleCommand, registerDeploy } from './deploy.js';
import { registerExplain } from './explain.js';
import { registerFix } from './fix.js';
import { registerHarden } from './harden.js';
import { registerNetpol } from './netpol.js';
import { registerPss } from './pss.js';
import { registerRbac } from './rbac.js';
import { registerScan } from './scan.js';

/** `rampart rbac`, with the live scanner's `scanner-role` sub-command added to it. */
const registerRbacWithScannerRole: RegisterCommand = (program, context) => {
  registerRbac(program, context);
  const rbac = program.commands.find((command) => command.name() === 'rbac');
  if (rbac) addScannerRoleCommand(rbac, context);
};

export const COMMANDS: readonly RegisterCommand[] = [
  // Assessing
  registerScan,
  registerPss,
  registerFix,
  // Analyzing
  registerRbacWithScannerRole,
  registerNetpol,
  // Generating the hardening bundle
  registerHarden,
  // The check catalogue
  registerChecks,
  registerExplain,
  // Running in the cluster
  registerDeploy,
];
