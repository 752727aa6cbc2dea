// Preloaded into benchmarked processes with --import: writes the process's peak RSS (bytes) to
// the file named by BENCH_RSS_FILE when it exits. Benchmark tooling only; Rampart never reads it.
import { writeFileSync } from 'node:fs';

const target = process.env.BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    writeFileSync(target, String(process.resourceUsage().maxRSS * 1024));
  });
}
