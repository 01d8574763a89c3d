import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CanaryWebhook } from '../../../src/apis/index.js';
import { ManualClock } from '../../../src/platform/clock.js';
import { HttpWebhookRunner } from '../../../src/webhooks/http-webhook-runner.js';
import { webhookChecksum } from '../../../src/webhooks/webhook-payload.js';
import { podinfoCanary } from '../../support/canary.js';
import { type HttpRecorder, selfSignedCertificate, startHttpRecorder } from '../../support/http-recorder.js';

describe('HttpWebhookRunner against a local HTTP receiver', () => {
  let hooks: HttpRecorder;
  let secureHooks: HttpRecorder;
  let sleeps: number[] = [];
  const clock = new ManualClock('2026-03-01T10:00:00Z');
  const runner = new HttpWebhookRunner({
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    clock,
  });
  const hook = (extra: Partial<CanaryWebhook> = {}): CanaryWebhook => ({
    name: 'load-test',
    type: 'rollout',
    url: hooks.url('/hook'),
    ...extra,
  });

  beforeAll(async () => {
    hooks = await startHttpRecorder();
    secureHooks = await startHttpRecorder({ tls: selfSignedCertificate() });
  });
  afterEach(() => {
    hooks.reset();
    secureHooks.reset();
    sleeps = [];
  });
  afterAll(async () => {
    await hooks.close();
    await secureHooks.close();
  });

  it("POSTs Flagger's payload: name, namespace, phase, checksum and the hook's metadata", async () => {
    const canary = podinfoCanary();
    const result = await runner.call(
      canary,
      hook({ metadata: { type: 'cmd', cmd: 'hey -z 1m -q 10 -c 2 http://podinfo-canary.test:9898/' } }),
      'Progressing',
    );
    expect(result).toEqual({ name: 'load-test', ok: true, message: 'ok' });
    const [request] = hooks.received('/hook');
    expect(request?.method).toBe('POST');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.body).toBe(
      JSON.stringify({
        name: 'podinfo',
        namespace: 'test',
        phase: 'Progressing',
        checksum: webhookChecksum(canary.status),
        // Keys in Go's map order (sorted), whatever the manifest's order.
        metadata: { cmd: 'hey -z 1m -q 10 -c 2 http://podinfo-canary.test:9898/', type: 'cmd' },
      }),
    );
  });

  it('omits metadata when the hook has none', async () => {
    await runner.call(podinfoCanary(), hook(), 'Succeeded');
    const body = hooks.received('/hook')[0]?.json<Record<string, unknown>>();
    expect(body).toEqual({
      name: 'podinfo',
      namespace: 'test',
      phase: 'Succeeded',
      checksum: expect.any(String),
    });
    expect(body).not.toHaveProperty('metadata');
  });

  it('sends the same checksum for the same revision and a new one when the revision changes', async () => {
    const canary = podinfoCanary();
    await runner.call(canary, hook(), 'Progressing');
    await runner.call(structuredClone(canary), hook(), 'Progressing');
    const newSpec = podinfoCanary();
    newSpec.status!.lastAppliedSpec = '7d9f8b6c5d';
    await runner.call(newSpec, hook(), 'Progressing');
    const newConfig = podinfoCanary();
    newConfig.status!.trackedConfigs = { 'configmap/podinfo-config': 'ffffffffffffffff' };
    await runner.call(newConfig, hook(), 'Progressing');
    const checksums = hooks.received('/hook').map((r) => r.json<{ checksum: string }>().checksum);
    expect(checksums[0]).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(checksums[1]).toBe(checksums[0]);
    expect(new Set(checksums).size).toBe(3);
  });

  it('fails with the trimmed response body when the hook answers non-2xx', async () => {
    hooks.reply({ status: 403, body: 'Forbidden: gate is closed\n' });
    const result = await runner.call(podinfoCanary(), hook({ type: 'confirm-rollout' }), 'Progressing');
    expect(result).toEqual({ name: 'load-test', ok: false, message: 'Forbidden: gate is closed' });
  });

  it('counts any 2xx as success, 204 No Content included (Flagger: only ≤ 202)', async () => {
    hooks.reply({ status: 204 }, { status: 203, body: 'non-authoritative' });
    expect((await runner.call(podinfoCanary(), hook(), 'Progressing')).ok).toBe(true);
    expect((await runner.call(podinfoCanary(), hook(), 'Progressing')).ok).toBe(true);
    hooks.reply({ status: 302, headers: { location: '/elsewhere' } });
    expect(await runner.call(podinfoCanary(), hook(), 'Progressing')).toEqual({
      name: 'load-test',
      ok: false,
      message: '302 Found',
    });
  });

  it('fails when the hook does not answer within its timeout', async () => {
    hooks.reply('hang');
    const result = await runner.call(podinfoCanary(), hook({ timeout: '200ms' }), 'Progressing');
    expect(result.ok).toBe(false);
    expect(result.message).toBe(`Post "${hooks.url('/hook')}": timed out after 200ms`);
    expect(hooks.received('/hook')).toHaveLength(1);
  });

  it('retries a 500 and succeeds on the following 202, waiting 1 s between', async () => {
    hooks.reply({ status: 500, body: 'warming up' }, { status: 202, body: 'accepted' });
    const result = await runner.call(podinfoCanary(), hook({ retries: 3 }), 'Progressing');
    expect(result).toEqual({ name: 'load-test', ok: true, message: 'accepted' });
    expect(hooks.received('/hook')).toHaveLength(2);
    expect(sleeps).toEqual([1000]);
  });

  it('gives up after the retries, naming the attempts and the last answer', async () => {
    hooks.respondWith(() => ({ status: 502, body: 'upstream down' }));
    const result = await runner.call(podinfoCanary(), hook({ retries: 2 }), 'Progressing');
    expect(result).toEqual({
      name: 'load-test',
      ok: false,
      message: `POST ${hooks.url('/hook')} giving up after 3 attempt(s): last answer 502: upstream down`,
    });
    expect(hooks.received('/hook')).toHaveLength(3);
    expect(sleeps).toEqual([1000, 2000]);
  });

  it('does not retry 501 or 4xx, and retries 429 after its Retry-After', async () => {
    hooks.reply({ status: 501, body: 'not implemented' });
    expect((await runner.call(podinfoCanary(), hook({ retries: 2 }), 'Progressing')).message).toBe(
      'not implemented',
    );
    hooks.reply({ status: 400, body: 'bad' });
    expect((await runner.call(podinfoCanary(), hook({ retries: 2 }), 'Progressing')).ok).toBe(false);
    expect(hooks.received('/hook')).toHaveLength(2);
    hooks.reply({ status: 429, headers: { 'retry-after': '7' } }, { status: 200, body: 'ok' });
    expect((await runner.call(podinfoCanary(), hook({ retries: 1 }), 'Progressing')).ok).toBe(true);
    expect(sleeps).toEqual([7000]);
  });

  it('retries a refused connection and reports the last error', async () => {
    const gone = await startHttpRecorder();
    const url = gone.url('/hook');
    await gone.close();
    const result = await runner.call(podinfoCanary(), hook({ url, retries: 1 }), 'Progressing');
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(
      new RegExp(`^POST ${url} giving up after 2 attempt\\(s\\): Post "${url}": .*ECONNREFUSED`),
    );
    expect(sleeps).toEqual([1000]);
  });

  it('verifies TLS certificates unless the hook sets disableTLS', async () => {
    const url = secureHooks.url('/hook');
    const strict = await runner.call(podinfoCanary(), hook({ url, retries: 2 }), 'Progressing');
    expect(strict.ok).toBe(false);
    expect(strict.message).toContain('self-signed certificate');
    expect(secureHooks.requests).toHaveLength(0);
    expect(sleeps).toEqual([]);
    const relaxed = await runner.call(podinfoCanary(), hook({ url, disableTLS: true }), 'Progressing');
    expect(relaxed).toEqual({ name: 'load-test', ok: true, message: 'ok' });
    expect(secureHooks.received('/hook')).toHaveLength(1);
  });

  it('reports an invalid timeout without calling the hook', async () => {
    const result = await runner.call(podinfoCanary(), hook({ timeout: 'soon' }), 'Progressing');
    expect(result).toEqual({
      name: 'load-test',
      ok: false,
      message: 'invalid timeout "soon" of webhook load-test',
    });
    expect(hooks.requests).toHaveLength(0);
  });
});
