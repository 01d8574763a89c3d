import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { prometheusConfig, ScrapeJobs } from './prometheus-config.js';

describe('prometheusConfig', () => {
  it('scrapes and evaluates every interval, static jobs and file-discovered pods', () => {
    const config = parse(
      prometheusConfig({
        interval: '1s',
        jobs: [
          { job: ScrapeJobs.mesh, targets: ['127.0.0.1:15020'] },
          {
            job: ScrapeJobs.operator,
            targets: ['127.0.0.1:8080'],
            metricsPath: '/metrics',
            labels: { app: 'weir' },
          },
        ],
        podTargetsFile: '/data/targets/pods.json',
      }),
    );
    expect(config).toEqual({
      global: { scrape_interval: '1s', scrape_timeout: '1s', evaluation_interval: '1s' },
      scrape_configs: [
        {
          job_name: 'weir-mesh',
          metrics_path: '/metrics',
          static_configs: [{ targets: ['127.0.0.1:15020'] }],
        },
        {
          job_name: 'weir-operator',
          metrics_path: '/metrics',
          static_configs: [{ targets: ['127.0.0.1:8080'], labels: { app: 'weir' } }],
        },
        {
          job_name: 'kubernetes-pods',
          file_sd_configs: [{ files: ['/data/targets/pods.json'], refresh_interval: '5s' }],
        },
      ],
    });
  });

  it('refuses what Prometheus would refuse', () => {
    const config = (job: string, targets: string[], metricsPath?: string) =>
      prometheusConfig({ interval: '1s', jobs: [{ job, targets, ...(metricsPath ? { metricsPath } : {}) }] });
    expect(() => config('bad job', ['a:1'])).toThrow(/job name/);
    expect(() => config('ok', ['http://a:1'])).toThrow(/host:port/);
    expect(() => config('ok', ['a:1'], 'metrics')).toThrow(/must start with/);
    expect(() =>
      prometheusConfig({
        interval: '1s',
        jobs: [
          { job: 'a', targets: [] },
          { job: 'a', targets: [] },
        ],
      }),
    ).toThrow(/twice/);
  });
});
