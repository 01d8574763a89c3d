import { describe, expect, it } from 'vitest';
import { DeliveryQueue } from './delivery-queue.js';

function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

describe('DeliveryQueue', () => {
  it('runs a lane in order, other lanes independently, and flush waits for all', async () => {
    const done: string[] = [];
    const queue = new DeliveryQueue(() => {});
    const slow = gate();
    queue.enqueue('a', async () => {
      await slow.opened;
      done.push('a1');
    });
    queue.enqueue('a', async () => {
      done.push('a2');
    });
    queue.enqueue('b', async () => {
      done.push('b1');
    });
    const flushed = queue.flush();
    await new Promise((resolve) => setImmediate(resolve));
    expect(done).toEqual(['b1']);
    slow.open();
    await flushed;
    expect(done).toEqual(['b1', 'a1', 'a2']);
  });

  it('reports a failing job and carries on with the lane', async () => {
    const errors: string[] = [];
    const done: string[] = [];
    const queue = new DeliveryQueue((error, lane) => errors.push(`${lane}: ${(error as Error).message}`));
    queue.enqueue('a', async () => {
      throw new Error('receiver down');
    });
    queue.enqueue('a', async () => {
      done.push('a2');
    });
    await queue.flush();
    expect(errors).toEqual(['a: receiver down']);
    expect(done).toEqual(['a2']);
  });
});
