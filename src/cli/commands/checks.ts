/**
 * `rampart checks`: the check catalogue — built-in checks plus any `--checks-dir` — as a
 * terminal table, Markdown (the body of docs/checks.md) or JSON.
 */
import { Option, type Command } from 'commander';
import { CHECKS } from '../../checks/index.js';
import { readCatalogues } from '../../engine/compliance.js';
import { withCustomChecks } from '../../engine/custom-checks.js';
import { DOMAINS, FRAMEWORKS, type AnyCheck } from '../../engine/types.js';
import { checksJson, checksMarkdown, checksText } from '../../report/catalogue.js';
import type { CommandContext } from '../io.js';
import { collect, emit, parseChoice } from '../options.js';

const FORMATS = ['text', 'md', 'json'] as const;

interface ChecksFlags {
  format: string;
  domain?: string;
  checksDir?: string[];
  output?: string;
}

export function registerChecks(program: Command, context: CommandContext): void {
  program
    .command('checks')
    .summary('list every check: id, severity, domain and title')
    .description('List the checks Rampart runs (built-in, plus custom checks from --checks-dir), grouped by domain.')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('text'))
    .addOption(new Option('--domain <domain>', 'only the checks of one domain').choices(DOMAINS))
    .option('--checks-dir <dir>', 'include custom checks (YAML + CEL) from a directory (repeatable)', collect)
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .addHelpText(
      'after',
      `
Examples:
  rampart checks
  rampart checks --domain rbac
  rampart checks --format json | jq '.[] | select(.severity == "critical") | .id'
  rampart checks --format md --checks-dir policies/ > docs/our-checks.md`,
    )
    .action(async (flags: ChecksFlags) => {
      const format = parseChoice('--format', flags.format, FORMATS);
      const catalogues = (flags.checksDir ?? []).length > 0 ? await readCatalogues(FRAMEWORKS) : [];
      let checks: readonly AnyCheck[] = await withCustomChecks(CHECKS, flags.checksDir ?? [], { catalogues });
      if (flags.domain !== undefined) {
        const domain = parseChoice('--domain', flags.domain, DOMAINS);
        checks = checks.filter((c) => c.domain === domain);
      }
      const text = format === 'json' ? checksJson(checks) : format === 'md' ? checksMarkdown(checks) : checksText(checks);
      await emit(context.io, text, flags.output);
    });
}
