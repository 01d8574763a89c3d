import { describe, expect, it } from 'vitest';
import { WorkQueue } from './work-queue.js';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('WorkQueue', () => {
  it('collapses repeated adds of a waiting key and never runs one key twice at once', async () => {
    const gates = new Map<string, ReturnType<typeof deferred>>();
    const runs: string[] = [];
    let concurrentSameKey = 0;
    const active = new Set<string>();
    const queue = new WorkQueue(
      async (key) => {
        if (active.has(key)) concurrentSameKey++;
        active.add(key);
        runs.push(key);
        const gate = deferred();
        gates.set(key, gate);
        await gate.promise;
        active.delete(key);
      },
      1,
      () => {},
    );
    queue.add('a');
    queue.add('b');
    queue.add('b');
    queue.add('a'); // a is running: one more run of a after it
    gates.get('a')?.resolve();
    await new Promise((r) => setImmediate(r));
    gates.get('b')?.resolve();
    await new Promise((r) => setImmediate(r));
    gates.get('a')?.resolve();
    await queue.idle();
    expect(runs).toEqual(['a', 'b', 'a']);
    expect(concurrentSameKey).toBe(0);
  });

  it('runs up to `concurrency` keys at once and reports failures without stopping', async () => {
    let peak = 0;
    let now = 0;
    const errors: string[] = [];
    const queue = new WorkQueue(
      async (key) => {
        now++;
        peak = Math.max(peak, now);
        await new Promise((r) => setImmediate(r));
        now--;
        if (key === 'bad') throw new Error('boom');
      },
      2,
      (key, error) => errors.push(`${key}: ${(error as Error).message}`),
    );
    for (const key of ['a', 'b', 'bad', 'c', 'd']) queue.add(key);
    await queue.idle();
    expect(peak).toBe(2);
    expect(errors).toEqual(['bad: boom']);
  });

  it('refuses keys after stop, and runs them again after resume', async () => {
    const runs: string[] = [];
    const queue = new WorkQueue(
      async (key) => {
        runs.push(key);
      },
      1,
      () => {},
    );
    queue.stop();
    queue.add('a');
    await queue.idle();
    expect(runs).toEqual([]);
    queue.resume();
    queue.add('a');
    await queue.idle();
    expect(runs).toEqual(['a']);
  });
});
