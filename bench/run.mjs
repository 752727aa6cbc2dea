/**
 * `npm run bench`: times `rampart scan --format json` against a bare js-yaml parse of the same
 * files, in the same run, at several corpus sizes, and reports the ratios.
 *
 *   node bench/run.mjs            sizes 5k, 25k, 50k, five repetitions each (median)
 *   node bench/run.mjs --quick    one small size, one repetition (CI smoke run)
 *   node bench/run.mjs --write    also rewrite the generated section of docs/benchmarks.md
 *
 * Every figure is a ratio or a rate measured on this machine in this run; absolute times vary
 * from machine to machine, ratios much less.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { writeCorpus } from './corpus.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const sizes = quick ? [2000] : [5000, 25000, 50000];
const reps = quick ? 1 : 5;
// What users run: the bundled CLI of `npm run build` (the `rampart` bin).
const cli = join(root, 'dist', 'bin', 'rampart.js');
const hook = join(root, 'bench', 'rss-hook.mjs');
const work = join(root, 'bench', '.results');
mkdirSync(work, { recursive: true });

if (!existsSync(cli)) {
  console.error('bench: dist/ is missing — run `npm run build` first');
  process.exit(2);
}

/** Runs a node script, returning wall time (ms), peak RSS (bytes) and stdout. */
function timeNode(scriptArgs, env = {}) {
  const rssFile = join(work, `rss-${process.pid}.txt`);
  rmSync(rssFile, { force: true });
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['--import', hook, ...scriptArgs], {
    cwd: root,
    env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile, NO_COLOR: '1' },
    maxBuffer: 1024 * 1024 * 1024,
    encoding: 'utf8',
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0 && child.status !== 1) {
    throw new Error(`${scriptArgs.join(' ')} exited ${child.status}: ${child.stderr}`);
  }
  const rss = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : NaN;
  return { ms, rss, stdout: child.stdout };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function measure(scriptArgs, env) {
  const runs = [];
  for (let i = 0; i < reps; i++) runs.push(timeNode(scriptArgs, env));
  return { ms: median(runs.map((r) => r.ms)), rss: Math.max(...runs.map((r) => r.rss)), stdout: runs[0].stdout };
}

/**
 * Two commands measured in alternation, each the median of `reps` runs, and the median of the
 * ratios of each pair of consecutive runs: pairing cancels the slow drift of a shared machine.
 */
function measureAlternating(a, b) {
  const runsA = [];
  const runsB = [];
  for (let i = 0; i < reps; i++) {
    runsA.push(timeNode(a));
    runsB.push(timeNode(b));
  }
  const summary = (runs) => ({ ms: median(runs.map((r) => r.ms)), rss: Math.max(...runs.map((r) => r.rss)), stdout: runs[0].stdout });
  return [summary(runsA), summary(runsB), median(runsB.map((r, i) => r.ms / runsA[i].ms))];
}

const startup = measure([cli, 'scan', '--help']);
const rows = [];
for (const size of sizes) {
  const dir = join(root, 'bench', '.corpus', String(size));
  const corpus = writeCorpus(size, dir);
  const output = join(work, `scan-${size}.json`);
  // Baseline and scan runs alternate, so that a noisy moment on the machine weighs on both alike.
  const [baseline, scan, pairedRatio] = measureAlternating([join(root, 'bench', 'parse-baseline.mjs'), dir], [cli, 'scan', dir, '--format', 'json', '--output', output, '--no-progress', '--fail-on', 'none']);
  const report = JSON.parse(readFileSync(output, 'utf8'));
  // The foundation's configuration: the Pod Security checks alone.
  const pss = quick ? undefined : measure([cli, 'scan', dir, '--check', 'pss.*', '--format', 'json', '--output', output, '--no-progress', '--fail-on', 'none']);
  // The same scan kept on one thread: what a one-core machine gets (large inputs are parsed on several threads otherwise).
  const single = quick ? undefined : measure([cli, 'scan', dir, '--format', 'json', '--output', output, '--no-progress', '--fail-on', 'none'], { RAMPART_THREADS: '1' });
  if (report.summary.resources !== size) throw new Error(`scan saw ${report.summary.resources} resources, expected ${size}`);
  rows.push({
    size,
    files: corpus.files,
    mb: corpus.bytes / 1e6,
    baselineMs: baseline.ms,
    scanMs: scan.ms,
    ratio: pairedRatio,
    resourcesPerSec: size / (scan.ms / 1000),
    mbPerSec: corpus.bytes / 1e6 / (scan.ms / 1000),
    peakRssMb: scan.rss / 1e6,
    findings: report.summary.findings,
    // Time per resource without process start-up, for the linearity figure.
    usPerResource: ((scan.ms - startup.ms) * 1000) / size,
    pssMs: pss?.ms,
    pssRatio: pss ? pss.ms / baseline.ms : undefined,
    pssRssMb: pss ? pss.rss / 1e6 : undefined,
    singleMs: single?.ms,
    singleRatio: single ? single.ms / baseline.ms : undefined,
  });
}

