/**
 * Every command, listed explicitly in the order `--help` shows them. Each is loaded on demand:
 * `rampart scan` imports the scanner, not the hardening generator or the Kubernetes client, so
 * every invocation starts quickly.
 */
import type { RegisterCommand } from '../program.js';

interface CommandEntry {
  name: string;
  load: () => Promise<RegisterCommand>;
}

/** `rampart rbac`, with the live scanner's `scanner-role` sub-command added to it. */
async function loadRbac(): Promise<RegisterCommand> {
  const [{ registerRbac }, { addScannerRoleCommand }] = await Promise.all([import('./rbac.js'), import('./deploy.js')]);
  return (program, context) => {
    registerRbac(program, context);
    const rbac = program.commands.find((command) => command.name() === 'rbac');
    if (rbac) addScannerRoleCommand(rbac, context);
  };
}

export const COMMAND_ENTRIES: readonly CommandEntry[] = [
  // Assessing
  { name: 'scan', load: async () => (await import('./scan.js')).registerScan },
  { name: 'pss', load: async () => (await import('./pss.js')).registerPss },
  { name: 'fix', load: async () => (await import('./fix.js')).registerFix },
  // Analyzing
  { name: 'rbac', load: loadRbac },
  { name: 'netpol', load: async () => (await import('./netpol.js')).registerNetpol },
  // Generating the hardening bundle
  { name: 'harden', load: async () => (await import('./harden.js')).registerHarden },
  // The check catalogue
  { name: 'checks', load: async () => (await import('./checks.js')).registerChecks },
  { name: 'explain', load: async () => (await import('./explain.js')).registerExplain },
  // Running in the cluster
  { name: 'deploy', load: async () => (await import('./deploy.js')).registerDeploy },
];

/**
 * The registrars a command line needs: only the named command's when the first word names one;
 * every command otherwise (help, unknown commands with suggestions, no command).
 *
 * @example
 * await commandsFor(['scan', 'k8s/']); // [registerScan]
 */
export async function commandsFor(argv: readonly string[]): Promise<RegisterCommand[]> {
  const first = argv.find((arg) => !arg.startsWith('-'));
  const named = COMMAND_ENTRIES.filter((entry) => entry.name === first);
  return Promise.all((named.length > 0 ? named : COMMAND_ENTRIES).map((entry) => entry.load()));
}

/** Every command's registrar, in `--help` order. */
export function allCommands(): Promise<RegisterCommand[]> {
  return Promise.all(COMMAND_ENTRIES.map((entry) => entry.load()));
}
