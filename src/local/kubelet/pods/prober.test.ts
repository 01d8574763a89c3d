import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Timers } from '../timers.js';
import { Prober, probeTiming } from './prober.js';

/** Timers that fire only when the test says so, recording the delays asked for. */
class StepTimers implements Timers {
  readonly pending: { ms: number; fn: () => void }[] = [];
  after(ms: number, fn: () => void) {
    const entry = { ms, fn };
    this.pending.push(entry);
    return () => {
      const i = this.pending.indexOf(entry);
      if (i >= 0) this.pending.splice(i, 1);
    };
  }
  /** Fires the next timer and waits for the attempt it starts to finish scheduling the next one. */
  async fire(): Promise<number> {
    const next = this.pending.shift();
    if (!next) throw new Error('no timer pending');
    next.fn();
    for (let i = 0; i < 50 && this.pending.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    return next.ms;
  }
}

describe('probeTiming', () => {
  it("uses Kubernetes' defaults, scaling the initial delay and period", () => {
    expect(probeTiming({}, 1)).toEqual({
      initialDelayMs: 0,
      periodMs: 10_000,
      timeoutMs: 1000,
      successThreshold: 1,
      failureThreshold: 3,
    });
    expect(probeTiming({ initialDelaySeconds: 5, periodSeconds: 2, timeoutSeconds: 3 }, 0.01)).toMatchObject({
      initialDelayMs: 50,
      periodMs: 20,
      timeoutMs: 3000,
    });
  });
});

describe('Prober', () => {
  let server: Server;
  let port: number;
  let healthy = true;
  beforeAll(async () => {
    server = createServer((_, res) => {
      res.statusCode = healthy ? 200 : 500;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('flips after successThreshold successes and failureThreshold failures in a row', async () => {
    const timers = new StepTimers();
    const verdicts: boolean[] = [];
    const prober = new Prober({
      action: { kind: 'http', url: `http://127.0.0.1:${port}/`, headers: {} },
      timing: {
        initialDelayMs: 500,
        periodMs: 100,
        timeoutMs: 1000,
        successThreshold: 2,
        failureThreshold: 2,
      },
      timers,
      initial: false,
      onChange: (ok) => verdicts.push(ok),
    });
    prober.start();
    expect(await timers.fire()).toBe(500);
    expect(prober.ok).toBe(false);
    expect(await timers.fire()).toBe(100);
    expect(verdicts).toEqual([true]);
    healthy = false;
    await timers.fire();
    expect(prober.ok).toBe(true);
    await timers.fire();
    expect(verdicts).toEqual([true, false]);
    prober.stop();
    expect(timers.pending).toEqual([]);
  });
});
