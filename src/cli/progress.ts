/**
 * A progress bar on stderr for long loads, shown only on a TTY (never in pipes, CI logs or
 * machine-readable output on stdout).
 */
import cliProgress from 'cli-progress';
import type { CliIO } from './io.js';

/** Files below which a bar would only flicker. */
const MIN_FILES_FOR_BAR = 50;

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

export function createProgress(io: CliIO, label: string, enabled: boolean): Progress {
  if (!enabled || !io.stderr.isTTY) return { update() {}, stop() {} };
  let bar: cliProgress.SingleBar | undefined;
  return {
    update(done, total) {
      if (total < MIN_FILES_FOR_BAR) return;
      if (!bar) {
        bar = new cliProgress.SingleBar(
          { stream: io.stderr as NodeJS.WritableStream, format: `${label} [{bar}] {value}/{total} files | {eta_formatted} left`, clearOnComplete: true, hideCursor: true },
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
