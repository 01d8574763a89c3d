import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { DaemonSet } from '../../src/kube/api/apps-v1.js';
import { OperatorHarness } from '../support/operator-harness.js';
import { flaggerReference } from '../support/reference.js';
import { guideCanary, istioQueries } from '../support/scenario-canaries.js';
import { stableObject } from '../support/stable-object.js';

const daemonSetType = { apiVersion: 'apps/v1', kind: 'DaemonSet' } as const;

/** Flagger's e2e DaemonSet (`podinfo-ds`), in the world's namespace. */
async function applyDaemonSet(world: OperatorHarness): Promise<void> {
  const ds = parse(readFileSync(flaggerReference('workloads', 'daemonset.yaml'), 'utf8')) as DaemonSet;
  await world.apply(ds);
  await world.apply(
    guideCanary({
      namespace: world.namespace,
      spec: { targetRef: { apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'podinfo-ds' } },
    }),
  );
}

async function daemonSet(world: OperatorHarness, name: string): Promise<DaemonSet> {
  const found = await world.get<DaemonSet>({ ...daemonSetType, namespace: world.namespace, name });
  if (!found) throw new Error(`daemonset ${name} not found`);
  return found;
}

async function setImage(world: OperatorHarness, image: string): Promise<void> {
  await world.raw.patch(
    { ...daemonSetType, namespace: world.namespace, name: 'podinfo-ds' },
    { spec: { template: { spec: { containers: [{ name: 'podinfod', image }] } } } },
    'application/strategic-merge-patch+json',
  );
}

const image = async (world: OperatorHarness, name: string) =>
  (await daemonSet(world, name)).spec.template.spec.containers[0]?.image;
const nodeSelector = async (world: OperatorHarness, name: string) =>
  (await daemonSet(world, name)).spec.template.spec.nodeSelector;

describe('DaemonSet target', () => {
  let world: OperatorHarness;
  beforeAll(async () => {
    world = await OperatorHarness.start();
    world.prometheus.answer(istioQueries.successRate, 99.5).answer(istioQueries.duration, 120);
    await applyDaemonSet(world);
    await world.tickUntil((c) => c.status?.phase === 'Initialized');
  });
  afterAll(async () => world.stop());

  it('initializes: a primary DaemonSet, the target scaled to zero by nodeSelector, Services on the pods', async () => {
    expect(stableObject(await daemonSet(world, 'podinfo-ds-primary'))).toMatchInlineSnapshot(`
      {
        "apiVersion": "apps/v1",
        "kind": "DaemonSet",
        "metadata": {
          "labels": {
            "app.kubernetes.io/name": "podinfo-ds-primary",
          },
          "name": "podinfo-ds-primary",
          "namespace": "test",
          "ownerReferences": [
            {
              "apiVersion": "flagger.app/v1beta1",
              "blockOwnerDeletion": true,
              "controller": true,
              "kind": "Canary",
              "name": "podinfo",
              "uid": "<Canary uid>",
            },
          ],
        },
        "spec": {
          "minReadySeconds": 5,
          "revisionHistoryLimit": 5,
          "selector": {
            "matchLabels": {
              "app.kubernetes.io/name": "podinfo-ds-primary",
            },
          },
          "template": {
            "metadata": {
              "annotations": {
                "flagger-id": "f777f045-4a2b-5ce2-8b21-5caca52e3b7a",
                "prometheus.io/port": "9797",
                "prometheus.io/scrape": "true",
              },
              "creationTimestamp": null,
              "labels": {
                "app.kubernetes.io/name": "podinfo-ds-primary",
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
                  "image": "ghcr.io/stefanprodan/podinfo:6.0.0",
                  "imagePullPolicy": "IfNotPresent",
                  "livenessProbe": {
                    "failureThreshold": 3,
                    "httpGet": {
                      "path": "/healthz",
                      "port": 9898,
                      "scheme": "HTTP",
                    },
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
                    "failureThreshold": 3,
                    "httpGet": {
                      "path": "/readyz",
                      "port": 9898,
                      "scheme": "HTTP",
                    },
                    "initialDelaySeconds": 5,
                    "periodSeconds": 10,
                    "successThreshold": 1,
                    "timeoutSeconds": 5,
                  },
                  "resources": {
                    "limits": {
                      "cpu": "1000m",
                      "memory": "128Mi",
                    },
                    "requests": {
                      "cpu": "1m",
                      "memory": "16Mi",
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
          "updateStrategy": {
            "rollingUpdate": {
              "maxSurge": 0,
              "maxUnavailable": 1,
            },
            "type": "RollingUpdate",
          },
        },
      }
    `);
    expect(await nodeSelector(world, 'podinfo-ds')).toEqual({ 'flagger.app/scale-to-zero': 'true' });
    const service = await world.get<{ spec: { selector: Record<string, string> } } & DaemonSet>({
      apiVersion: 'v1',
      kind: 'Service',
      namespace: 'test',
      name: 'podinfo-ds',
    });
    expect(service?.spec.selector).toEqual({ 'app.kubernetes.io/name': 'podinfo-ds-primary' });
  });

  it('promotes a new image: the target scales up (nodeSelector removed), the primary takes the image', async () => {
    await setImage(world, 'ghcr.io/stefanprodan/podinfo:6.0.1');
    await world.tick();
    expect((await world.canary()).status?.phase).toBe('Progressing');
    expect(await nodeSelector(world, 'podinfo-ds')).toBeUndefined();
    await world.tickUntil((c) => c.status?.phase === 'Succeeded');
    expect(await image(world, 'podinfo-ds-primary')).toBe('ghcr.io/stefanprodan/podinfo:6.0.1');
    expect(await nodeSelector(world, 'podinfo-ds-primary')).toBeUndefined();
    expect(await nodeSelector(world, 'podinfo-ds')).toEqual({ 'flagger.app/scale-to-zero': 'true' });
    expect(world.messages()).toContain('Normal Promotion completed! Scaling down podinfo-ds.test');
  });

  it('rolls back a failing image: the primary keeps serving, the target is scaled to zero again', async () => {
    world.prometheus.answer(istioQueries.successRate, 42);
    await setImage(world, 'ghcr.io/stefanprodan/podinfo:6.0.2');
    await world.tickUntil((c) => c.status?.phase === 'Failed');
    expect(await image(world, 'podinfo-ds-primary')).toBe('ghcr.io/stefanprodan/podinfo:6.0.1');
    expect(await nodeSelector(world, 'podinfo-ds')).toEqual({ 'flagger.app/scale-to-zero': 'true' });
    expect(world.messages()).toContain('Warning Canary failed! Scaling down podinfo.test');
  });
});
