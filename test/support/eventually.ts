import { setTimeout as delay } from 'node:timers/promises';

/** How long `eventually` keeps trying, and how long it pauses between attempts. */
export interface EventuallyOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * Runs `check` until it resolves without throwing and returns its value; after `timeoutMs` (default 10 s;
 * a number is taken as `timeoutMs`) fails with the last error. For state that asynchronous server work
 * (garbage collection, namespace deletion, watch delivery) reaches eventually — never as a substitute for
 * asserting on a synchronous result.
 */
export async function eventually<T>(
  check: () => T | Promise<T>,
  options: EventuallyOptions | number = {},
): Promise<T> {
  const { timeoutMs = 10_000, intervalMs = 50 } =
    typeof options === 'number' ? { timeoutMs: options } : options;
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      // The last failure itself, so an assertion's diff is what the test report shows.
      if (performance.now() >= deadline) throw error;
    }
    await delay(intervalMs);
  }
}
