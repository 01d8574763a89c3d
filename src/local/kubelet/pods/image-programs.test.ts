import { describe, expect, it } from 'vitest';
import type { Container } from '../../../kube/api/core-v1.js';
import { appFlags, defaultImageResolver, parseImage, takeFlag } from './image-programs.js';

const podinfo: Container = {
  name: 'podinfod',
  image: 'ghcr.io/stefanprodan/podinfo:6.0.1',
  command: [
    './podinfo',
    '--port=9898',
    '--port-metrics=9797',
    '--grpc-port=9999',
    '--grpc-service-name=podinfo',
    '--level=info',
    '--random-delay=false',
    '--random-error=false',
  ],
};

/** The `weir …` arguments of an invocation (after the CLI entry point). */
function weirArgs(args: readonly string[]): string[] {
  const entry = args.findIndex((a) => /main\.(ts|js)$/.test(a));
  return args.slice(entry + 1);
}

describe('parseImage', () => {
  it('splits registry paths, tags and digests', () => {
    expect(parseImage('ghcr.io/stefanprodan/podinfo:6.0.1')).toEqual({ name: 'podinfo', tag: '6.0.1' });
    expect(parseImage('localhost:5000/podinfo')).toEqual({ name: 'podinfo', tag: 'latest' });
    expect(parseImage('podinfo:1.0@sha256:abc')).toEqual({ name: 'podinfo', tag: '1.0' });
  });
});

describe('appFlags and takeFlag', () => {
  it("keeps the app's flags from command and args, dropping its executable", () => {
    expect(
      appFlags({ name: 'c', command: ['./podinfo', '--level=debug'], args: ['--x'] }, 'podinfo'),
    ).toEqual(['--level=debug', '--x']);
    expect(appFlags({ name: 'c', args: ['--port=1'] }, 'podinfo')).toEqual(['--port=1']);
    expect(appFlags({ name: 'c', command: ['sh', '-c', 'podinfo'], args: ['--a'] }, 'podinfo')).toEqual([
      '--a',
    ]);
  });

  it('takes a flag in any of its Go spellings', () => {
    expect(takeFlag(['--port=1', '-v'], 'port')).toEqual({ value: '1', rest: ['-v'] });
    expect(takeFlag(['-port', '2', '-v'], 'port')).toEqual({ value: '2', rest: ['-v'] });
    expect(takeFlag(['--port-metrics=3'], 'port')).toEqual({ value: undefined, rest: ['--port-metrics=3'] });
  });
});

describe('defaultImageResolver', () => {
  it("runs podinfo images as `weir local podinfo` on the pod IP, keeping podinfo's own flags", () => {
    const program = defaultImageResolver({ image: podinfo.image!, container: podinfo, podIP: '127.1.0.7' });
    expect(program?.port).toBe(9898);
    expect(weirArgs(program!.invocation.args)).toEqual([
      'local',
      'podinfo',
      '--host',
      '127.1.0.7',
      '--port',
      '9898',
      '--version',
      '6.0.1',
      '--port-metrics=9797',
      '--grpc-port=9999',
      '--grpc-service-name=podinfo',
      '--level=info',
      '--random-delay=false',
      '--random-error=false',
    ]);
  });

  it("listens on podinfo's default port when the container does not say", () => {
    const container = { name: 'c', image: 'stefanprodan/podinfo:5.0.0' };
    const program = defaultImageResolver({ image: container.image, container, podIP: '127.1.0.8' });
    expect(program?.port).toBe(9898);
  });

  it('runs the load tester as `weir loadtester -host <podIP>` with its flags', () => {
    const container: Container = {
      name: 'loadtester',
      image: 'ghcr.io/fluxcd/flagger-loadtester:0.38.0',
      command: ['./loadtester', '-port=8080', '-log-level=info', '-timeout=1h'],
    };
    const program = defaultImageResolver({ image: container.image!, container, podIP: '127.1.0.9' });
    expect(program?.port).toBe(8080);
    expect(weirArgs(program!.invocation.args)).toEqual([
      'loadtester',
      '-host',
      '127.1.0.9',
      '-port=8080',
      '-log-level=info',
      '-timeout=1h',
    ]);
  });

  it("runs Weir's operator image as `weir operator -host <podIP>` with the container's args and API access", () => {
    const container: Container = {
      name: 'weir',
      image: 'ghcr.io/weir-dev/weir:0.1.0',
      args: ['-log-level=info', '-mesh-provider=smi:istio', '-host=0.0.0.0'],
    };
    const program = defaultImageResolver({ image: container.image!, container, podIP: '127.1.0.4' });
    expect(program?.port).toBe(8080);
    expect(program?.apiAccess).toBe(true);
    expect(weirArgs(program!.invocation.args)).toEqual([
      'operator',
      '-host=127.1.0.4',
      '-log-level=info',
      '-mesh-provider=smi:istio',
    ]);
  });

  it('takes the operator flags after a command that starts the operator, and its -port', () => {
    const container: Container = {
      name: 'weir',
      image: 'registry.local/team/weir:dev',
      command: ['node', 'bin/weir.js', 'operator', '-port=9090'],
      args: ['-namespace=test'],
    };
    const program = defaultImageResolver({ image: container.image!, container, podIP: '127.1.0.5' });
    expect(program?.port).toBe(9090);
    expect(weirArgs(program!.invocation.args)).toEqual([
      'operator',
      '-host=127.1.0.5',
      '-port=9090',
      '-namespace=test',
    ]);
  });

  it('simulates every other image', () => {
    const container = { name: 'c', image: 'nginx:1.25' };
    expect(defaultImageResolver({ image: container.image, container, podIP: '127.1.0.1' })).toBeUndefined();
  });
});
