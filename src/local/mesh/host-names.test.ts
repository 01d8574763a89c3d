import { describe, expect, it } from 'vitest';
import { isLoopbackHost, parseAuthority, serviceNameOf } from './host-names.js';

describe('parseAuthority', () => {
  it.each([
    ['podinfo.test:9898', { host: 'podinfo.test', port: 9898 }],
    ['PODINFO.Test', { host: 'podinfo.test', port: 80 }],
    ['podinfo.test.svc.cluster.local.:80', { host: 'podinfo.test.svc.cluster.local', port: 80 }],
    ['[::1]:8080', { host: '::1', port: 8080 }],
    ['[::1]', { host: '::1', port: 80 }],
  ])('%s', (text, expected) => {
    expect(parseAuthority(text, 80)).toEqual(expected);
  });

  it.each(['', 'host:0', 'host:70000', 'host:x', '[::1', '[::1]x'])('rejects %j', (text) => {
    expect(parseAuthority(text, 80)).toBeUndefined();
  });
});

describe('serviceNameOf', () => {
  it.each([
    ['podinfo', 'test', { namespace: 'test', name: 'podinfo' }],
    ['podinfo.test', 'default', { namespace: 'test', name: 'podinfo' }],
    ['podinfo.test.svc', 'default', { namespace: 'test', name: 'podinfo' }],
    ['podinfo.test.svc.cluster.local', 'default', { namespace: 'test', name: 'podinfo' }],
  ])('%s (caller in %s) is a Service', (host, namespace, expected) => {
    expect(serviceNameOf(host, namespace)).toEqual(expected);
  });

  it.each(['app.example.com', 'podinfo.test.svc.other.domain', '10.96.0.1', 'a.1'])('%s is not', (host) => {
    expect(serviceNameOf(host, 'default')).toBeUndefined();
  });
});

describe('isLoopbackHost', () => {
  it('knows this machine', () => {
    expect(['localhost', '127.0.0.1', '127.1.0.5', '::1'].map(isLoopbackHost)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['podinfo.test', '10.0.0.1'].map(isLoopbackHost)).toEqual([false, false]);
  });
});
