import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NoValuesError } from '../../../src/metrics/metrics-provider.js';
import { PrometheusProvider, prometheusAuth } from '../../../src/metrics/providers/prometheus-provider.js';
import { MetricsProviderError } from '../../../src/metrics/providers/provider-errors.js';
import { createMetricsProviderFactory } from '../../../src/metrics/providers/provider-factory.js';
import { selfSignedCertificate } from '../../support/http-recorder.js';
import { PrometheusStub } from '../../support/prometheus-stub.js';

let stub: PrometheusStub;
beforeAll(async () => {
  stub = await PrometheusStub.start();
});
afterAll(() => stub.close());
beforeEach(() => stub.reset());

describe('PrometheusProvider against a Prometheus query API', () => {
  it('sends the whitespace-collapsed query to <address>/api/v1/query and reads the sample', async () => {
    stub.answer('sum(rate(x[1m]))', 99.5);
    const prom = new PrometheusProvider({ address: stub.url });
    expect(await prom.runQuery('\n  sum(rate(x[1m]))\n')).toBe(99.5);
    expect(stub.received).toMatchObject([{ raw: 'sum(rate(x[1m]))', path: '/api/v1/query' }]);
  });

  it('keeps a path prefix of the address', async () => {
    stub.answer('up', 1);
    const prom = new PrometheusProvider({ address: `${stub.url}/prometheus/` });
    expect(await prom.runQuery('up')).toBe(1);
    expect(stub.received[0]?.path).toBe('/prometheus/api/v1/query');
  });

  it('takes the last sample of several series', async () => {
    stub.answer('multi', { vector: [1, 2, 3] });
    expect(await new PrometheusProvider({ address: stub.url }).runQuery('multi')).toBe(3);
  });

  it('answers no data as NoValuesError for an empty vector and for NaN', async () => {
    stub.answer('empty', 'empty').answer('nan', Number.NaN);
    const prom = new PrometheusProvider({ address: stub.url });
    await expect(prom.runQuery('empty')).rejects.toBeInstanceOf(NoValuesError);
    await expect(prom.runQuery('nan')).rejects.toThrow(new NoValuesError('no values found'));
  });

  it('reads +Inf as a value (a histogram quantile above the last bucket)', async () => {
    stub.answer('inf', Number.POSITIVE_INFINITY);
    expect(await new PrometheusProvider({ address: stub.url }).runQuery('inf')).toBe(
      Number.POSITIVE_INFINITY,
    );
  });

  it('refuses a range vector and reports HTTP errors with status and body', async () => {
    stub
      .answer('range[5m]', 'matrix')
      .answer('bad(', { status: 400, body: '{"status":"error","error":"parse error"}' });
    const prom = new PrometheusProvider({ address: stub.url });
    await expect(prom.runQuery('range[5m]')).rejects.toMatchObject({
      code: 'multiple-values',
      message: 'query returned multiple values',
    });
    await expect(prom.runQuery('bad(')).rejects.toMatchObject({
      code: 'error-response',
      message: 'error response: Status 400 Bad Request: {"status":"error","error":"parse error"}',
    });
  });

  it('sends the template headers and bearer or basic credentials', async () => {
    stub.answer(/^q/, 1);
    const headers = { 'X-Scope-OrgID': ['tenant-a'], 'X-Extra': ['one'] };
    await new PrometheusProvider({
      address: stub.url,
      headers,
      auth: prometheusAuth({ token: 's3cr3t' }),
    }).runQuery('q1');
    await new PrometheusProvider({
      address: stub.url,
      auth: prometheusAuth({ username: 'admin', password: 'pw' }),
    }).runQuery('q2');
    await new PrometheusProvider({ address: stub.url }).runQuery('q3');
    const [bearer, basic, none] = stub.received;
    expect(bearer?.headers.authorization).toBe('Bearer s3cr3t');
    expect(bearer?.headers['x-scope-orgid']).toBe('tenant-a');
    expect(bearer?.headers['x-extra']).toBe('one');
    expect(basic?.headers.authorization).toBe(`Basic ${Buffer.from('admin:pw').toString('base64')}`);
    expect(none?.headers.authorization).toBeUndefined();
  });

  it('requires username and password when a secret has no token, naming the missing key', () => {
    expect(() => prometheusAuth({ username: 'admin' })).toThrow(/do not contain a password/);
    expect(() => prometheusAuth({})).toThrow(/do not contain a username/);
    expect(() => prometheusAuth({ password: 'x' })).toThrow(MetricsProviderError);
  });

  it('refuses an address that is not an http(s) URL', () => {
    expect(() => new PrometheusProvider({ address: '' })).toThrow('prometheus address  is not a valid URL');
    expect(() => new PrometheusProvider({ address: 'prometheus:9090' })).toThrow(
      'prometheus address prometheus:9090 is not a valid URL',
    );
  });

  it('gives up after its timeout', async () => {
    stub.answer('slow', 'hang');
    const prom = new PrometheusProvider({ address: stub.url, timeoutMs: 100 });
    await expect(prom.runQuery('slow')).rejects.toMatchObject({ code: 'request-failed' });
  });

  it('is online when vector(1) answers 1, and says why not otherwise', async () => {
    expect(await new PrometheusProvider({ address: stub.url }).isOnline()).toBe(true);
    stub.answer('vector(1)', 0);
    await expect(new PrometheusProvider({ address: stub.url }).isOnline()).rejects.toThrow(
      'value is not 1 for query: vector(1)',
    );
    await expect(new PrometheusProvider({ address: 'http://127.0.0.1:1' }).isOnline()).rejects.toThrow(
      /^running query failed: request failed: /,
    );
  });

  it('is what the default factory builds for prometheus; other types are refused', async () => {
    stub.answer('q', 7);
    const factory = createMetricsProviderFactory();
    const prom = factory({ provider: { type: 'prometheus', address: stub.url }, interval: '1m' });
    expect(await prom.runQuery('q')).toBe(7);
    expect(() => factory({ provider: { type: 'datadog' }, interval: '1m' })).toThrow(
      "metrics provider type 'datadog' is not supported by Weir yet (supported: prometheus)",
    );
  });
});

describe('PrometheusProvider over HTTPS with a self-signed certificate', () => {
  let secure: PrometheusStub;
  beforeAll(async () => {
    secure = await PrometheusStub.start({ tls: selfSignedCertificate() });
    secure.answer('q', 42);
  });
  afterAll(async () => {
    await secure?.close();
  });

  it('refuses the certificate unless insecureSkipVerify', async () => {
    await expect(new PrometheusProvider({ address: secure.url }).runQuery('q')).rejects.toMatchObject({
      code: 'request-failed',
    });
    expect(
      await new PrometheusProvider({ address: secure.url, insecureSkipVerify: true }).runQuery('q'),
    ).toBe(42);
  });
});
