import { describe, expect, it } from 'vitest';
import type { Canary } from '../apis/index.js';
import type { DaemonSet } from '../kube/api/apps-v1.js';
import {
  newPrimaryDaemonSet,
  promotedPrimaryDaemonSet,
  revisionTemplate,
  scaleToZeroKey,
  withoutScaleToZero,
} from './primary-daemonset.js';
import type { PrimaryShape } from './primary-deployment.js';
import { jsonEqual } from './revision-hash.js';

const canary = {
  apiVersion: 'flagger.app/v1beta1',
  kind: 'Canary',
  metadata: { name: 'podinfo', namespace: 'test', uid: 'canary-uid' },
  spec: { targetRef: { apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'podinfo' } },
} as unknown as Canary;

function target(
  nodeSelector?: Record<string, string>,
  image = 'ghcr.io/stefanprodan/podinfo:6.0.0',
): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      name: 'podinfo',
      namespace: 'test',
      labels: { 'app.kubernetes.io/name': 'podinfo', 'kustomize.toolkit.fluxcd.io/name': 'apps' },
    },
    spec: {
      minReadySeconds: 5,
      revisionHistoryLimit: 5,
      updateStrategy: { type: 'RollingUpdate' },
      selector: { matchLabels: { app: 'podinfo' } },
      template: {
        metadata: { labels: { app: 'podinfo' } },
        spec: {
          containers: [
            {
              name: 'podinfod',
              image,
              env: [{ name: 'C', valueFrom: { configMapKeyRef: { name: 'podinfo-config', key: 'c' } } }],
            },
          ],
          ...(nodeSelector ? { nodeSelector } : {}),
        },
      },
    },
  };
}

const shape: PrimaryShape = {
  label: 'app',
  value: 'podinfo',
  selectorLabels: ['app'],
  includeLabelPrefix: ['app.kubernetes.io/'],
  flaggerId: '00000000-0000-5000-8000-000000000000',
  trackedConfigs: { 'configmap/podinfo-config': 'abc' },
};

describe('the scale-to-zero nodeSelector', () => {
  it('is not part of the revision, nor is an empty nodeSelector', () => {
    const plain = revisionTemplate(target());
    expect(jsonEqual(revisionTemplate(target({ [scaleToZeroKey]: 'true' })), plain)).toBe(true);
    expect(jsonEqual(revisionTemplate(target({})), plain)).toBe(true);
    expect(
      withoutScaleToZero({ containers: [], nodeSelector: { disk: 'ssd', [scaleToZeroKey]: 'true' } }),
    ).toEqual({
      containers: [],
      nodeSelector: { disk: 'ssd' },
    });
  });
});

describe('newPrimaryDaemonSet', () => {
  it('copies the target without its scale-to-zero nodeSelector, selecting podinfo-primary pods', () => {
    expect(
      newPrimaryDaemonSet(canary, target({ disk: 'ssd', [scaleToZeroKey]: 'true' }), shape),
    ).toMatchInlineSnapshot(`
      {
        "apiVersion": "apps/v1",
        "kind": "DaemonSet",
        "metadata": {
          "annotations": undefined,
          "labels": {
            "app": "podinfo-primary",
            "app.kubernetes.io/name": "podinfo",
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
              "uid": "canary-uid",
            },
          ],
        },
        "spec": {
          "minReadySeconds": 5,
          "revisionHistoryLimit": 5,
          "selector": {
            "matchLabels": {
              "app": "podinfo-primary",
            },
          },
          "template": {
            "metadata": {
              "annotations": {
                "flagger-id": "00000000-0000-5000-8000-000000000000",
              },
              "labels": {
                "app": "podinfo-primary",
              },
            },
            "spec": {
              "containers": [
                {
                  "env": [
                    {
                      "name": "C",
                      "valueFrom": {
                        "configMapKeyRef": {
                          "key": "c",
                          "name": "podinfo-config-primary",
                        },
                      },
                    },
                  ],
                  "image": "ghcr.io/stefanprodan/podinfo:6.0.0",
                  "name": "podinfod",
                },
              ],
              "nodeSelector": {
                "disk": "ssd",
              },
            },
          },
          "updateStrategy": {
            "type": "RollingUpdate",
          },
        },
      }
    `);
  });
});

describe('promotedPrimaryDaemonSet', () => {
  it("takes the target's template; promoting again changes nothing", () => {
    const primary = newPrimaryDaemonSet(canary, target(), shape);
    const scaledDown = target({ [scaleToZeroKey]: 'true' }, 'ghcr.io/stefanprodan/podinfo:6.0.1');
    const next = promotedPrimaryDaemonSet(primary, scaledDown, { ...shape, flaggerId: 'new-id' });
    expect(next.spec.template.spec.containers[0]?.image).toBe('ghcr.io/stefanprodan/podinfo:6.0.1');
    expect(next.spec.template.spec.nodeSelector).toBeUndefined();
    expect(next.spec.template.metadata?.annotations).toEqual({ 'flagger-id': 'new-id' });
    expect(promotedPrimaryDaemonSet(next, scaledDown, { ...shape, flaggerId: 'new-id' })).toEqual(next);
  });
});
