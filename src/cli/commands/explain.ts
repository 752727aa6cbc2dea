/**
 * `rampart explain CHECK_ID`: what a check looks at, why it matters, how to fix a finding and
 * which compliance controls it evidences. An unknown id is a usage error that suggests the
 * closest ids, because the usual cause is a typo copied from memory.
 */
import { Option, type Command } from 'commander';
import { CHECKS } from '../../checks/index.js';
import { readCatalogues } from '../../engine/compliance.js';
import { withCustomChecks } from '../../engine/custom-checks.js';
import { FRAMEWORKS } from '../../engine/types.js';
import { UsageError } from '../../errors.js';
import { checkSummary, explainText } from '../../report/catalogue.js';
import type { CommandContext } from '../io.js';
import { collect, parseChoice } from '../options.js';

const FORMATS = ['text', 'json'] as const;

interface ExplainFlags {
  format: string;
  checksDir?: string[];
}

export function registerExplain(program: Command, context: CommandContext): void {
  program
    .command('explain')
    .summary('explain one check: severity, controls, documentation and remediation')
    .argument('<check-id>', 'a check id, as printed in findings (e.g. pss.privileged)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('text'))
    .option('--checks-dir <dir>', 'also look up custom checks (YAML + CEL) from a directory (repeatable)', collect)
    .addHelpText(
      'after',
      `
Examples:
  rampart explain pss.privileged
  rampart explain custom.team-label --checks-dir policies/`,
    )
    .action(async (id: string, flags: ExplainFlags) => {
      const format = parseChoice('--format', flags.format, FORMATS);
      const catalogues = await readCatalogues(FRAMEWORKS);
      const checks = await withCustomChecks(CHECKS, flags.checksDir ?? [], { catalogues });
      const check = checks.find((c) => c.id === id);
      if (!check) {
        const suggestions = closestIds(id, checks.map((c) => c.id));
        const hint = suggestions.length > 0 ? `; did you mean ${suggestions.join(', ')}?` : '; run "rampart checks" to list them';
        throw new UsageError(`unknown check ${JSON.stringify(id)}${hint}`);
      }
      context.io.stdout.write(format === 'json' ? `${JSON.stringify(checkSummary(check), null, 2)}\n` : explainText(check, catalogues));
    });
}

/**
 * Up to `limit` ids closest to `wanted`: ids containing it (or contained in it) first, then
 * by edit distance, keeping only plausible typos.
 *
 * @example
 * closestIds('pss.privilged', ['pss.privileged', 'pss.sysctls']); // ['pss.privileged']
 */
export function closestIds(wanted: string, ids: readonly string[], limit = 3): string[] {
  const needle = wanted.toLowerCase();
  const scored = ids.map((id) => {
    const hay = id.toLowerCase();
    const contains = needle.length >= 3 && (hay.includes(needle) || needle.includes(hay.split('.').at(-1) ?? hay));
    const distance = Math.min(editDistance(needle, hay), editDistance(needle, hay.split('.').at(-1) ?? hay) + 1);
    return { id, score: contains ? distance - 100 : distance };
  });
  const threshold = Math.max(2, Math.floor(needle.length / 3));
  return scored
    .filter((s) => s.score <= threshold)
    .sort((a, b) => a.score - b.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, limit)
    .map((s) => s.id);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
