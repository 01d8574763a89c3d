import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/platform/clock.js';
import { HttpWebhookRunner } from '../../../src/webhooks/http-webhook-runner.js';
import { podinfoCanary } from '../../support/canary.js';
import { type HttpRecorder, startHttpRecorder } from '../../support/http-recorder.js';

describe('webhooks honour HTTP_PROXY and NO_PROXY like Go clients', () => {
  let proxy: HttpRecorder;
  const saved = { HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY };
  beforeAll(async () => {
    proxy = await startHttpRecorder({ defaultReply: { status: 202, body: 'accepted' } });
  });
  afterEach(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });
  afterAll(async () => proxy.close());

  it('sends a cluster-local webhook URL through the proxy', async () => {
    process.env.HTTP_PROXY = proxy.url();
    delete process.env.NO_PROXY;
    const runner = new HttpWebhookRunner({ sleep: async () => {}, clock: new ManualClock() });
    const result = await runner.call(
      podinfoCanary(),
      { name: 'load-test', url: 'http://flagger-loadtester.test/', timeout: '5s' },
      'Progressing',
    );
    expect(result).toEqual({ name: 'load-test', ok: true, message: 'accepted' });
    expect(proxy.requests.map((r) => [r.method, r.url])).toEqual([
      ['POST', 'http://flagger-loadtester.test/'],
    ]);
  });

  it('goes direct for hosts in NO_PROXY', async () => {
    proxy.reset();
    const direct = await startHttpRecorder({ defaultReply: { status: 200, body: 'direct' } });
    process.env.HTTP_PROXY = proxy.url();
    process.env.NO_PROXY = '127.0.0.1';
    const runner = new HttpWebhookRunner({ sleep: async () => {}, clock: new ManualClock() });
    const result = await runner.call(
      podinfoCanary(),
      { name: 'gate', url: direct.url('/gate/check') },
      'Progressing',
    );
    await direct.close();
    expect(result.ok).toBe(true);
    expect(proxy.requests).toEqual([]);
  });
});
