import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../support/eventually.js';
import { startWeirServer, type WeirProcess } from '../../support/weir-process.js';
import { type RecordingProxy, startRecordingProxy } from './recording-proxy.js';

const testerIp = '127.201.2.1';
const appIp = '127.201.2.9';
const tester = `http://${testerIp}:8080`;

function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${tester}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** A webhook payload as Flagger sends it. */
function payload(metadata?: Record<string, string>, canary = { name: 'podinfo', namespace: 'test' }) {
  return { ...canary, phase: 'Progressing', checksum: '6d9c5b8f7', ...(metadata ? { metadata } : {}) };
}

describe('weir loadtester', () => {
  let proxy: RecordingProxy;
  let loadtester: WeirProcess;
  let podinfo: WeirProcess;

  beforeAll(async () => {
    proxy = await startRecordingProxy();
    [loadtester, podinfo] = await Promise.all([
      // The upstream Deployment's flags, plus Weir's -host; the playground's mesh proxy in HTTP_PROXY.
      startWeirServer(
        [
          'loadtester',
          '-port=8080',
          '-log-level=info',
          '-timeout=1h',
          '-namespace-regexp=^test$',
          `-host=${testerIp}`,
        ],
        { readyUrl: `${tester}/healthz`, env: { ...process.env, HTTP_PROXY: proxy.url } },
      ),
      startWeirServer(['local', 'podinfo', `--host=${appIp}`], { readyUrl: `http://${appIp}:9898/healthz` }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([loadtester?.stop('SIGKILL'), podinfo?.stop('SIGKILL')]);
    await proxy?.close();
  });

  const messages = () => loadtester.logs().map((line) => line.msg ?? '');

  it('/healthz and /metrics', async () => {
    expect(await (await fetch(`${tester}/healthz`)).text()).toBe('OK');
    expect(await (await fetch(`${tester}/metrics`)).text()).toContain('process_cpu_seconds_total');
  });

  it('gates: approve and halt are fixed; check follows open and close per canary', async () => {
    expect((await post('/gate/approve', payload())).status).toBe(200);
    const halt = await post('/gate/halt', payload());
    expect([halt.status, await halt.text()]).toEqual([403, 'Forbidden']);

    const check = async (path: string, canary = payload()) => {
      const res = await post(path, canary);
      return [res.status, await res.text()];
    };
    expect(await check('/gate/check')).toEqual([403, 'Forbidden']);
    expect((await post('/gate/open', payload())).status).toBe(202);
    expect(await check('/gate/check')).toEqual([200, 'Approved']);
    // Another canary's gate and the rollback gate are separate.
    expect(await check('/gate/check', payload(undefined, { name: 'other', namespace: 'test' }))).toEqual([
      403,
      'Forbidden',
    ]);
    expect(await check('/rollback/check')).toEqual([403, 'Forbidden']);
    expect((await post('/gate/close', payload())).status).toBe(202);
    expect(await check('/gate/check')).toEqual([403, 'Forbidden']);

    expect((await post('/rollback/open', payload())).status).toBe(202);
    expect(await check('/rollback/check')).toEqual([200, 'Approved']);
    expect((await post('/rollback/close', payload())).status).toBe(202);
    expect(await check('/rollback/check')).toEqual([403, 'Forbidden']);
    expect(messages()).toContain('podinfo.test gate opened');
    expect(messages()).toContain('rollback.podinfo.test rollback check: approved true');
  });

  it('bash runs through a shell and blocks: 200 with the output when asked for it', async () => {
    const withOutput = await post(
      '/',
      payload({ type: 'bash', cmd: 'echo one && echo two', returnCmdOutput: 'true' }),
    );
    expect([withOutput.status, await withOutput.text()]).toEqual([200, 'one\ntwo\n']);
    const without = await post('/', payload({ type: 'bash', cmd: 'echo one' }));
    expect([without.status, await without.text()]).toEqual([200, '']);
  });

  it('bash failure: 500 with the command, its output and exit status', async () => {
    const res = await post('/', payload({ type: 'bash', cmd: 'echo broken >&2; exit 3' }));
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('command echo broken >&2; exit 3 failed: broken: exit status 3');
  });

  it('kubectl runs the bundled kubectl', async () => {
    const res = await post(
      '/',
      payload({ type: 'kubectl', cmd: 'version --client', returnCmdOutput: 'true' }),
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Client Version');
  });

  it('cmd answers 202 at once and skips a twin while the first is still running', async () => {
    const task = payload({ cmd: 'sleep 2' });
    expect((await post('/', task)).status).toBe(202);
    expect((await post('/', task)).status).toBe(202);
    // The same command for another canary is not a twin.
    expect((await post('/', payload({ cmd: 'sleep 2' }, { name: 'other', namespace: 'test' }))).status).toBe(
      202,
    );
    expect(messages().filter((m) => m === 'command starting sleep 2')).toHaveLength(2);
    expect(messages()).toContain('command skipped sleep 2 is already running');
    const metrics = await (await fetch(`${tester}/metrics`)).text();
    expect(metrics).toMatch(/^weir_loadtester_commands_total\{type="cmd",outcome="skipped"\} 1$/m);
    expect(metrics).toMatch(/^weir_loadtester_commands_running\{type="cmd"\} 2$/m);
    await eventually(
      () => expect(messages().filter((m) => m === 'command finished sleep 2')).toHaveLength(2),
      15_000,
    );
  });

  it('cmd runs hey through the mesh proxy named by HTTP_PROXY (inserting -x)', async () => {
    const cmd = `hey -z 1s -q 5 -c 1 http://${appIp}:9898/`;
    expect((await post('/', payload({ cmd, logCmdOutput: 'true' }))).status).toBe(202);
    await eventually(() => expect(messages()).toContain(`command finished ${cmd}`), 20_000);
    const heyRequests = proxy.targets.filter((t) => t === `http://${appIp}:9898/`);
    expect(heyRequests.length).toBeGreaterThanOrEqual(2);
    expect(proxy.userAgents.every((ua) => ua.startsWith('hey/'))).toBe(true);
    // …and they reached the app.
    const appMetrics = await (await fetch(`http://${appIp}:9898/metrics`)).text();
    expect(appMetrics).toMatch(
      /^http_request_duration_seconds_count\{method="GET",path="root",status="200"\} [1-9]/m,
    );
  });

  it('cmd runs no shell: shell operators are refused with a pointer to bash', async () => {
    const res = await post('/', payload({ cmd: 'echo hi | grep hi' }));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'shell-syntax', operator: '|' });
  });

  it('an unknown metadata.type is a 400 naming it and the valid types', async () => {
    const res = await post('/', payload({ type: 'concord', cmd: 'x' }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: 'unknown metadata.type "concord"; valid types: cmd, bash, helm, helmv3, kubectl',
      code: 'unknown-type',
      type: 'concord',
      validTypes: ['cmd', 'bash', 'helm', 'helmv3', 'kubectl'],
    });
  });

  it('bad JSON is a 400 with the parse error, on tasks and gates', async () => {
    for (const path of ['/', '/gate/check']) {
      const res = await post(path, '{"name": "podinfo",');
      expect(res.status).toBe(400);
      const body = (await res.json()) as { code: string; error: string };
      expect(body.code).toBe('bad-json');
      expect(body.error).toMatch(/^decoding the request body failed: .*JSON/);
    }
  });

  it('a payload without metadata is a 400, as in Flagger', async () => {
    const res = await post('/', payload());
    expect([res.status, await res.text()]).toEqual([400, 'metadata not found in payload']);
  });

  it('a namespace outside -namespace-regexp is a 403, on tasks and gates', async () => {
    const outside = { name: 'podinfo', namespace: 'prod' };
    for (const path of ['/', '/gate/check', '/gate/open']) {
      const res = await post(path, payload({ type: 'bash', cmd: 'echo should-not-run' }, outside));
      expect([res.status, await res.text()]).toEqual([403, 'Forbidden']);
    }
    expect(loadtester.stdout()).not.toContain('should-not-run');
  });

  it('on SIGTERM kills running commands and exits 0', async () => {
    expect((await post('/', payload({ cmd: 'sleep 60' }))).status).toBe(202);
    expect(await loadtester.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(messages()).toContain('command failed sleep 60 signal: killed ');
  });
});
