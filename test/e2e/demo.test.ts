import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Canary } from '../../src/apis/index.js';
import { type DemoResult, runDemo } from '../../src/demo/run-demo.js';
import { RestKubeClient } from '../../src/kube/kube-client.js';
import type { KubeObject } from '../../src/kube/kube-object.js';
import { KubeConfigTransport } from '../../src/kube/rest-client.js';
import { playgroundDown } from '../../src/local/playground/playground-control.js';
import { playgroundPaths } from '../../src/local/playground/playground-paths.js';
import { isAlive, type PlaygroundState, readState } from '../../src/local/playground/playground-state.js';

interface LogLine {
  ts: string;
  msg: string;
}

function portOpen(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function promQuery(prometheus: string, query: string, time: string): Promise<number> {
  const url = `${prometheus}/api/v1/query?query=${encodeURIComponent(query)}&time=${encodeURIComponent(time)}`;
  const body = (await (await fetch(url)).json()) as { data: { result: { value: [number, string] }[] } };
  return Number(body.data.result[0]?.value[1]);
}

/**
 * The README's main command, end to end: `weir demo` on a fresh playground with real processes, real HTTP
 * through the mesh and the real Prometheus. Promotion, then rollback, judged by what the cluster and
 * Prometheus say afterwards.
 */
describe('weir demo (the SMI Istio walkthrough) end to end', () => {
  const root = mkdtempSync(join(tmpdir(), 'weir-e2e-'));
  const paths = playgroundPaths(root);
  let output = '';
  let result: DemoResult;
  let state: PlaygroundState;
  let client: RestKubeClient;

  beforeAll(async () => {
    const out = new Writable({
      write(chunk, _encoding, done) {
        output += chunk.toString();
        done();
      },
    });
    result = await runDemo({ paths, down: false, out });
    const running = readState(paths.state);
    if (!running) throw new Error(`the playground is not running after the demo:\n${output}`);
    state = running;
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(state.kubeconfig);
    client = new RestKubeClient(new KubeConfigTransport(kubeConfig));
  }, 900_000);

  afterAll(async () => {
    await playgroundDown(paths).catch(() => {});
    rmSync(root, { recursive: true, force: true });
  }, 120_000);

  it('promoted the new version, then rolled back the faulty one', async () => {
    expect(result.promoted, output).toBe(true);
    expect(result.rolledBack, output).toBe(true);
    const canary = await client.get<Canary>({
      apiVersion: 'flagger.app/v1beta1',
      kind: 'Canary',
      namespace: 'test',
      name: 'podinfo',
    });
    expect(canary?.status?.phase).toBe('Failed');
    const primary = await client.get<
      KubeObject & { spec: { template: { spec: { containers: { image: string }[] } } } }
    >({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'test', name: 'podinfo-primary' });
    expect(primary?.spec.template.spec.containers[0]?.image).toBe('ghcr.io/stefanprodan/podinfo:6.0.1');
    const target = await client.get<KubeObject & { spec: { replicas?: number } }>({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: 'test',
      name: 'podinfo',
    });
    expect(target?.spec.replicas).toBe(0);
    const split = await client.get<
      KubeObject & { spec: { backends: { service: string; weight: string }[] } }
    >({ apiVersion: 'split.smi-spec.io/v1alpha1', kind: 'TrafficSplit', namespace: 'test', name: 'podinfo' });
    expect(split?.spec.backends).toEqual([
      { service: 'podinfo-canary', weight: '0' },
      { service: 'podinfo-primary', weight: '100' },
    ]);
  });

  it('did not fail a single request sent through the mesh during the promotion', () => {
    expect(result.promotionRequests?.failed).toBe(0);
    // hey at 10 requests/s ran for the whole promotion.
    expect(result.promotionRequests?.total).toBeGreaterThan(100);
  });

  it('halted on success rates that Prometheus really measured', async () => {
    const lines = readFileSync(paths.operatorLog, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as LogLine);
    const halts = lines.filter((l) =>
      /^Halt podinfo\.test advancement success rate [\d.]+% < 99%$/.test(l.msg),
    );
    expect(halts.length).toBeGreaterThanOrEqual(5);
    const canary = await client.get<Canary>({
      apiVersion: 'flagger.app/v1beta1',
      kind: 'Canary',
      namespace: 'test',
      name: 'podinfo',
    });
    const query = canary?.status?.checks?.find((c) => c.name === 'request-success-rate')?.query;
    expect(query).toContain('istio_requests_total');
    for (const halt of halts) {
      const quoted = Number(/rate ([\d.]+)%/.exec(halt.msg)?.[1]);
      const measured = await promQuery(state.addresses.prometheus, query ?? '', halt.ts);
      // The operator queried a few milliseconds before it logged; a scrape may fall in between.
      expect(Math.abs(quoted - measured), `${halt.msg} vs Prometheus ${measured} at ${halt.ts}`).toBeLessThan(
        3,
      );
    }
  });

  it('showed the operator log as the guide does', () => {
    for (const message of [
      'New revision detected! Scaling up podinfo.test',
      'Advance podinfo.test canary weight 50',
      'Copying podinfo.test template spec to podinfo-primary.test',
      'Promotion completed! Scaling down podinfo.test',
      'Rolling back podinfo.test failed checks threshold reached 5',
      'Canary failed! Scaling down podinfo.test',
    ]) {
      expect(output).toContain(`» ${message}`);
    }
  });

  it('leaves nothing running after weir local down', async () => {
    const pids = readdirSync(join(paths.kubeletData, 'pods'), { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.pid'))
      .map((f) => Number(readFileSync(join(paths.kubeletData, 'pods', f), 'utf8')));
    expect(pids.length).toBeGreaterThan(0);
    expect(await playgroundDown(paths)).toBe(true);
    expect(isAlive(state.pid)).toBe(false);
    for (const pid of pids) expect(isAlive(pid), `pod process ${pid}`).toBe(false);
    for (const url of Object.values(state.addresses)) expect(await portOpen(url), url).toBe(false);
    expect(existsSync(paths.state)).toBe(false);
  }, 120_000);
});
