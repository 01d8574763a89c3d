import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseProvider } from '../../../src/routers/providers.js';
import { PrometheusStub } from '../../support/prometheus-stub.js';
import { exampleCanary, type MetricsCluster, startMetricsCluster } from './metrics-cluster.js';

const istioSuccessRate =
  'sum( rate( istio_requests_total{ reporter="destination", destination_workload_namespace="test", destination_workload=~"podinfo", response_code!~"5.*" }[1m] ) ) / sum( rate( istio_requests_total{ reporter="destination", destination_workload_namespace="test", destination_workload=~"podinfo" }[1m] ) ) * 100';
const istioDuration =
  'histogram_quantile( 0.99, sum( rate( istio_request_duration_milliseconds_bucket{ reporter="destination", destination_workload_namespace="test", destination_workload=~"podinfo" }[30s] ) ) by (le) )';
const linkerdSuccessRate =
  'sum( rate( response_total{ namespace="test", deployment=~"podinfo", classification!="failure", direction="inbound" }[1m] ) ) / sum( rate( response_total{ namespace="test", deployment=~"podinfo", direction="inbound" }[1m] ) ) * 100';
const linkerdDuration =
  'histogram_quantile( 0.99, sum( rate( response_latency_ms_bucket{ namespace="test", deployment=~"podinfo", direction="inbound" }[30s] ) ) by (le) )';

let cluster: MetricsCluster;
beforeAll(async () => {
  cluster = await startMetricsCluster(['test']);
});
afterAll(() => cluster?.stop());
beforeEach(() => {
  cluster.prometheus.reset();
  cluster.values.length = 0;
});

