// Preloaded into benchmarked processes with --import: writes the peak RSS (bytes) to the file
// named by BENCH_RSS_FILE when the process exits — the largest of the process and any Node child it
// started with the same preload (a large scan runs in a child; ADR 0012). Benchmark tooling only;
// Rampart never reads it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const target = process.env.BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    const mine = process.resourceUsage().maxRSS * 1024;
    const recorded = existsSync(target) ? Number(readFileSync(target, 'utf8')) || 0 : 0;
    writeFileSync(target, String(Math.max(mine, recorded)));
  });
}
