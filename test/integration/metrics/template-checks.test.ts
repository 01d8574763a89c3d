import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Canary, CanaryMetric } from '../../../src/apis/index.js';
import { parseProvider } from '../../../src/routers/providers.js';
import {
  exampleCanary,
  type MetricsCluster,
  metricTemplate,
  secret,
  startMetricsCluster,
} from './metrics-cluster.js';

const latencyQuery = `histogram_quantile(0.99, sum(rate(istio_request_duration_milliseconds_bucket{
  reporter="{{ variables.reporter }}", destination_workload_namespace="{{ namespace }}",
  destination_workload=~"{{ target }}"}[{{ interval }}])) by (le))
`;
const renderedLatency =
  'histogram_quantile(0.99, sum(rate(istio_request_duration_milliseconds_bucket{ reporter="destination", destination_workload_namespace="test", destination_workload=~"podinfo"}[1m])) by (le))';

let cluster: MetricsCluster;
const istio = parseProvider('istio');

/** The istio example canary with only the given metrics. */
function canaryWith(...metrics: CanaryMetric[]): Canary {
  return exampleCanary('istio-canary.yaml', (c) => {
    c.spec.analysis.metrics = metrics;
  });
}

beforeAll(async () => {
  cluster = await startMetricsCluster(['test', 'istio-system']);
  const { client } = cluster.kube;
  const address = cluster.prometheus.url;
  await client.create(secret('istio-system', 'prom-token', { token: 'tok-123' }));
  await client.create(secret('istio-system', 'prom-basic', { username: 'admin', password: 'pa:ss' }));
  await client.create(secret('test', 'prom-half', { username: 'admin' }));
  const provider = (extra: Record<string, unknown>) => ({ type: 'prometheus', address, ...extra });
  await client.create(
    metricTemplate('istio-system', 'latency', {
      provider: provider({ secretRef: { name: 'prom-token' }, headers: { 'X-Scope-OrgID': ['team-a'] } }),
      query: latencyQuery,
    }),
  );
  await client.create(
    metricTemplate('istio-system', 'latency-basic', {
      provider: provider({ secretRef: { name: 'prom-basic' } }),
      query: 'up',
    }),
  );
  await client.create(
    metricTemplate('test', 'half', { provider: provider({ secretRef: { name: 'prom-half' } }), query: 'up' }),
  );
  await client.create(
    metricTemplate('test', 'no-secret', { provider: provider({ secretRef: { name: 'gone' } }), query: 'up' }),
  );
  await client.create(metricTemplate('test', 'dd', { provider: { type: 'datadog' }, query: 'avg:x{*}' }));
  await client.create(
    metricTemplate('test', 'broken', { provider: provider({}), query: '{{ variables.zone }}' }),
  );
});
afterAll(() => cluster?.stop());
beforeEach(() => cluster.prometheus.reset());

const latency: CanaryMetric = {
  name: 'latency',
  templateRef: { name: 'latency', namespace: 'istio-system' },
  thresholdRange: { max: 500 },
  templateVariables: { reporter: 'destination' },
};

