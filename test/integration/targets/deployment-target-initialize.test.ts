import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Deployment, DeploymentType } from '../../../src/kube/api/apps-v1.js';
import { flaggerId } from '../../../src/targets/revision-hash.js';
import { TargetError } from '../../../src/targets/workload-target.js';
import {
  cached,
  deploymentRef as ref,
  stable,
  startTargetEnv,
  type TargetEnv,
  writeStatus,
} from './target-env.js';

let env: TargetEnv;
beforeAll(async () => {
  env = await startTargetEnv();
});
afterAll(() => env?.stop());

describe('DeploymentTarget metadata', () => {
  it('finds the selector label and discovers the other container ports', async () => {
    const ns = await env.namespace();
    const canary = await env.createCanary(ns);
    const { target } = await env.stack();
    expect(target.metadata(canary)).toEqual({
      label: 'app',
      value: 'podinfo',
      ports: { 'http-metrics': 9797, grpc: 9999 },
    });
  });

  it("fails with Flagger's words when the target is missing or has no selector label", async () => {
    const ns = await env.namespace();
    const canary = await env.createCanary(ns);
    await env.raw.create({
      ...DeploymentType,
      metadata: { name: 'web', namespace: ns },
      spec: {
        selector: { matchLabels: { tier: 'web' } },
        template: {
          metadata: { labels: { tier: 'web' } },
          spec: { containers: [{ name: 'web', image: 'nginx:1' }] },
        },
      },
    });
    const { target } = await env.stack();
    const missing = structuredClone(canary);
    missing.spec.targetRef.name = 'nope';
    expect(() => target.metadata(missing)).toThrow(
      new TargetError(
        'target-not-found',
        `deployment nope.${ns} get query error: deployments.apps "nope" not found`,
      ),
    );
    const unlabelled = structuredClone(canary);
    unlabelled.spec.targetRef.name = 'web';
    expect(() => target.metadata(unlabelled)).toThrow(
      `deployment web.${ns} spec.selector.matchLabels must contain one of [app name app.kubernetes.io/name]`,
    );
  });
});

