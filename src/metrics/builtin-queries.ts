import type { Provider } from '../routers/providers.js';

/** Metric names that need no query: Weir knows their PromQL for each mesh. */
export const BuiltinMetricNames = ['request-success-rate', 'request-duration'] as const;
export type BuiltinMetricName = (typeof BuiltinMetricNames)[number];

/** Whether a metric name is one of the builtin ones. */
export function isBuiltinMetric(name: string): name is BuiltinMetricName {
  return (BuiltinMetricNames as readonly string[]).includes(name);
}

/** Telemetry flavours Flagger has builtin queries for (its "observers"). */
export const Observers = [
  'istio',
  'linkerd',
  'osm',
  'http',
  'appmesh',
  'contour',
  'gloo',
  'nginx',
  'knative',
  'kuma',
  'skipper',
  'traefik',
  'apisix',
] as const;
export type Observer = (typeof Observers)[number];

/** The builtin queries of one observer. */
export interface BuiltinQueries {
  /** Percentage (0–100) of non-5xx responses of the canary. */
  'request-success-rate': string;
  /** P99 (or mean) latency of the canary, in `durationUnit`. */
  'request-duration': string;
  /** Unit of the request-duration query's result; thresholds are always milliseconds. */
  durationUnit: 'ms' | 's';
  /** Model fields get non-word characters replaced by `_` before rendering (Skipper route names). */
  wordSafeModel: boolean;
}

/**
 * Skipper's queries build the route regex once with a template variable; they render with the same Go
 * template subset as MetricTemplates (assignment and `printf`), so they stay Flagger's text verbatim.
 */
const skipperRoute =
  '{{- $route := printf "kube(ew)?_%s__%s_canary__.*__%s_canary(_[0-9]+)?" namespace ingress service }}';

/**
 * Flagger 1.44's builtin PromQL per observer, whitespace-collapsed exactly as Flagger sends it (the
 * compatibility contract: the same series, labels and windows, so existing dashboards match what Weir
 * decided on).
 */
