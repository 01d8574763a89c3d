import { KubeConfig } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../kube/api/core-v1.js';
import { podKubeconfigText, podServiceAccount } from './pod-kubeconfig.js';

function pod(spec: Partial<Pod['spec']>): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'ns' },
    spec: { containers: [], ...spec },
  };
}

describe('podKubeconfigText', () => {
  it('is a kubeconfig client-node loads: the server, the token as bearer, the namespace as default', () => {
    const kc = new KubeConfig();
    kc.loadFromString(
      podKubeconfigText({
        server: 'http://127.0.0.1:6443',
        namespace: 'istio-system',
        serviceAccount: 'weir',
        token: 't0k',
      }),
    );
    expect(kc.getCurrentCluster()?.server).toBe('http://127.0.0.1:6443');
    expect(kc.getCurrentUser()).toMatchObject({
      name: 'system:serviceaccount:istio-system:weir',
      token: 't0k',
    });
    expect(kc.getContextObject(kc.getCurrentContext())?.namespace).toBe('istio-system');
  });

  it('has a user without credentials when the ServiceAccount has no token', () => {
    const kc = new KubeConfig();
    kc.loadFromString(
      podKubeconfigText({ server: 'http://127.0.0.1:1', namespace: 'ns', serviceAccount: 'default' }),
    );
    expect(kc.getCurrentUser()?.token).toBeUndefined();
  });
});

describe('podServiceAccount', () => {
  it("is the pod's serviceAccountName, its deprecated serviceAccount, else default", () => {
    expect(podServiceAccount(pod({ serviceAccountName: 'weir' }))).toBe('weir');
    expect(podServiceAccount(pod({ serviceAccount: 'old' }))).toBe('old');
    expect(podServiceAccount(pod({}))).toBe('default');
  });
});
