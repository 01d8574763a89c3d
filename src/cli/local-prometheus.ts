import { join } from 'node:path';
import type { Command } from 'commander';
import { type ScrapeJob, ScrapeJobs } from '../local/prometheus/prometheus-config.js';
import { startPrometheus } from '../local/prometheus/start-prometheus.js';
import { createLogger } from '../platform/logger.js';
import { weirHome } from '../platform/weir-home.js';

interface PrometheusFlags {
  dataDir?: string;
  host: string;
  port: string;
  kubeconfig?: string;
  pods: boolean;
  mesh?: string;
  operator?: string;
  scrape: string[];
  interval: string;
  retention: string;
}

/** `job=host:port[/path]` → a static scrape job. */
export function parseScrapeFlag(value: string): ScrapeJob {
  const match = /^([^=]+)=([^/\s]+:\d+)(\/\S*)?$/.exec(value);
  if (!match) throw new Error(`--scrape: "${value}" is not job=host:port[/path]`);
  return { job: match[1]!, targets: [match[2]!], ...(match[3] ? { metricsPath: match[3] } : {}) };
}

/** `weir local prometheus`: the real Prometheus, scraping the mesh, the operator and annotated pods. */
export function registerLocalPrometheus(local: Command): void {
  local
    .command('prometheus')
    .description('run Prometheus for the playground (the Debian package), scraping every second')
    .option('--data-dir <dir>', 'configuration and TSDB (default: $WEIR_HOME/local/prometheus)')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'port to listen on; 0 picks a free one', '9090')
    .option('--kubeconfig <file>', 'discover annotated pods here (default: $WEIR_HOME/local/kubeconfig)')
    .option('--no-pods', 'do not scrape pods')
    .option('--mesh <host:port>', "the mesh's metrics listener (job weir-mesh)")
    .option('--operator <host:port>', "the operator's /metrics listener (job weir-operator)")
    .option(
      '--scrape <job=host:port[/path]>',
      'another static scrape job (repeatable)',
      (value: string, all: string[]) => [...all, value],
      [] as string[],
    )
    .option('--interval <duration>', 'scrape and evaluation interval', '1s')
    .option('--retention <duration>', 'how long samples are kept', '1d')
    .action(async (flags: PrometheusFlags) => {
      const logger = createLogger({ base: { component: 'prometheus' } });
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new Error(`--port: "${flags.port}" is not a port number (0 picks a free port, else 1–65535)`);
      }
      const jobs: ScrapeJob[] = [];
      if (flags.mesh) jobs.push({ job: ScrapeJobs.mesh, targets: [flags.mesh] });
      if (flags.operator) jobs.push({ job: ScrapeJobs.operator, targets: [flags.operator] });
      jobs.push(...flags.scrape.map(parseScrapeFlag));
      const home = weirHome();
      const prometheus = await startPrometheus({
        dataDir: flags.dataDir ?? join(home, 'local', 'prometheus'),
        host: flags.host,
        port,
        scrapeTargets: jobs,
        ...(flags.pods
          ? { pods: { kubeconfig: flags.kubeconfig ?? join(home, 'local', 'kubeconfig') } }
          : {}),
        interval: flags.interval,
        retention: flags.retention,
        logger,
      });
      process.stdout.write(
        `${JSON.stringify({ msg: 'serving', url: prometheus.url, config: prometheus.configFile, log: prometheus.logFile })}\n`,
      );
      const stop = async (signal: string) => {
        logger.info('stopping', { signal });
        await prometheus.stop();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
      process.on('SIGHUP', () => void prometheus.reload().catch((error) => logger.error(String(error))));
    });
}
