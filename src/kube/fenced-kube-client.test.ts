import { describe, expect, it } from 'vitest';
import { FencedKubeClient } from './fenced-kube-client.js';
import type { KubeClient } from './kube-client.js';
import { ClientClosedError, isClientClosed } from './kube-errors.js';

const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'podinfo', namespace: 'test' } };

function recording(): { client: KubeClient; calls: string[] } {
  const calls: string[] = [];
  const client = {
    get: async () => {
      calls.push('get');
      return undefined;
    },
    create: async <T>(object: T) => {
      calls.push('create');
      return object;
    },
  } as unknown as KubeClient;
  return { client, calls };
}

describe('FencedKubeClient', () => {
  it('passes calls through while open, refuses every call once closed, and lets them through when reopened', async () => {
    const { client, calls } = recording();
    const fenced = new FencedKubeClient(client);
    await fenced.create(service);
    fenced.close();
    await expect(fenced.create(service)).rejects.toBeInstanceOf(ClientClosedError);
    await expect(fenced.get({ ...service, namespace: 'test', name: 'podinfo' })).rejects.toBeInstanceOf(
      ClientClosedError,
    );
    expect(calls).toEqual(['create']);
    fenced.open();
    await fenced.get({ ...service, namespace: 'test', name: 'podinfo' });
    expect(calls).toEqual(['create', 'get']);
  });

  it('is recognised through wrapping errors', () => {
    const wrapped = new Error('VirtualService podinfo.test update error', { cause: new ClientClosedError() });
    expect(isClientClosed(wrapped)).toBe(true);
    expect(isClientClosed(new Error('timeout'))).toBe(false);
  });
});
