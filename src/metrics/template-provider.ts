import type { MetricTemplate } from '../apis/flagger/v1beta1/metric-template.js';
import type { Canary, CanaryMetric } from '../apis/index.js';
import type { ClusterReader } from '../kube/cluster-reader.js';
import type { KubeObject } from '../kube/kube-object.js';
import type { MetricsProvider } from './metrics-provider.js';
import type { MetricsProviderFactory } from './providers/provider-factory.js';

/** Type of the MetricTemplate objects in the cluster cache. */
export const MetricTemplateType = { apiVersion: 'flagger.app/v1beta1', kind: 'MetricTemplate' } as const;
/** Type of Secrets in the cluster cache. */
export const SecretType = { apiVersion: 'v1', kind: 'Secret' } as const;

type Secret = KubeObject & { data?: Record<string, string> };

/** A templateRef metric's template and a provider built for it, or Flagger's error text. */
export type TemplateProvider =
  | {
      ok: true;
      template: MetricTemplate;
      /** `<template name>.<namespace>`. */
      label: string;
      provider: MetricsProvider;
    }
  | {
      ok: false;
      label: string;
      /** `Metric template latency.istio-system error: metrictemplate.flagger.app "latency" not found`, … */
      message: string;
    };

/** Decoded `data` of a Secret (base64 → UTF-8). */
export function secretData(secret: Secret): Record<string, string> {
  const data: Record<string, string> = {};
  for (const [key, value] of Object.entries(secret.data ?? {})) {
    data[key] = Buffer.from(value, 'base64').toString('utf8');
  }
  return data;
}

/**
 * Finds the MetricTemplate of a metric (in `templateRef.namespace`, else the canary's), reads its secret
 * from the template's namespace, and builds its provider. Failures carry Flagger's event text; a missing
 * template or secret is an error, never a pass.
 */
export function templateProvider(
  deps: { cluster: ClusterReader; providers: MetricsProviderFactory },
  canary: Canary,
  metric: CanaryMetric & { templateRef: NonNullable<CanaryMetric['templateRef']> },
  interval: string,
): TemplateProvider {
  const ref = metric.templateRef;
  const namespace = ref.namespace || canary.metadata.namespace || '';
  const label = `${ref.name}.${namespace}`;
  const template = deps.cluster.get<MetricTemplate>({ ...MetricTemplateType, namespace, name: ref.name });
  if (!template) {
    return {
      ok: false,
      label,
      message: `Metric template ${label} error: metrictemplate.flagger.app "${ref.name}" not found`,
    };
  }
  const spec = template.spec.provider;
  let credentials: Record<string, string> | undefined;
  if (spec.secretRef) {
    const secretName = spec.secretRef.name;
    const secret = deps.cluster.get<Secret>({ ...SecretType, namespace, name: secretName });
    if (!secret) {
      return {
        ok: false,
        label,
        message: `Metric template ${label} secret ${secretName} error: secrets "${secretName}" not found`,
      };
    }
    credentials = secretData(secret);
  }
  try {
    const provider = deps.providers({
      provider: spec,
      interval,
      ...(credentials ? { credentials } : {}),
    });
    return { ok: true, template, label, provider };
  } catch (error) {
    return {
      ok: false,
      label,
      message: `Metric template ${label} provider ${spec.type} error: ${(error as Error).message}`,
    };
  }
}
