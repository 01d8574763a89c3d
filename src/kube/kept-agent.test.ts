import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { describe, expect, it } from 'vitest';
import { KeptAgent } from './kept-agent.js';

describe('KeptAgent', () => {
  it('answers one keep-alive agent for fresh agents with the same TLS settings', () => {
    const kept = new KeptAgent();
    const first = kept.agentFor(new HttpsAgent({ ca: 'CA', cert: 'C1', key: 'K1' }));
    const second = kept.agentFor(new HttpsAgent({ ca: 'CA', cert: 'C1', key: 'K1' }));
    expect(second).toBe(first);
    expect(first).toBeInstanceOf(HttpsAgent);
    expect((first as HttpsAgent & { keepAlive?: boolean }).keepAlive).toBe(true);
    kept.destroy();
  });

  it('builds a new agent when the client certificate changes (rotation)', () => {
    const kept = new KeptAgent();
    const first = kept.agentFor(new HttpsAgent({ ca: 'CA', cert: 'C1', key: 'K1' }));
    const rotated = kept.agentFor(new HttpsAgent({ ca: 'CA', cert: Buffer.from('C2'), key: 'K2' }));
    expect(rotated).not.toBe(first);
    expect((rotated as HttpsAgent & { options: { cert?: unknown } }).options.cert).toEqual(Buffer.from('C2'));
    kept.destroy();
  });

  it('keeps a plain http agent for an http server', () => {
    const kept = new KeptAgent();
    const first = kept.agentFor(new HttpAgent());
    expect(first).toBeInstanceOf(HttpAgent);
    expect(first).not.toBeInstanceOf(HttpsAgent);
    expect(kept.agentFor(new HttpAgent())).toBe(first);
    kept.destroy();
  });

  it('passes proxy agents (subclasses) and non-agents through unchanged', () => {
    class ProxyAgent extends HttpAgent {}
    const kept = new KeptAgent();
    const proxy = new ProxyAgent();
    expect(kept.agentFor(proxy)).toBe(proxy);
    expect(kept.agentFor(undefined)).toBeUndefined();
  });
});
