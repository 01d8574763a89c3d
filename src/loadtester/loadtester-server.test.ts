import { afterEach, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../platform/logger.js';
import { type RunningLoadTester, startLoadTester } from './loadtester-server.js';

describe('startLoadTester (in process)', () => {
  let tester: RunningLoadTester | undefined;
  afterEach(async () => {
    await tester?.stop();
  });

  async function post(metadata: Record<string, string>): Promise<[number, string]> {
    const res = await fetch(`${tester?.url}/`, {
      method: 'POST',
      body: JSON.stringify({
        name: 'podinfo',
        namespace: 'test',
        phase: 'Progressing',
        checksum: 'c',
        metadata,
      }),
    });
    return [res.status, await res.text()];
  }

  it('helm, helmv3 and kubectl run the bundled tool with the cmd split into arguments', async () => {
    const tools: string[] = [];
    tester = await startLoadTester({
      host: '127.0.0.1',
      port: 0,
      timeoutMs: 10_000,
      logger: new MemoryLogger(),
      env: { PATH: process.env.PATH ?? '' },
      toolPath: (name) => {
        tools.push(name);
        return 'echo';
      },
    });
    expect(await post({ type: 'helm', cmd: "test podinfo -n 'test ns'", returnCmdOutput: 'true' })).toEqual([
      200,
      'test podinfo -n test ns\n',
    ]);
    expect(await post({ type: 'helmv3', cmd: 'test podinfo', returnCmdOutput: 'true' })).toEqual([
      200,
      'test podinfo\n',
    ]);
    expect(await post({ type: 'kubectl', cmd: 'get pods', returnCmdOutput: 'true' })).toEqual([
      200,
      'get pods\n',
    ]);
    expect(tools).toEqual(['helm', 'helm', 'kubectl']);
  });

  it('a blocking command past -timeout is killed and answered 500', async () => {
    tester = await startLoadTester({
      host: '127.0.0.1',
      port: 0,
      timeoutMs: 300,
      logger: new MemoryLogger(),
      env: { PATH: process.env.PATH ?? '' },
    });
    expect(await post({ type: 'bash', cmd: 'sleep 30; echo late' })).toEqual([
      500,
      'command sleep 30; echo late failed: : signal: killed (timeout 300ms reached)',
    ]);
  });

  it('a cmd without cmd, or an empty one, is a 400 as in Flagger', async () => {
    tester = await startLoadTester({
      host: '127.0.0.1',
      port: 0,
      timeoutMs: 1_000,
      logger: new MemoryLogger(),
    });
    expect(await post({ type: 'cmd' })).toEqual([400, 'cmd not found in metadata']);
    expect(await post({ cmd: '  ' })).toEqual([400, 'cmd not found in metadata']);
  });
});
