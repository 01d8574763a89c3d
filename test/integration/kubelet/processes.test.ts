import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/kube/api/core-v1.js';
import { PatchKind } from '../../../src/kube/kube-client.js';
import { eventually } from '../../support/eventually.js';
import {
  deployment,
  fixtureImage,
  type KubeletEnv,
  pidOf,
  podsOf,
  processExists,
  rolledOut,
  startKubeletEnv,
} from './kubelet-env.js';

const ref = (namespace: string, name: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  namespace,
  name,
});

async function getJson(url: string, init?: RequestInit): Promise<Record<string, unknown>> {
  const response = await fetch(url, init);
  return (await response.json()) as Record<string, unknown>;
}

const app = {
  ports: [{ name: 'http', containerPort: 8080 }],
  env: [
    { name: 'GREETING', value: 'hello' },
    { name: 'MY_POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
    { name: 'GREETING_TWICE', value: '$(GREETING) $(GREETING)' },
  ],
  readinessProbe: { httpGet: { path: '/readyz', port: 'http' }, periodSeconds: 1 },
};

describe('kubelet: container processes', () => {
  let env: KubeletEnv;
  beforeAll(async () => {
    env = await startKubeletEnv({ meshProxy: '127.0.0.1:15001' });
  });
  afterAll(async () => {
    expect(env?.problems()).toEqual([]);
    await env?.stop();
  });

  it('runs a process per pod on the pod IP, with the container env, HTTP_PROXY and a log file', async () => {
    const ns = await env.namespace();
    await env.raw.create(deployment(ns, 'svc', fixtureImage('1.2.3'), { replicas: 2, container: app }));
    await rolledOut(env.raw, ns, 'svc');
    const pods = await podsOf(env.raw, ns, 'svc');
    expect(pods).toHaveLength(2);
    for (const pod of pods) {
      const ip = pod.status!.podIP!;
      expect(await getJson(`http://${ip}:8080/version`)).toEqual({ version: '1.2.3' });
      const processEnv = await getJson(`http://${ip}:8080/env`);
      expect(processEnv).toMatchObject({
        GREETING: 'hello',
        GREETING_TWICE: 'hello hello',
        MY_POD_IP: ip,
        HOSTNAME: pod.metadata.name,
        HTTP_PROXY: 'http://127.0.0.1:15001',
      });
      expect(processExists(pidOf(pod))).toBe(true);
      const log = join(env.dataDir, 'pods', `${ns}_${pod.metadata.name}_${pod.metadata.uid}`, 'app.log');
      expect(readFileSync(log, 'utf8')).toContain('"msg":"listening"');
    }
  });

  it('restarts a process that exits, counting restarts and keeping the last state', async () => {
    const ns = await env.namespace();
    await env.raw.create(deployment(ns, 'crashy', fixtureImage('2.0.0'), { container: app }));
    await rolledOut(env.raw, ns, 'crashy');
    const [pod] = await podsOf(env.raw, ns, 'crashy');
    const firstPid = pidOf(pod!);
    await fetch(`http://${pod!.status!.podIP}:8080/exit`, { method: 'POST' });

    const restarted = await eventually(async () => {
      const [current] = await podsOf(env.raw, ns, 'crashy');
      const status = current?.status?.containerStatuses?.[0];
      expect(status?.restartCount).toBe(1);
      expect(status?.ready).toBe(true);
      expect(status?.state.running).toBeDefined();
      return current!;
    });
    expect(restarted.metadata.uid).toBe(pod!.metadata.uid);
    expect(restarted.status?.podIP).toBe(pod!.status?.podIP);
    expect(restarted.status?.containerStatuses?.[0]?.lastState.terminated).toMatchObject({
      exitCode: 3,
      reason: 'Error',
      containerID: `weir://${firstPid}`,
    });
    expect(processExists(firstPid)).toBe(false);
    expect(pidOf(restarted)).not.toBe(firstPid);
    expect(await getJson(`http://${restarted.status!.podIP}:8080/version`)).toEqual({ version: '2.0.0' });
  });

  it('restarts a process whose liveness probe fails', async () => {
    const ns = await env.namespace();
    await env.raw.create(
      deployment(ns, 'sick', fixtureImage('4.0.0'), {
        container: {
          ...app,
          livenessProbe: {
            httpGet: { path: '/healthz', port: 'http' },
            periodSeconds: 1,
            failureThreshold: 2,
          },
        },
      }),
    );
    await rolledOut(env.raw, ns, 'sick');
    const [pod] = await podsOf(env.raw, ns, 'sick');
    await fetch(`http://${pod!.status!.podIP}:8080/healthz/disable`, { method: 'POST' });
    const restarted = await eventually(async () => {
      const [current] = await podsOf(env.raw, ns, 'sick');
      expect(current?.status?.containerStatuses?.[0]).toMatchObject({ restartCount: 1, ready: true });
      return current!;
    });
    // Stopped with SIGTERM, which the app answers by exiting 0.
    expect(restarted.status?.containerStatuses?.[0]?.lastState.terminated).toMatchObject({ exitCode: 0 });
    expect(processExists(pidOf(pod!))).toBe(false);
  });

  it('stops the processes of pods scaled away or deleted with their Deployment', async () => {
    const ns = await env.namespace();
    await env.raw.create(deployment(ns, 'shrink', fixtureImage('1.0.0'), { replicas: 3, container: app }));
    await rolledOut(env.raw, ns, 'shrink');
    const before = await podsOf(env.raw, ns, 'shrink');
    await env.raw.patch(ref(ns, 'shrink'), { spec: { replicas: 1 } }, PatchKind.Merge);
    await rolledOut(env.raw, ns, 'shrink');
    const kept = await podsOf(env.raw, ns, 'shrink');
    expect(kept).toHaveLength(1);
    const gone = before.filter((p) => p.metadata.uid !== kept[0]?.metadata.uid);
    expect(gone).toHaveLength(2);
    await eventually(() => {
      for (const pod of gone) expect(processExists(pidOf(pod))).toBe(false);
    });
    for (const pod of gone) {
      expect(existsSync(join(env.dataDir, 'pods', `${ns}_${pod.metadata.name}_${pod.metadata.uid}`))).toBe(
        false,
      );
    }

    await env.raw.delete(ref(ns, 'shrink'));
    await eventually(async () => expect(await podsOf(env.raw, ns, 'shrink')).toEqual([]));
    await eventually(() => expect(processExists(pidOf(kept[0]!))).toBe(false));
  });

  it('a process that cannot start waits in CrashLoopBackOff', async () => {
    const ns = await env.namespace();
    await env.raw.create(
      deployment(ns, 'broken', fixtureImage('9.9.9'), {
        container: { ...app, args: ['--fail-start', 'yes'] },
      }),
    );
    const pod = await eventually(async () => {
      const [current] = await podsOf(env.raw, ns, 'broken');
      const status = current?.status?.containerStatuses?.[0];
      expect(status?.restartCount ?? 0).toBeGreaterThanOrEqual(1);
      expect(status?.lastState.terminated).toMatchObject({ reason: 'Error', exitCode: 2 });
      expect(status?.state.waiting?.reason).toBe('CrashLoopBackOff');
      return current!;
    });
    expect(pod.status?.phase).toBe('Running');
    expect(pod.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False');
  });
});

describe('kubelet: restart', () => {
  let env: KubeletEnv;
  beforeAll(async () => {
    env = await startKubeletEnv();
  });
  afterAll(async () => {
    expect(env?.problems()).toEqual([]);
    await env?.stop();
  });

  it('leaves no process behind when it stops, and restarts the pods on the same IPs when it starts again', async () => {
    const ns = await env.namespace();
    await env.raw.create(deployment(ns, 'durable', fixtureImage('3.1.4'), { replicas: 2, container: app }));
    await env.raw.create(deployment(ns, 'sim', 'nginx:1.25', { replicas: 1 }));
    await rolledOut(env.raw, ns, 'durable');
    await rolledOut(env.raw, ns, 'sim');
    const before: Pod[] = await podsOf(env.raw, ns, 'durable');
    const simBefore = await podsOf(env.raw, ns, 'sim');
    const pids = before.map((pod) => pidOf(pod));

    await env.kubelet.stop();
    for (const pid of pids) expect(processExists(pid)).toBe(false);

    await env.restartKubelet();
    const after = await eventually(async () => {
      const pods = await podsOf(env.raw, ns, 'durable');
      for (const pod of pods) {
        expect(pod.status?.containerStatuses?.[0]).toMatchObject({ restartCount: 1, ready: true });
      }
      return pods;
    });
    expect(after.map((p) => [p.metadata.uid, p.status?.podIP]).sort()).toEqual(
      before.map((p) => [p.metadata.uid, p.status?.podIP]).sort(),
    );
    for (const pod of after) {
      expect(await getJson(`http://${pod.status!.podIP}:8080/version`)).toEqual({ version: '3.1.4' });
    }
    const simAfter = await podsOf(env.raw, ns, 'sim');
    expect(
      simAfter.map((p) => [p.metadata.uid, p.status?.podIP, p.status?.containerStatuses?.[0]?.restartCount]),
    ).toEqual(simBefore.map((p) => [p.metadata.uid, p.status?.podIP, 0]));

    // A new pod gets an address none of the adopted pods has.
    await env.raw.patch(ref(ns, 'durable'), { spec: { replicas: 3 } }, PatchKind.Merge);
    await rolledOut(env.raw, ns, 'durable');
    const ips = (await podsOf(env.raw, ns, 'durable')).map((p) => p.status?.podIP);
    expect(new Set([...ips, simAfter[0]?.status?.podIP]).size).toBe(4);
  });
});
