/** Runs async tasks with at most `limit` in flight. */

/**
 * Calls `worker` for every item, `limit` at a time, and resolves when all have settled.
 * `worker` must not throw: the reader turns every failure into a coverage gap.
 *
 * @example
 * await runBounded(types, 8, (type) => listType(type));
 */
export async function runBounded<T>(items: readonly T[], limit: number, worker: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await worker(item);
    }
  });
  await Promise.all(lanes);
}
