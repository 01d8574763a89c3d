import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Canary } from '../../../src/apis/index.js';
import { flaggerReference } from '../../support/reference.js';

/** The Canary of the SMI Istio guide (smi-istio-guide.txt): port 9898, the public gateway, app.example.com. */
export function guideCanary(): Canary {
  return {
    apiVersion: 'flagger.app/v1beta1',
    kind: 'Canary',
    metadata: { name: 'podinfo', namespace: 'test' },
    spec: {
      targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' },
      progressDeadlineSeconds: 60,
      autoscalerRef: { apiVersion: 'autoscaling/v2beta1', kind: 'HorizontalPodAutoscaler', name: 'podinfo' },
      service: {
        port: 9898,
        gateways: ['public-gateway.istio-system.svc.cluster.local'],
        hosts: ['app.example.com'],
      },
      analysis: {
        interval: '10s',
        threshold: 5,
        maxWeight: 50,
        stepWeight: 10,
        metrics: [
          { name: 'request-success-rate', thresholdRange: { min: 99 }, interval: '1m' },
          { name: 'request-duration', thresholdRange: { max: 500 }, interval: '30s' },
        ],
        webhooks: [
          {
            name: 'load-test',
            url: 'http://flagger-loadtester.test/',
            timeout: '5s',
            metadata: { cmd: 'hey -z 1m -q 10 -c 2 http://podinfo.test:9898/' },
          },
        ],
      },
    },
  };
}

/** An upstream example Canary (`examples/<file>`), as users have it. */
export function exampleCanary(file: string): Canary {
  return parse(readFileSync(flaggerReference('examples', file), 'utf8')) as Canary;
}

/** A copy of `canary` changed by `change`. */
export function edit(canary: Canary, change: (c: Canary) => void): Canary {
  const copy = structuredClone(canary);
  change(copy);
  return copy;
}