const lines = [
  `Node ${process.version}, ${os.availableParallelism()} core(s), ${reps} run(s) per figure (median), start-up of \`rampart scan --help\`: ${startup.ms.toFixed(0)} ms.`,
  '',
  '| resources | files | MB | bare js-yaml parse | rampart scan --format json | ratio (median of paired runs) | resources/s | MB/s | peak RSS | findings |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map(
    (r) =>
      `| ${r.size.toLocaleString('en-US')} | ${r.files} | ${r.mb.toFixed(1)} | ${r.baselineMs.toFixed(0)} ms | ${r.scanMs.toFixed(0)} ms | ${r.ratio.toFixed(2)}× | ${Math.round(r.resourcesPerSec).toLocaleString('en-US')} | ${r.mbPerSec.toFixed(1)} | ${r.peakRssMb.toFixed(0)} MB | ${r.findings.toLocaleString('en-US')} |`,
  ),
];
if (!quick) {
  lines.push(
    '',
    'Pod Security checks only (`--check pss.*`, the configuration of the foundation issue):',
    '',
    '| resources | bare js-yaml parse | rampart scan --check pss.* | ratio | peak RSS |',
    '|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.size.toLocaleString('en-US')} | ${r.baselineMs.toFixed(0)} ms | ${r.pssMs.toFixed(0)} ms | ${r.pssRatio.toFixed(2)}× | ${r.pssRssMb.toFixed(0)} MB |`),
    '',
    'The whole catalogue on one thread (`RAMPART_THREADS=1`: no parse worker, as on a one-core machine):',
    '',
    '| resources | bare js-yaml parse | rampart scan, one thread | ratio |',
    '|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.size.toLocaleString('en-US')} | ${r.baselineMs.toFixed(0)} ms | ${r.singleMs.toFixed(0)} ms | ${r.singleRatio.toFixed(2)}× |`),
  );
}
if (rows.length > 1) {
  const first = rows[0];
  const last = rows[rows.length - 1];
  const growth = last.usPerResource / first.usPerResource;
  lines.push('', `Linearity: time per resource (start-up excluded) at ${last.size.toLocaleString('en-US')} is ${growth.toFixed(2)}× that at ${first.size.toLocaleString('en-US')} (${first.usPerResource.toFixed(1)} µs → ${last.usPerResource.toFixed(1)} µs).`);
}
const table = lines.join('\n');
console.log(table);
writeFileSync(join(work, 'scan.json'), JSON.stringify({ startupMs: startup.ms, rows }, null, 2));

if (args.has('--write')) {
  const docs = join(root, 'docs', 'benchmarks.md');
  const text = readFileSync(docs, 'utf8');
  const begin = '<!-- bench:scan:begin -->';
  const end = '<!-- bench:scan:end -->';
  const a = text.indexOf(begin);
  const b = text.indexOf(end);
  if (a === -1 || b === -1) throw new Error('docs/benchmarks.md lacks the bench:scan markers');
  writeFileSync(docs, `${text.slice(0, a + begin.length)}\n${table}\n${text.slice(b)}`);
  console.log('updated docs/benchmarks.md');
}