describe('DeploymentTarget initialize', () => {
  it('creates the primary from the upstream podinfo Deployment exactly as Flagger does', async () => {
    const ns = await env.namespace({ name: 'test' });
    const canary = await env.createCanary(ns);
    const stack = await env.stack();
    await stack.target.initialize(canary, { checkPrimary: false });
    const primary = await env.raw.get<Deployment>(ref(ns, 'podinfo-primary'));
    expect(primary?.metadata.ownerReferences?.[0]?.uid).toBe(canary.metadata.uid);
    expect(primary?.spec.template.metadata?.annotations?.['flagger-id']).toBe(
      flaggerId(stack.target.revision(canary)),
    );
    expect(stable(primary)).toMatchInlineSnapshot(`
      {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {
          "generation": 1,
          "labels": {
            "app": "podinfo-primary",
          },
          "name": "podinfo-primary",
          "namespace": "test",
          "ownerReferences": [
            {
              "apiVersion": "flagger.app/v1beta1",
              "blockOwnerDeletion": true,
              "controller": true,
              "kind": "Canary",
              "name": "podinfo",
              "uid": "<canary uid>",
            },
          ],
        },
        "spec": {
          "minReadySeconds": 5,
          "progressDeadlineSeconds": 60,
          "replicas": 1,
          "revisionHistoryLimit": 5,
          "selector": {
            "matchLabels": {
              "app": "podinfo-primary",
            },
          },
          "strategy": {
            "rollingUpdate": {
              "maxSurge": "25%",
              "maxUnavailable": 1,
            },
            "type": "RollingUpdate",
          },
          "template": {
            "metadata": {
              "annotations": {
                "flagger-id": "1969bf9c-8730-5ddd-a1a6-a10314bb9fd3",
                "prometheus.io/port": "9797",
                "prometheus.io/scrape": "true",
              },
              "creationTimestamp": null,
              "labels": {
                "app": "podinfo-primary",
              },
            },
            "spec": {
              "containers": [
                {
                  "command": [
                    "./podinfo",
                    "--port=9898",
                    "--port-metrics=9797",
                    "--grpc-port=9999",
                    "--grpc-service-name=podinfo",
                    "--level=info",
                    "--random-delay=false",
                    "--random-error=false",
                  ],
                  "env": [
                    {
                      "name": "PODINFO_UI_COLOR",
                      "value": "#34577c",
                    },
                  ],
                  "image": "ghcr.io/stefanprodan/podinfo:6.0.0",
                  "imagePullPolicy": "IfNotPresent",
                  "livenessProbe": {
                    "exec": {
                      "command": [
                        "podcli",
                        "check",
                        "http",
                        "localhost:9898/healthz",
                      ],
                    },
                    "failureThreshold": 3,
                    "initialDelaySeconds": 5,
                    "periodSeconds": 10,
                    "successThreshold": 1,
                    "timeoutSeconds": 5,
                  },
                  "name": "podinfod",
                  "ports": [
                    {
                      "containerPort": 9898,
                      "name": "http",
                      "protocol": "TCP",
                    },
                    {
                      "containerPort": 9797,
                      "name": "http-metrics",
                      "protocol": "TCP",
                    },
                    {
                      "containerPort": 9999,
                      "name": "grpc",
                      "protocol": "TCP",
                    },
                  ],
                  "readinessProbe": {
                    "exec": {
                      "command": [
                        "podcli",
                        "check",
                        "http",
                        "localhost:9898/readyz",
                      ],
                    },
                    "failureThreshold": 3,
                    "initialDelaySeconds": 5,
                    "periodSeconds": 10,
                    "successThreshold": 1,
                    "timeoutSeconds": 5,
                  },
                  "resources": {
                    "limits": {
                      "cpu": "2000m",
                      "memory": "512Mi",
                    },
                    "requests": {
                      "cpu": "100m",
                      "memory": "64Mi",
                    },
                  },
                  "terminationMessagePath": "/dev/termination-log",
                  "terminationMessagePolicy": "File",
                },
              ],
              "dnsPolicy": "ClusterFirst",
              "restartPolicy": "Always",
              "schedulerName": "default-scheduler",
              "securityContext": {},
              "terminationGracePeriodSeconds": 30,
            },
          },
        },
        "status": {},
      }
    `);
    expect(stack.logger.lines.map((l) => l.msg)).toEqual([`Deployment podinfo-primary.${ns} created`]);
  });

  it('writes nothing the second time, nor after a restart', async () => {
    const ns = await env.namespace();
    const canary = await env.createCanary(ns);
    const first = await env.stack();
    await first.target.initialize(canary, { checkPrimary: false });
    expect(first.writes.writes).toEqual([{ verb: 'create', kind: 'Deployment', name: 'podinfo-primary' }]);
    first.writes.reset();
    await first.target.initialize(canary, { checkPrimary: false });
    expect(first.writes.writes).toEqual([]);
    const restarted = await env.stack();
    await restarted.target.initialize(canary, { checkPrimary: false });
    expect(restarted.writes.writes).toEqual([]);
  });

  it('answers the primary readiness from the status the deployment controller writes', async () => {
    const ns = await env.namespace();
    const canary = await env.createCanary(ns);
    const stack = await env.stack();
    expect(await stack.target.initialize(canary, { checkPrimary: true })).toEqual({
      ready: false,
      retriable: true,
      message: `podinfo-primary.${ns} not ready: waiting for rollout to finish: observed deployment generation less than desired generation`,
    });
    await writeStatus(env, ns, 'podinfo-primary', { observedGeneration: 1, replicas: 1, updatedReplicas: 0 });
    await cached(stack, ns, 'podinfo-primary', (d) => expect(d.status?.observedGeneration).toBe(1));
    expect(await stack.target.initialize(canary, { checkPrimary: true })).toEqual({
      ready: false,
      retriable: true,
      message: `podinfo-primary.${ns} not ready: waiting for rollout to finish: 0 out of 1 new replicas have been updated`,
    });
    await writeStatus(env, ns, 'podinfo-primary', {
      updatedReplicas: 1,
      readyReplicas: 1,
      availableReplicas: 1,
    });
    await cached(stack, ns, 'podinfo-primary', (d) => expect(d.status?.availableReplicas).toBe(1));
    expect(await stack.target.initialize(canary, { checkPrimary: true })).toEqual({ ready: true });
    expect(stack.writes.writes).toHaveLength(1);
  });
});

describe('DeploymentTarget readiness of the canary', () => {
  it('measures the progress deadline from the Available condition with the injected clock', async () => {
    const ns = await env.namespace();
    const canary = await env.createCanary(ns);
    const stack = await env.stack();
    const since = stack.clock.now().toISOString();
    await writeStatus(env, ns, 'podinfo', {
      observedGeneration: 1,
      replicas: 1,
      updatedReplicas: 1,
      availableReplicas: 0,
      conditions: [
        { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', lastUpdateTime: since },
        { type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', lastUpdateTime: since },
      ],
    });
    await cached(stack, ns, 'podinfo', (d) => expect(d.status?.conditions).toHaveLength(2));
    const message = `canary deployment podinfo.${ns} not ready: waiting for rollout to finish: 0 of 1 (readyThreshold 100%) updated replicas are available`;
    expect(stack.target.isCanaryReady(canary)).toEqual({ ready: false, retriable: true, message });
    // The guide's Canary allows 60 s.
    stack.clock.advance(61_000);
    expect(stack.target.isCanaryReady(canary)).toEqual({ ready: false, retriable: false, message });
    await writeStatus(env, ns, 'podinfo', {
      conditions: [
        { type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', lastUpdateTime: since },
      ],
    });
    await cached(stack, ns, 'podinfo', (d) => expect(d.status?.conditions).toHaveLength(1));
    expect(stack.target.isCanaryReady(canary)).toEqual({
      ready: false,
      retriable: false,
      message: `canary deployment podinfo.${ns} not ready: deployment "podinfo" exceeded its progress deadline`,
    });
  });
});
