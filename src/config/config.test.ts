import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { ConfigError } from './parse-flags.js';

describe('loadConfig', () => {
  it("takes Flagger's defaults", () => {
    const config = loadConfig([], {});
    expect(config.meshProvider).toBe('istio');
    expect(config.metricsServer).toBe('http://prometheus:9090');
    expect(config.selectorLabels).toEqual(['app', 'name', 'app.kubernetes.io/name']);
    expect(config.leaderElection).toMatchObject({
      enabled: false,
      namespace: 'kube-system',
      leaseName: 'flagger-leader-election',
      leaseDurationMs: 60_000,
    });
    expect(config.minAnalysisIntervalMs).toBe(10_000);
    expect(Object.isFrozen(config.slack)).toBe(true);
  });

  it('reads Go-style flags with one or two dashes, separate or joined values, bare booleans', () => {
    const config = loadConfig(
      [
        '-mesh-provider=smi:istio',
        '--metrics-server',
        'http://127.0.0.1:9090',
        '-enable-leader-election',
        '-namespace',
        'test',
        '-min-analysis-interval=1s',
        '-enable-config-tracking=false',
      ],
      {},
    );
    expect(config.meshProvider).toBe('smi:istio');
    expect(config.metricsServer).toBe('http://127.0.0.1:9090');
    expect(config.leaderElection.enabled).toBe(true);
    expect(config.leaderElection.namespace).toBe('test');
    expect(config.minAnalysisIntervalMs).toBe(1000);
    expect(config.enableConfigTracking).toBe(false);
  });

  it('takes WEIR_* variables unless a flag is given, and lets Flagger variables win over flags', () => {
    const config = loadConfig(['-slack-url=https://flag', '-cluster-name=flag'], {
      WEIR_CLUSTER_NAME: 'env',
      WEIR_LOG_LEVEL: 'warn',
      SLACK_URL: 'https://env',
    });
    expect(config.clusterName).toBe('flag');
    expect(config.logLevel).toBe('warn');
    expect(config.slack.url).toBe('https://env');
  });

  it('reports every bad flag at once, naming it and what would be valid', () => {
    let error: unknown;
    try {
      loadConfig(
        [
          '-mesh-provider=foo',
          '-log-level=loud',
          '-port=x',
          '-mesh-providr=istio',
          '-leader-election-retry-period=soon',
        ],
        {},
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toEqual([
      'unknown flag -mesh-providr (did you mean -mesh-provider?)',
      '-port: "x" is not an integer',
      '-leader-election-retry-period: "soon" is not a duration (like 10s, 1m30s, 500ms)',
    ]);
    expect(() => loadConfig(['-mesh-provider=foo', '-log-level=loud'], {})).toThrow(
      /-log-level: "loud" is not one of debug, info, warn, error; -mesh-provider: unknown mesh provider 'foo'/,
    );
  });
});
