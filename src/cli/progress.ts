/**
 * A progress bar on stderr for long loads, shown only on a TTY (never in pipes, CI logs or
 * machine-readable output on stdout).
 */
import cliProgress from 'cli-progress';
import type { CliIO } from './io.js';

/** Items below which a bar would only flicker (reading 20 files takes no visible time). */
const DEFAULT_MINIMUM = 50;

export interface ProgressOptions {
  /** What is counted, as shown after the numbers ("files", "lists"). */
  unit?: string;
  /** Totals below this draw no bar. */
  minimum?: number;
}

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

export function createProgress(io: CliIO, label: string, enabled: boolean, options: ProgressOptions = {}): Progress {
  if (!enabled || !io.stderr.isTTY) return { update() {}, stop() {} };
  let bar: cliProgress.SingleBar | undefined;
  return {
    update(done, total) {
      if (total < (options.minimum ?? DEFAULT_MINIMUM)) return;
      if (!bar) {
        bar = new cliProgress.SingleBar(
          { stream: io.stderr as NodeJS.WritableStream, format: `${label} [{bar}] {value}/{total} ${options.unit ?? 'files'} | {eta_formatted} left`, clearOnComplete: true, hideCursor: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0);
      }
      bar.update(done);
    },
    stop() {
      bar?.stop();
    },
  };
}