describe('MetricTemplate checks', () => {
  it('render the template from another namespace with its secret and headers, interval 1m by default', async () => {
    cluster.prometheus.answer(renderedLatency, 600);
    const outcome = await cluster.checker.run(canaryWith(latency), istio);
    expect(outcome.failure).toEqual({
      message: 'Halt podinfo.test advancement latency 600.00 > 500',
      level: 'warn',
    });
    expect(outcome.results[0]).toMatchObject({
      source: 'template',
      template: 'latency.istio-system',
      query: renderedLatency,
      value: 600,
      max: 500,
    });
    const [request] = cluster.prometheus.received;
    expect(request?.headers.authorization).toBe('Bearer tok-123');
    expect(request?.headers['x-scope-orgid']).toBe('team-a');
  });

  it('authenticate with username and password from the secret', async () => {
    cluster.prometheus.answer('up', 1);
    const outcome = await cluster.checker.run(
      canaryWith({
        name: 'up',
        templateRef: { name: 'latency-basic', namespace: 'istio-system' },
        thresholdRange: { min: 1 },
      }),
      istio,
    );
    expect(outcome.passed).toBe(true);
    expect(cluster.prometheus.received[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from('admin:pa:ss').toString('base64')}`,
    );
  });

  it('fail, never pass, for a missing template, secret, credential, unsupported provider or render error', async () => {
    const ref = (name: string): CanaryMetric => ({
      name: `m-${name}`,
      templateRef: { name },
      thresholdRange: { max: 1 },
    });
    const outcome = await cluster.checker.run(
      canaryWith(ref('nope'), ref('no-secret'), ref('half'), ref('dd'), ref('broken'), { name: 'lonely' }),
      istio,
    );
    expect(outcome.passed).toBe(false);
    expect(outcome.results.map((r) => [r.outcome, r.message])).toEqual([
      ['error', 'Metric template nope.test error: metrictemplate.flagger.app "nope" not found'],
      ['error', 'Metric template no-secret.test secret gone error: secrets "gone" not found'],
      [
        'error',
        'Metric template half.test provider prometheus error: prometheus credentials do not contain a password: the secret needs the key "token", or the keys "username" and "password"',
      ],
      [
        'error',
        "Metric template dd.test provider datadog error: metrics provider type 'datadog' is not supported by Weir yet (supported: prometheus)",
      ],
      [
        'error',
        'Metric template broken.test query render error: template execution failed: template: tmpl:1: executing "tmpl" at <variables.zone>: map has no entry for key "zone"',
      ],
      [
        'error',
        'Metric query failed for lonely: no usable metrics template and query were configured (set templateRef, or use a builtin name: request-success-rate, request-duration)',
      ],
    ]);
    expect(outcome.failure).toEqual({ message: outcome.results[0]?.message, level: 'error' });
    expect(cluster.prometheus.queries()).toEqual([]);
  });

  it('run builtin metrics before templates, as Flagger does, so the builtin failure is the event', async () => {
    cluster.prometheus.answer(renderedLatency, 900).answer(/istio_requests_total/, 50);
    const outcome = await cluster.checker.run(
      canaryWith(latency, { name: 'request-success-rate', thresholdRange: { min: 99 }, interval: '1m' }),
      istio,
    );
    expect(outcome.results.map((r) => r.name)).toEqual(['request-success-rate', 'latency']);
    expect(outcome.results.map((r) => r.outcome)).toEqual(['fail', 'fail']);
    expect(outcome.failure?.message).toBe('Halt podinfo.test advancement success rate 50.00% < 99%');
  });

  it('report no data of a template metric with the custom-metric wording', async () => {
    const outcome = await cluster.checker.run(canaryWith(latency), istio);
    expect(outcome.failure).toEqual({
      message: 'Halt advancement no values found for custom metric: latency: no values found',
      level: 'warn',
    });
  });
});

describe('metric provider availability', () => {
  it('is ok when the builtin Prometheus and every template provider answer', async () => {
    const canary = canaryWith({ name: 'request-success-rate', thresholdRange: { min: 99 } }, latency);
    expect(await cluster.checker.availability(canary)).toEqual({
      ok: true,
      message: 'all the metrics providers are available!',
    });
    expect(cluster.prometheus.received.map((r) => [r.query, r.headers.authorization])).toEqual([
      ['vector(1)', undefined],
      ['vector(1)', 'Bearer tok-123'],
    ]);
  });

  it('names what is missing or down', async () => {
    const missing = await cluster.checker.availability(
      canaryWith({ name: 'x', templateRef: { name: 'no-secret' } }),
    );
    expect(missing).toEqual({
      ok: false,
      reason: 'metric template no-secret.test secret gone error: secrets "gone" not found',
      message:
        'Error checking metric providers: metric template no-secret.test secret gone error: secrets "gone" not found',
    });
    const down = await cluster.checker.availability(
      exampleCanary('istio-canary.yaml', (c) => {
        c.spec.metricsServer = 'http://127.0.0.1:1';
      }),
    );
    expect(down.ok).toBe(false);
    expect(down.message).toMatch(
      /^Error checking metric providers: prometheus not available: running query failed: request failed: /,
    );
    cluster.prometheus.answer('vector(1)', 'empty');
    const empty = await cluster.checker.availability(canaryWith(latency));
    expect(empty.message).toBe(
      'Error checking metric providers: prometheus in metric template latency.istio-system not available: running query failed: no values found',
    );
  });
});
