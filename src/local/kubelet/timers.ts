/** Cancels a scheduled call; harmless after it ran. */
export type Cancel = () => void;

/** Schedules calls in the future: the one way the kubelet waits, so tests can speed it up or stub it. */
export interface Timers {
  /** Calls `fn` after `ms` milliseconds (never keeps the process alive on its own). */
  after(ms: number, fn: () => void): Cancel;
}

/** Real timers, unref'd. */
export const realTimers: Timers = {
  after(ms, fn) {
    const timer = setTimeout(fn, Math.max(0, ms));
    timer.unref();
    return () => clearTimeout(timer);
  },
};

/** Resolves after `ms` through `timers`. */
export function sleep(timers: Timers, ms: number): Promise<void> {
  return new Promise((resolve) => {
    timers.after(ms, resolve);
  });
}
