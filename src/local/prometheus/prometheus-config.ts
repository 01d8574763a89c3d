import { stringify } from 'yaml';

/** One statically configured scrape job. */
export interface ScrapeJob {
  /** The `job` label (`weir-mesh`, `weir-operator`, …). */
  job: string;
  /** `host:port` of each target. */
  targets: readonly string[];
  /** Path of the metrics; `/metrics` by default. */
  metricsPath?: string;
  /** Labels added to every series of the job. */
  labels?: Readonly<Record<string, string>>;
}

/** The job names the playground uses. */
export const ScrapeJobs = {
  mesh: 'weir-mesh',
  operator: 'weir-operator',
  pods: 'kubernetes-pods',
} as const;

/** What goes into prometheus.yml. */
export interface PrometheusConfigOptions {
  /** Scrape and rule evaluation interval (`1s`); the scrape timeout is the same. */
  interval: string;
  jobs: readonly ScrapeJob[];
  /** The file_sd file the pod watcher writes; no pod job without it. */
  podTargetsFile?: string;
}

const jobName = /^[a-zA-Z_][a-zA-Z0-9_.-]*$/;
const target = /^[^\s/]+:\d{1,5}$/;

/** Rejects a job Prometheus would refuse, with the reason (before Prometheus fails to start). */
export function validateJob(job: ScrapeJob): void {
  if (!jobName.test(job.job)) throw new Error(`scrape job name "${job.job}" must match ${jobName.source}`);
  for (const t of job.targets) {
    if (!target.test(t)) throw new Error(`scrape target "${t}" of job ${job.job} must be host:port`);
  }
  if (job.metricsPath !== undefined && !job.metricsPath.startsWith('/')) {
    throw new Error(`metrics path "${job.metricsPath}" of job ${job.job} must start with /`);
  }
}

/**
 * prometheus.yml for the playground: one interval for scraping and evaluation, the static jobs (mesh,
 * operator, …) and, with a targets file, a `kubernetes-pods` job fed by file-based discovery (Debian's
 * Prometheus is built without Kubernetes discovery, so a watcher writes what `kubernetes_sd_configs`
 * with the usual `prometheus.io/*` relabeling would find).
 */
export function prometheusConfig(options: PrometheusConfigOptions): string {
  const seen = new Set<string>();
  const scrapeConfigs: Record<string, unknown>[] = [];
  for (const job of options.jobs) {
    validateJob(job);
    if (seen.has(job.job)) throw new Error(`scrape job ${job.job} is configured twice`);
    seen.add(job.job);
    scrapeConfigs.push({
      job_name: job.job,
      metrics_path: job.metricsPath ?? '/metrics',
      static_configs: [{ targets: [...job.targets], ...(job.labels ? { labels: { ...job.labels } } : {}) }],
    });
  }
  if (options.podTargetsFile) {
    if (seen.has(ScrapeJobs.pods)) throw new Error(`scrape job ${ScrapeJobs.pods} is reserved for pods`);
    scrapeConfigs.push({
      job_name: ScrapeJobs.pods,
      file_sd_configs: [{ files: [options.podTargetsFile], refresh_interval: '5s' }],
    });
  }
  return stringify({
    global: {
      scrape_interval: options.interval,
      scrape_timeout: options.interval,
      evaluation_interval: options.interval,
    },
    scrape_configs: scrapeConfigs,
  });
}
