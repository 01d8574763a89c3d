import type { CanaryWebhook } from '../../src/apis/index.js';
import { type HttpRecorder, startHttpRecorder } from './http-recorder.js';

/** What a {@link TestGates} gate answers: 403 while closed, 200 while open, 200 exactly once when `once`. */
export type GateState = 'closed' | 'open' | 'once';

/**
 * Confirm-promotion gates held by the test itself (`/<key>` on a local HTTP server, reached by the operator
 * directly): unlike the load tester's gates they can let exactly one tick through, which holds a Blue/Green
 * run between its switch to the canary and its promotion.
 */
export class TestGates {
  private readonly states = new Map<string, GateState>();

  private constructor(private readonly server: HttpRecorder) {
    server.respondWith((request) => {
      const key = request.path.slice(1);
      const state = this.states.get(key) ?? 'closed';
      if (state === 'once') this.states.set(key, 'closed');
      return state === 'closed' ? { status: 403, body: 'Forbidden' } : { status: 200, body: 'Approved' };
    });
  }

  /** Starts the server; every gate starts closed. */
  static async start(): Promise<TestGates> {
    return new TestGates(await startHttpRecorder());
  }

  /** Sets the gate `key`. */
  set(key: string, state: GateState): void {
    this.states.set(key, state);
  }

  /** A confirm-promotion hook named `hold` asking the gate `key`. */
  hook(key: string): CanaryWebhook {
    return { name: 'hold', type: 'confirm-promotion', url: this.server.url(`/${key}`) };
  }

  /** Stops the server. */
  close(): Promise<void> {
    return this.server.close();
  }
}
