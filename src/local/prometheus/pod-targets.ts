import type { KubeObject } from '../../kube/kube-object.js';

/** A pod as the target builder reads it. */
export interface ScrapablePod extends KubeObject {
  spec?: { containers?: { ports?: { containerPort: number; protocol?: string }[] }[]; nodeName?: string };
  status?: { podIP?: string; phase?: string };
}

/** One group of a file_sd targets file. */
export interface TargetGroup {
  targets: string[];
  labels: Record<string, string>;
}

/** A Prometheus label name made of a Kubernetes label key (`app.kubernetes.io/name` → `app_kubernetes_io_name`). */
function labelName(key: string): string {
  return key.replace(/[^a-zA-Z0-9_]/g, '_');
}

/**
 * The scrape targets of a pod as `kubernetes_sd_configs` (role pod) with the usual relabeling yields:
 * only pods annotated `prometheus.io/scrape: "true"` that have an IP and are not finished; the address
 * `<podIP>:<prometheus.io/port>` (else one target per TCP container port, else port 80);
 * `prometheus.io/path` and `prometheus.io/scheme`; the pod's labels (as `labelmap` maps them) and
 * `namespace`/`pod` plus Flagger's older `kubernetes_namespace`/`kubernetes_pod_name`.
 */
export function podTargets(pod: ScrapablePod): TargetGroup | undefined {
  const annotations = pod.metadata.annotations ?? {};
  const ip = pod.status?.podIP;
  const phase = pod.status?.phase;
  if (annotations['prometheus.io/scrape'] !== 'true' || !ip || pod.metadata.deletionTimestamp)
    return undefined;
  if (phase === 'Succeeded' || phase === 'Failed') return undefined;
  const host = ip.includes(':') ? `[${ip}]` : ip;
  const annotated = annotations['prometheus.io/port'];
  let ports: number[];
  if (annotated !== undefined && /^\d+$/.test(annotated)) ports = [Number(annotated)];
  else {
    ports = (pod.spec?.containers ?? []).flatMap((c) =>
      (c.ports ?? []).filter((p) => (p.protocol ?? 'TCP') === 'TCP').map((p) => p.containerPort),
    );
    if (ports.length === 0) ports = [80];
  }
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(pod.metadata.labels ?? {})) labels[labelName(key)] = value;
  const namespace = pod.metadata.namespace ?? 'default';
  Object.assign(labels, {
    namespace,
    pod: pod.metadata.name,
    kubernetes_namespace: namespace,
    kubernetes_pod_name: pod.metadata.name,
  });
  if (pod.spec?.nodeName) labels.node = pod.spec.nodeName;
  const path = annotations['prometheus.io/path'];
  if (path) labels.__metrics_path__ = path;
  const scheme = annotations['prometheus.io/scheme'];
  if (scheme === 'http' || scheme === 'https') labels.__scheme__ = scheme;
  return { targets: [...new Set(ports)].map((port) => `${host}:${port}`), labels };
}

/** The targets file for a set of pods, sorted so an unchanged cluster writes identical bytes. */
export function podTargetsFile(pods: readonly ScrapablePod[]): string {
  const groups = pods
    .map(podTargets)
    .filter((g): g is TargetGroup => g !== undefined)
    .sort((a, b) => {
      const ak = `${a.labels.namespace}/${a.labels.pod}`;
      const bk = `${b.labels.namespace}/${b.labels.pod}`;
      return ak < bk ? -1 : ak > bk ? 1 : 0;
    });
  return `${JSON.stringify(groups, null, 2)}\n`;
}
