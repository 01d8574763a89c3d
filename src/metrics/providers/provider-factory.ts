import type { MetricTemplateProvider } from '../../apis/flagger/v1beta1/metric-template.js';
import type { MetricsProvider } from '../metrics-provider.js';
import { PrometheusProvider, prometheusAuth } from './prometheus-provider.js';
import { MetricsProviderError } from './provider-errors.js';

/** What a provider is built from: a MetricTemplate's `spec.provider` (or the builtin Prometheus) and its secret. */
export interface MetricsProviderRequest {
  /** Type, address, headers, TLS settings. */
  provider: MetricTemplateProvider;
  /** Decoded `data` of `provider.secretRef`'s Secret; undefined when the template names no secret. */
  credentials?: Readonly<Record<string, string>>;
  /** The metric's interval (providers that query a time window need it). */
  interval: string;
}

/** Builds the provider for a request; throws {@link MetricsProviderError} for what it cannot build. */
export type MetricsProviderFactory = (request: MetricsProviderRequest) => MetricsProvider;

/** Metrics provider types Weir implements. */
export const SupportedMetricsProviderTypes = ['prometheus'] as const;

/**
 * The factory `src/main` uses: Prometheus for `type: prometheus`; any other type is refused with an
 * `unsupported-provider` error (never a silent Prometheus fallback as in Flagger).
 */
export function createMetricsProviderFactory(options: { timeoutMs?: number } = {}): MetricsProviderFactory {
  return ({ provider, credentials }) => {
    switch (provider.type) {
      case 'prometheus':
        return new PrometheusProvider({
          address: provider.address ?? '',
          ...(provider.headers ? { headers: provider.headers } : {}),
          ...(credentials ? { auth: prometheusAuth(credentials) } : {}),
          ...(provider.insecureSkipVerify ? { insecureSkipVerify: true } : {}),
          ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
        });
      default:
        throw new MetricsProviderError(
          'unsupported-provider',
          `metrics provider type '${provider.type}' is not supported by Weir yet (supported: ${SupportedMetricsProviderTypes.join(', ')})`,
        );
    }
  };
}
