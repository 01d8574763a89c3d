import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployment, type KubeletEnv, podsOf, rolledOut, startKubeletEnv } from './kubelet-env.js';

describe('kubelet: what kubectl shows', () => {
  let env: KubeletEnv;
  let ns: string;
  beforeAll(async () => {
    env = await startKubeletEnv();
    ns = await env.namespace();
    await env.raw.create(
      deployment(ns, 'podinfo', 'ghcr.io/example/web:1.0', {
        replicas: 2,
        container: { ports: [{ name: 'http', containerPort: 9898 }] },
      }),
    );
    await env.raw.create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'podinfo', namespace: ns },
      spec: { selector: { app: 'podinfo' }, ports: [{ name: 'http', port: 9898, targetPort: 'http' }] },
    });
    await rolledOut(env.raw, ns, 'podinfo');
  });
  afterAll(async () => {
    expect(env?.problems()).toEqual([]);
    await env?.stop();
  });

  it('kubectl get pods -o wide lists running, ready pods with their IPs on the node', async () => {
    const out = await env.api.kubectl.ok(['get', 'pods', '-n', ns, '-o', 'wide']);
    const lines = out.trim().split('\n');
    expect(lines[0]).toMatch(
      /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/,
    );
    const pods = await podsOf(env.raw, ns, 'podinfo');
    expect(lines).toHaveLength(3);
    for (const pod of pods) {
      const line = lines.find((l) => l.startsWith(pod.metadata.name));
      expect(line).toMatch(
        new RegExp(
          `^${pod.metadata.name}\\s+1/1\\s+Running\\s+0\\s+\\S+\\s+${pod.status?.podIP?.replaceAll('.', '\\.')}\\s+weir-local\\s+`,
        ),
      );
    }
  });

  it('kubectl get deployments, replicasets, endpoints and nodes', async () => {
    expect(await env.api.kubectl.ok(['get', 'deployment', 'podinfo', '-n', ns])).toMatch(
      /podinfo\s+2\/2\s+2\s+2\s+/,
    );
    expect(await env.api.kubectl.ok(['get', 'replicasets', '-n', ns])).toMatch(/podinfo-\S+\s+2\s+2\s+2\s+/);
    const ips = (await podsOf(env.raw, ns, 'podinfo')).map((p) => `${p.status?.podIP}:9898`).sort();
    expect(await env.api.kubectl.ok(['get', 'endpoints', 'podinfo', '-n', ns])).toContain(ips.join(','));
    // The server prints nodes with the default columns (NAME AGE): ask for the condition itself.
    const ready = '{.status.conditions[?(@.type=="Ready")].status}';
    expect(await env.api.kubectl.ok(['get', 'node', 'weir-local', '-o', `jsonpath=${ready}`])).toBe('True');
  });

  it('kubectl describe deployment shows the replicas, conditions, ReplicaSets and events', async () => {
    const out = await env.api.kubectl.ok(['describe', 'deployment', 'podinfo', '-n', ns]);
    expect(out).toMatch(/Replicas:\s+2 desired \| 2 updated \| 2 total \| 2 available \| 0 unavailable/);
    expect(out).toMatch(/StrategyType:\s+RollingUpdate/);
    expect(out).toMatch(/Available\s+True\s+MinimumReplicasAvailable/);
    expect(out).toMatch(/Progressing\s+True\s+NewReplicaSetAvailable/);
    expect(out).toMatch(/NewReplicaSet:\s+podinfo-\S+ \(2\/2 replicas created\)/);
    expect(out).toMatch(/ScalingReplicaSet\s+.*Scaled up replica set podinfo-\S+ from 0 to 2/);
  });

  it('kubectl describe pod shows its IP, conditions and kubelet events', async () => {
    const [pod] = await podsOf(env.raw, ns, 'podinfo');
    const out = await env.api.kubectl.ok(['describe', 'pod', pod!.metadata.name, '-n', ns]);
    expect(out).toMatch(/Node:\s+weir-local\/127\.0\.0\.1/);
    expect(out).toMatch(new RegExp(`IP:\\s+${pod!.status?.podIP?.replaceAll('.', '\\.')}`));
    expect(out).toMatch(/Status:\s+Running/);
    expect(out).toMatch(/Ready\s+True/);
    expect(out).toMatch(/Controlled By:\s+ReplicaSet\/podinfo-/);
    expect(out).toMatch(/Normal\s+Started\s+.*kubelet\s+Started container app/);
  });
});
