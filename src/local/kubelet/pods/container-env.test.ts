import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../kube/api/core-v1.js';
import { containerEnv, expandCommand, expandVariables } from './container-env.js';

const pod: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-abc12', namespace: 'test', uid: 'u1', labels: { app: 'web' } },
  spec: { nodeName: 'weir-local', containers: [] },
};

describe('containerEnv', () => {
  it('gives the container its env, downward-API fields, HOSTNAME and the mesh proxy, and little of the host', () => {
    const env = containerEnv({
      pod,
      container: {
        name: 'c',
        env: [
          { name: 'A', value: 'a' },
          { name: 'B', value: '$(A)-b' },
          { name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
          { name: 'APP', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
          { name: 'SECRET', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } },
        ],
      },
      podIP: '127.1.0.2',
      hostIP: '127.0.0.1',
      meshProxy: '127.0.0.1:15001',
      host: { PATH: '/bin', AWS_SECRET_ACCESS_KEY: 'no' },
    });
    expect(env).toEqual({
      PATH: '/bin',
      HOSTNAME: 'web-abc12',
      A: 'a',
      B: 'a-b',
      IP: '127.1.0.2',
      APP: 'web',
      HTTP_PROXY: 'http://127.0.0.1:15001',
    });
  });
});

describe('expandVariables', () => {
  it('expands $(VAR), keeps unknown references and unescapes $$', () => {
    expect(expandVariables('$(A) $(NOPE) $$(A)', { A: '1' })).toBe('1 $(NOPE) $(A)');
    expect(expandCommand({ name: 'c', command: ['run', '--port=$(PORT)'] }, { PORT: '80' }).command).toEqual([
      'run',
      '--port=80',
    ]);
  });
});