export const builtinQueries: Readonly<Record<Observer, BuiltinQueries>> = {
  istio: {
    'request-success-rate':
      'sum( rate( istio_requests_total{ reporter="destination", destination_workload_namespace="{{ namespace }}", destination_workload=~"{{ target }}", response_code!~"5.*" }[{{ interval }}] ) ) / sum( rate( istio_requests_total{ reporter="destination", destination_workload_namespace="{{ namespace }}", destination_workload=~"{{ target }}" }[{{ interval }}] ) ) * 100',
    'request-duration':
      'histogram_quantile( 0.99, sum( rate( istio_request_duration_milliseconds_bucket{ reporter="destination", destination_workload_namespace="{{ namespace }}", destination_workload=~"{{ target }}" }[{{ interval }}] ) ) by (le) )',
    durationUnit: 'ms',
    wordSafeModel: false,
  },
  linkerd: {
    'request-success-rate':
      'sum( rate( response_total{ namespace="{{ namespace }}", deployment=~"{{ target }}", classification!="failure", direction="inbound" }[{{ interval }}] ) ) / sum( rate( response_total{ namespace="{{ namespace }}", deployment=~"{{ target }}", direction="inbound" }[{{ interval }}] ) ) * 100',
    'request-duration':
      'histogram_quantile( 0.99, sum( rate( response_latency_ms_bucket{ namespace="{{ namespace }}", deployment=~"{{ target }}", direction="inbound" }[{{ interval }}] ) ) by (le) )',
    durationUnit: 'ms',
    wordSafeModel: false,
  },
  osm: {
    'request-success-rate':
      'sum( rate( osm_request_total{ destination_namespace="{{ namespace }}", destination_kind="Deployment", destination_name="{{ target }}", response_code!~"5.*" }[{{ interval }}] ) ) / sum( rate( osm_request_total{ destination_namespace="{{ namespace }}", destination_kind="Deployment", destination_name="{{ target }}" }[{{ interval }}] ) ) * 100',
    'request-duration':
      'histogram_quantile( 0.99, sum( rate( osm_request_duration_ms_bucket{ destination_namespace="{{ namespace }}", destination_kind="Deployment", destination_name="{{ target }}" }[{{ interval }}] ) ) by (le) )',
    durationUnit: 'ms',
    wordSafeModel: false,
  },
  http: {
    'request-success-rate':
      'sum( rate( http_request_duration_seconds_count{ kubernetes_namespace="{{ namespace }}", kubernetes_pod_name=~"{{ target }}-[0-9a-zA-Z]+(-[0-9a-zA-Z]+)", status!~"5.*" }[{{ interval }}] ) ) / sum( rate( http_request_duration_seconds_count{ kubernetes_namespace="{{ namespace }}", kubernetes_pod_name=~"{{ target }}-[0-9a-zA-Z]+(-[0-9a-zA-Z]+)" }[{{ interval }}] ) ) * 100',
    'request-duration':
      'histogram_quantile( 0.99, sum( rate( http_request_duration_seconds_bucket{ kubernetes_namespace="{{ namespace }}", kubernetes_pod_name=~"{{ target }}-[0-9a-zA-Z]+(-[0-9a-zA-Z]+)" }[{{ interval }}] ) ) by (le) )',
    durationUnit: 's',
    wordSafeModel: false,
  },
  appmesh: {
    'request-success-rate':
      'sum( rate( envoy_cluster_upstream_rq{ kubernetes_namespace="{{ namespace }}", kubernetes_pod_name=~"{{ target }}-[0-9a-zA-Z]+(-[0-9a-zA-Z]+)", envoy_response_code!~"5.*" }[{{ interval }}] ) ) / sum( rate( envoy_cluster_upstream_rq{ kubernetes_namespace="{{ namespace }}", kubernetes_pod_name=~"{{ target }}-[0-9a-zA-Z]+(-[0-9a-zA-Z]+)" }[{{ interval }}] ) ) * 100',
    'request-duration':
      'histogram_quantile( 0.99, sum( rate( envoy_cluster_upstream_rq_time_bucket{ kubernetes_namespace="{{ namespace }}", kubernetes_pod_name=~"{{ target }}-[0-9a-zA-Z]+(-[0-9a-zA-Z]+)" }[{{ interval }}] ) ) by (le) )',
    durationUnit: 'ms',
    wordSafeModel: false,
  },
  contour: {
    'request-success-rate':
      'sum( rate( envoy_cluster_upstream_rq{ envoy_cluster_name=~"{{ namespace }}_{{ service }}-canary_[0-9a-zA-Z-]+", envoy_response_code!~"5.*" }[{{ interval }}] ) ) / sum( rate( envoy_cluster_upstream_rq{ envoy_cluster_name=~"{{ namespace }}_{{ service }}-canary_[0-9a-zA-Z-]+", }[{{ interval }}] ) ) * 100',
    'request-duration':
      'histogram_quantile( 0.99, sum( rate( envoy_cluster_upstream_rq_time_bucket{ envoy_cluster_name=~"{{ namespace }}_{{ service }}-canary_[0-9a-zA-Z-]+", }[{{ interval }}] ) ) by (le) )',
    durationUnit: 'ms',
    wordSafeModel: false,
  },
  gloo: {
    'request-success-rate':
      'sum( rate( envoy_cluster_upstream_rq{ envoy_cluster_name=~"{{ namespace }}-{{ target }}-canaryupstream-[0-9a-zA-Z-]+_[0-9a-zA-Z-]+", envoy_response_code!~"5.*" }[{{ interval }}] ) ) / sum( rate( envoy_cluster_upstream_rq{ envoy_cluster_name=~"{{ namespace }}-{{ target }}-canaryupstream-[0-9a-zA-Z-]+_[0-9a-zA-Z-]+", }[{{ interval }}] ) ) * 100',
    'request-duration':
      'histogram_quantile( 0.99, sum( rate( envoy_cluster_upstream_rq_time_bucket{ envoy_cluster_name=~"{{ namespace }}-{{ target }}-canaryupstream-[0-9a-zA-Z-]+_[0-9a-zA-Z-]+", }[{{ interval }}] ) ) by (le) )',
    durationUnit: 'ms',
    wordSafeModel: false,
  },
  nginx: {
    'request-success-rate':
      'sum( rate( nginx_ingress_controller_requests{ namespace="{{ namespace }}", ingress="{{ ingress }}", canary!="", status!~"5.*" }[{{ interval }}] ) ) / sum( rate( nginx_ingress_controller_requests{ namespace="{{ namespace }}", ingress="{{ ingress }}", canary!="" }[{{ interval }}] ) ) * 100',
    'request-duration':
      'sum( rate( nginx_ingress_controller_response_duration_seconds_sum{ namespace="{{ namespace }}", ingress="{{ ingress }}", canary!="" }[{{ interval }}] ) ) / sum( rate( nginx_ingress_controller_response_duration_seconds_count{ namespace="{{ namespace }}", ingress="{{ ingress }}", canary!="" }[{{ interval }}] ) ) * 1000',
    durationUnit: 'ms',
    wordSafeModel: false,
  },
  knative: {
    'request-success-rate':
      'sum( rate( envoy_cluster_upstream_rq{ envoy_cluster_name=~"{{ namespace }}/{{ route }}", envoy_response_code!~"5.*" }[{{ interval }}] ) ) / sum( rate( envoy_cluster_upstream_rq{ envoy_cluster_name=~"{{ namespace }}/{{ route }}", }[{{ interval }}] ) ) * 100',
    'request-duration':
      'histogram_quantile( 0.99, sum( rate( envoy_cluster_upstream_rq_time_bucket{ envoy_cluster_name=~"{{ namespace }}/{{ route }}", }[{{ interval }}] ) ) by (le) )',
    durationUnit: 'ms',
    wordSafeModel: false,
  },
  kuma: {
    'request-success-rate':
      'sum( rate( envoy_cluster_upstream_rq{ service=~"{{ target }}-canary_{{ namespace }}_svc_[0-9a-zA-Z-]+", envoy_response_code!~"5.*" }[{{ interval }}] ) ) / sum( rate( envoy_cluster_upstream_rq{ service=~"{{ target }}-canary_{{ namespace }}_svc_[0-9a-zA-Z-]+", }[{{ interval }}] ) ) * 100',
    'request-duration':
      'histogram_quantile( 0.99, sum( rate( envoy_cluster_upstream_rq_time_bucket{ service=~"{{ target }}-canary_{{ namespace }}_svc_[0-9a-zA-Z-]+", }[{{ interval }}] ) ) by (le) )',
    durationUnit: 'ms',
    wordSafeModel: false,
  },
  skipper: {
    'request-success-rate': `${skipperRoute} sum(rate(skipper_response_duration_seconds_bucket{route=~"{{ $route }}",code!~"5..",le="+Inf"}[{{ interval }}])) / sum(rate(skipper_response_duration_seconds_bucket{route=~"{{ $route }}",le="+Inf"}[{{ interval }}])) * 100`,
    'request-duration': `${skipperRoute} sum(rate(skipper_serve_route_duration_seconds_sum{route=~"{{ $route }}"}[{{ interval }}])) / sum(rate(skipper_serve_route_duration_seconds_count{route=~"{{ $route }}"}[{{ interval }}])) * 1000`,
    durationUnit: 'ms',
    wordSafeModel: true,
  },
  traefik: {
    'request-success-rate':
      'sum( rate( traefik_service_request_duration_seconds_bucket{ service=~"{{ namespace }}-{{ target }}-canary-[0-9a-zA-Z-]+@kubernetescrd", code!~"5..", le="+Inf" }[{{ interval }}] ) ) / sum( rate( traefik_service_request_duration_seconds_bucket{ service=~"{{ namespace }}-{{ target }}-canary-[0-9a-zA-Z-]+@kubernetescrd", le="+Inf" }[{{ interval }}] ) ) * 100',
    'request-duration':
      'histogram_quantile( 0.99, sum( rate( traefik_service_request_duration_seconds_bucket{ service=~"{{ namespace }}-{{ target }}-canary-[0-9a-zA-Z-]+@kubernetescrd" }[{{ interval }}] ) ) by (le) ) * 1000',
    durationUnit: 'ms',
    wordSafeModel: false,
  },
  apisix: {
    'request-success-rate':
      'sum( rate( apisix_http_status{ route=~"{{ namespace }}_{{ route }}-{{ target }}-canary_.+", code!~"5.." }[{{ interval }}] ) ) / sum( rate( apisix_http_status{ route=~"{{ namespace }}_{{ route }}-{{ target }}-canary_.+" }[{{ interval }}] ) ) * 100',
    'request-duration':
      'histogram_quantile( 0.99, sum( rate( apisix_http_latency_bucket{ type=~"request", route=~"{{ namespace }}_{{ route }}-{{ target }}-canary_.+" }[{{ interval }}] ) ) by (le) )',
    durationUnit: 'ms',
    wordSafeModel: false,
  },
};

/**
 * The observer whose builtin queries a canary's metrics use, for the providers Weir routes with:
 * `istio` → istio; `kubernetes` → http (pod metrics, Blue/Green); `linkerd`, `osm`, `smi:<version>:<mesh>`
 * and the legacy `smi:istio` / `smi:linkerd` → that mesh's telemetry; `smi:<version>` without a mesh →
 * istio, the mesh Flagger's default falls back to and the one the SMI Istio guide runs.
 *
 * Unlike Flagger (§9.3 #12) the target kind plays no part: Flagger appends `:service` for `kind: Service`
 * targets and then silently falls back to Istio queries for every mesh but App Mesh, Gloo and Gateway API,
 * so a Linkerd canary of a Service would query `istio_requests_total` and never see data. The workload
 * behind a Service is still measured by its mesh's telemetry, so Weir uses the same mesh's queries.
 */
export function observerFor(provider: Provider): Observer {
  switch (provider.kind) {
    case 'istio':
      return 'istio';
    case 'kubernetes':
      return 'http';
    case 'smi':
      return provider.mesh ?? 'istio';
    default: {
      const unknown: never = provider;
      throw new Error(`no observer for provider ${JSON.stringify(unknown)}`);
    }
  }
}
