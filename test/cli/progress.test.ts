import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/cli/progress.js';
import { memoryIO } from './harness.js';

describe('progress bar', () => {
  it('draws on a TTY from the minimum, naming the unit', () => {
    const io = memoryIO('', { tty: true });
    const progress = createProgress(io, 'Listing', true, { unit: 'lists', minimum: 1 });
    progress.update(1, 3);
    progress.stop();
    expect(io.err()).toContain('lists');
  });

  it('draws nothing when stderr is not a TTY, when disabled, or below the minimum', () => {
    const pipe = memoryIO();
    const a = createProgress(pipe, 'Loading', true);
    a.update(10, 100);
    a.stop();
    expect(pipe.err()).toBe('');
    const tty = memoryIO('', { tty: true });
    const b = createProgress(tty, 'Loading', false);
    b.update(10, 100);
    const c = createProgress(tty, 'Loading', true);
    c.update(1, 10);
    c.stop();
    expect(tty.err()).toBe('');
  });
});
