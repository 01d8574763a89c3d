import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/kube/api/core-v1.js';
import type { KubeClient } from '../../../src/kube/kube-client.js';
import { weirInvocation } from '../../../src/platform/self-command.js';
import { eventually } from '../../support/eventually.js';
import { testKube } from '../../support/kube.js';
import { startTestApi, type TestApi } from '../../support/local-api.js';
import {
  deployment,
  killRecordedProcesses,
  pidOf,
  podsOf,
  processExists,
  rolledOut,
  testPodCidr,
} from './kubelet-env.js';

/** `weir local kubelet` as a child process. */
function spawnKubelet(
  api: TestApi,
  dataDir: string,
  podCidr: string,
): { child: ChildProcess; output: () => string } {
  const { command, args } = weirInvocation([
    'local',
    'kubelet',
    '--kubeconfig',
    api.kubeconfig,
    '--data-dir',
    dataDir,
    '--probe-scale',
    '0.01',
    '--pod-cidr',
    podCidr,
  ]);
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  return { child, output: () => output };
}

async function version(pod: Pod): Promise<unknown> {
  const response = await fetch(`http://${pod.status?.podIP}:9898/version`);
  return ((await response.json()) as { version?: unknown }).version;
}

function nodeReady(raw: KubeClient): Promise<string | undefined> {
  return raw
    .get<Pod & { status?: { conditions?: { type: string; status: string }[] } }>({
      apiVersion: 'v1',
      kind: 'Node',
      name: 'weir-local',
    })
    .then((node) => node?.status?.conditions?.find((c) => c.type === 'Ready')?.status);
}

describe('weir local kubelet', { timeout: 180_000 }, () => {
  let api: TestApi;
  let raw: KubeClient;
  let dataDir: string;
  const podCidr = testPodCidr();
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    api = await startTestApi({ inMemory: true });
    raw = testKube(api.kubeconfig).raw;
    dataDir = mkdtempSync(join(tmpdir(), 'weir-kubelet-cli-'));
  });
  afterAll(async () => {
    // After a failure: stop kubelets gracefully (they stop their pods), then whatever a killed one left behind.
    for (const child of children) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
    await killRecordedProcesses(dataDir);
    await api?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs podinfo; after a crash (SIGKILL) the next kubelet replaces the processes left behind; SIGTERM leaves none', async () => {
    await raw.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'test' } });
    await raw.create(
      deployment('test', 'podinfo', 'ghcr.io/stefanprodan/podinfo:6.1.0', {
        replicas: 2,
        container: { command: ['./podinfo', '--port=9898', '--level=info'] },
      }),
    );
    const first = spawnKubelet(api, dataDir, podCidr);
    children.push(first.child);
    await rolledOut(raw, 'test', 'podinfo', 60_000);
    const before = await podsOf(raw, 'test', 'podinfo');
    for (const pod of before) expect(await version(pod)).toBe('6.1.0');
    const leftover = before.map((pod) => pidOf(pod));

    // A crash: the kubelet dies, its processes (own process groups) live on.
    first.child.kill('SIGKILL');
    await once(first.child, 'exit');
    for (const pid of leftover) expect(processExists(pid)).toBe(true);

    const second = spawnKubelet(api, dataDir, podCidr);
    children.push(second.child);
    const after = await eventually(async () => {
      const pods = await podsOf(raw, 'test', 'podinfo');
      for (const pod of pods) {
        expect(pod.status?.containerStatuses?.[0]).toMatchObject({ restartCount: 1, ready: true });
        expect(leftover).not.toContain(pidOf(pod));
      }
      return pods;
    }, 60_000);
    for (const pid of leftover) expect(processExists(pid)).toBe(false);
    expect(after.map((p) => p.status?.podIP).sort()).toEqual(before.map((p) => p.status?.podIP).sort());
    for (const pod of after) expect(await version(pod)).toBe('6.1.0');
    expect(await nodeReady(raw)).toBe('True');

    second.child.kill('SIGTERM');
    const [code] = (await once(second.child, 'exit')) as [number | null];
    expect(code).toBe(0);
    for (const pod of after) expect(processExists(pidOf(pod))).toBe(false);
    expect(await nodeReady(raw)).toBe('Unknown');
    expect(second.output()).toContain('"msg":"kubelet running"');
  });
});