describe('builtin metric checks of the podinfo canary', () => {
  it("send Flagger's Istio PromQL and pass within bounds", async () => {
    cluster.prometheus.answer(istioSuccessRate, 99.5).answer(istioDuration, 120.7);
    const outcome = await cluster.checker.run(exampleCanary('istio-canary.yaml'), parseProvider('istio'));
    expect(cluster.prometheus.received.map((r) => r.raw).sort()).toEqual([istioDuration, istioSuccessRate]);
    expect(outcome).toEqual({
      passed: true,
      checkedAt: '2026-03-01T10:00:00Z',
      results: [
        {
          name: 'request-success-rate',
          source: 'builtin',
          query: istioSuccessRate,
          value: 99.5,
          min: 99,
          outcome: 'pass',
          message: 'success rate 99.50% within bounds (min 99%)',
        },
        {
          name: 'request-duration',
          source: 'builtin',
          query: istioDuration,
          value: 120,
          max: 500,
          outcome: 'pass',
          message: 'request duration 120ms within bounds (max 500ms)',
        },
      ],
    });
    // The gauge gets the success rate as a percentage and the duration in seconds, as Flagger records them.
    expect(cluster.values.sort()).toEqual([
      ['request-duration', 0.12],
      ['request-success-rate', 99.5],
    ]);
  });

  it("send Flagger's Linkerd PromQL, also for the SMI forms naming linkerd", async () => {
    cluster.prometheus.answer(linkerdSuccessRate, 100).answer(linkerdDuration, 10);
    for (const provider of ['linkerd', 'smi:linkerd', 'smi:v1alpha1:linkerd']) {
      const outcome = await cluster.checker.run(
        exampleCanary('linkerd-canary.yaml'),
        parseProvider(provider),
      );
      expect(outcome.passed, provider).toBe(true);
    }
    expect(new Set(cluster.prometheus.queries())).toEqual(new Set([linkerdSuccessRate, linkerdDuration]));
  });

  it('evaluate every metric, and report the first failure as the event', async () => {
    cluster.prometheus.answer(istioSuccessRate, 69.1666).answer(istioDuration, 1500.9);
    const outcome = await cluster.checker.run(exampleCanary('istio-canary.yaml'), parseProvider('smi:istio'));
    expect(outcome.passed).toBe(false);
    expect(outcome.failure).toEqual({
      message: 'Halt podinfo.test advancement success rate 69.17% < 99%',
      level: 'warn',
    });
    expect(outcome.results.map((r) => [r.outcome, r.message])).toEqual([
      ['fail', 'Halt podinfo.test advancement success rate 69.17% < 99%'],
      ['fail', 'Halt podinfo.test advancement request duration 1.5s > 500ms'],
    ]);
  });

  it('count no data as a failed check, with the provider and target in the message', async () => {
    const outcome = await cluster.checker.run(exampleCanary('istio-canary.yaml'), parseProvider('istio'));
    expect(outcome.failure).toEqual({
      message:
        'Halt advancement no values found for istio metric request-success-rate probably podinfo.test is not receiving traffic: no values found',
      level: 'warn',
    });
    expect(outcome.results.map((r) => r.outcome)).toEqual(['no-data', 'no-data']);
    expect(outcome.results[1]?.message).toBe(
      'Halt advancement no values found for istio metric request-duration probably podinfo.test is not receiving traffic',
    );
    expect(cluster.values).toEqual([]);
  });

  it('use the same mesh queries for a Service target, labelled as Flagger labels it', async () => {
    const canary = exampleCanary('linkerd-canary.yaml', (c) => {
      c.spec.targetRef = { apiVersion: 'v1', kind: 'Service', name: 'podinfo' };
    });
    const outcome = await cluster.checker.run(canary, parseProvider('linkerd'));
    expect(cluster.prometheus.queries()).toContain(linkerdSuccessRate);
    expect(outcome.failure?.message).toContain(
      'no values found for linkerd:service metric request-success-rate',
    );
  });

  it('report Prometheus errors at error level', async () => {
    cluster.prometheus.otherwise({ status: 503, body: 'overloaded' });
    const outcome = await cluster.checker.run(exampleCanary('istio-canary.yaml'), parseProvider('istio'));
    expect(outcome.failure).toEqual({
      message: 'Prometheus query failed: error response: Status 503 Service Unavailable: overloaded',
      level: 'error',
    });
  });

  it('use the http observer in seconds for the kubernetes provider, and a default 1m interval', async () => {
    const canary = exampleCanary('istio-canary.yaml', (c) => {
      c.spec.analysis.metrics = [{ name: 'request-duration', threshold: 500 }];
    });
    cluster.prometheus.answer(/http_request_duration_seconds_bucket/, 0.25);
    const outcome = await cluster.checker.run(canary, parseProvider('kubernetes'));
    expect(cluster.prometheus.queries()).toEqual([
      'histogram_quantile( 0.99, sum( rate( http_request_duration_seconds_bucket{ kubernetes_namespace="test", kubernetes_pod_name=~"podinfo-[0-9a-zA-Z]+(-[0-9a-zA-Z]+)" }[1m] ) ) by (le) )',
    ]);
    expect(outcome.results[0]).toMatchObject({ value: 250, max: 500, outcome: 'pass' });
  });

  it('run inline queries rendered with the model, with the deprecated threshold as a maximum', async () => {
    const canary = exampleCanary('istio-canary.yaml', (c) => {
      c.spec.analysis.metrics = [
        { name: 'errors', threshold: 1, query: 'sum(errors{namespace="{{ namespace }}"}[{{ interval }}])' },
      ];
    });
    cluster.prometheus.answer('sum(errors{namespace="test"}[1m])', 3);
    const outcome = await cluster.checker.run(canary, parseProvider('istio'));
    expect(outcome.failure?.message).toBe('Halt podinfo.test advancement errors 3.00 > 1');
    expect(outcome.results[0]).toMatchObject({ source: 'query', value: 3, max: 1, outcome: 'fail' });
  });

  it("query the canary's own metricsServer when it names one", async () => {
    const own = await PrometheusStub.start();
    try {
      own.answer(istioSuccessRate, 100).answer(istioDuration, 5);
      const canary = exampleCanary('istio-canary.yaml', (c) => {
        c.spec.metricsServer = own.url;
      });
      const outcome = await cluster.checker.run(canary, parseProvider('istio'));
      expect(outcome.passed).toBe(true);
      expect(own.queries()).toHaveLength(2);
      expect(cluster.prometheus.queries()).toEqual([]);
    } finally {
      await own.close();
    }
  });
});
