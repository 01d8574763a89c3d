import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../support/eventually.js';
import { startWeirServer, type WeirProcess } from '../../support/weir-process.js';

// Each suite binds its own loopback IP on podinfo's real ports, as a pod would.
const ip = '127.201.1.1';
const app = `http://${ip}:9898`;
const metricsPort = `http://${ip}:9797`;

describe('weir local podinfo: the API Flagger walkthroughs use', () => {
  let podinfo: WeirProcess;

  beforeAll(async () => {
    // The upstream kustomization's flags, as the kubelet passes them, plus Weir's --host and --version.
    podinfo = await startWeirServer(
      [
        'local',
        'podinfo',
        '--port=9898',
        '--port-metrics=9797',
        '--grpc-port=9999',
        '--grpc-service-name=podinfo',
        '--level=debug',
        '--random-delay=false',
        '--random-error=false',
        `--host=${ip}`,
        '--version=6.0.1',
        '--shutdown-delay=0s',
      ],
      {
        readyUrl: `${app}/healthz`,
        env: {
          ...process.env,
          PODINFO_UI_COLOR: '#34577c',
          HOSTNAME: 'podinfo-7c9d-abcde',
          WEIR_MARKER: 'm-1',
        },
      },
    );
  });

  afterAll(async () => {
    await podinfo?.stop('SIGKILL');
  });

  it('GET / reports the runtime info with the version it was started with', async () => {
    const res = await fetch(`${app}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = (await res.json()) as Record<string, string>;
    expect(Object.keys(body)).toEqual([
      'hostname',
      'version',
      'revision',
      'color',
      'logo',
      'message',
      'goos',
      'goarch',
      'runtime',
      'num_goroutine',
      'num_cpu',
    ]);
    expect(body).toMatchObject({
      hostname: 'podinfo-7c9d-abcde',
      version: '6.0.1',
      color: '#34577c',
      message: 'greetings from podinfo v6.0.1',
      goos: 'linux',
    });
    expect(Number(body.num_cpu)).toBeGreaterThan(0);
  });

  it('serves a page to browsers on /', async () => {
    const res = await fetch(`${app}/`, { headers: { 'User-Agent': 'Mozilla/5.0' } });
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('greetings from podinfo v6.0.1');
  });

  it('/version and /api/info', async () => {
    expect(await (await fetch(`${app}/version`)).json()).toEqual({ commit: 'local', version: '6.0.1' });
    expect(await (await fetch(`${app}/api/info`)).json()).toMatchObject({ version: '6.0.1' });
  });

  it('/healthz and /readyz, and readiness toggled by POST /readyz/disable|enable', async () => {
    expect(await (await fetch(`${app}/healthz`)).json()).toEqual({ status: 'OK' });
    expect((await fetch(`${app}/readyz`)).status).toBe(200);
    expect((await fetch(`${app}/readyz/disable`, { method: 'POST' })).status).toBe(202);
    expect((await fetch(`${app}/readyz`)).status).toBe(503);
    expect((await fetch(`${app}/healthz`)).status).toBe(200);
    expect((await fetch(`${app}/readyz/enable`, { method: 'POST' })).status).toBe(202);
    expect((await fetch(`${app}/readyz`)).status).toBe(200);
  });

  it('/status/{code} answers that code', async () => {
    for (const code of [200, 201, 404, 500, 503]) {
      const res = await fetch(`${app}/status/${code}`);
      expect(res.status).toBe(code);
      expect(await res.json()).toEqual({ status: code });
    }
    expect((await fetch(`${app}/status/500`, { method: 'POST' })).status).toBe(500);
  });

  it('/delay/{seconds} answers after the delay with the delay', async () => {
    const res = await fetch(`${app}/delay/1`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ delay: 1 });
  });

  it('POST /token issues a podinfo JWT for the body that /token/validate accepts', async () => {
    const issued = (await (await fetch(`${app}/token`, { method: 'POST', body: 'test' })).json()) as {
      token: string;
      expires_at: string;
    };
    const claims = JSON.parse(Buffer.from(issued.token.split('.')[1] ?? '', 'base64url').toString()) as {
      name: string;
      iss: string;
    };
    expect(claims).toMatchObject({ name: 'test', iss: 'podinfo' });
    expect(Number.isNaN(Date.parse(issued.expires_at))).toBe(false);
    const valid = await fetch(`${app}/token/validate`, {
      headers: { Authorization: `Bearer ${issued.token}` },
    });
    expect(await valid.json()).toMatchObject({ token_name: 'test' });
    const forged = await fetch(`${app}/token/validate`, {
      headers: { Authorization: `Bearer ${issued.token}x` },
    });
    expect(forged.status).toBe(401);
    const anonymous = (await (await fetch(`${app}/token`, { method: 'POST' })).json()) as { token: string };
    expect(anonymous.token.split('.')).toHaveLength(3);
  });

  it('/headers echoes the request headers as Go prints them', async () => {
    const body = (await (
      await fetch(`${app}/headers`, { headers: { 'x-canary': 'insider' } })
    ).json()) as Record<string, string[]>;
    expect(body['X-Canary']).toEqual(['insider']);
    expect(body['X-Api-Version']).toEqual(['6.0.1']);
    expect(body.Host).toBeUndefined();
  });

  it('/env lists the environment', async () => {
    const body = (await (await fetch(`${app}/env`)).json()) as string[];
    expect(body).toContain('WEIR_MARKER=m-1');
  });

  it('unknown paths get 404 and wrong methods 405', async () => {
    expect((await fetch(`${app}/nope`)).status).toBe(404);
    expect((await fetch(`${app}/version`, { method: 'DELETE' })).status).toBe(405);
  });

  it('/metrics (on both ports) counts requests with podinfo metric names and labels', async () => {
    await fetch(`${app}/status/502`);
    for (const base of [app, metricsPort]) {
      const text = await (await fetch(`${base}/metrics`)).text();
      expect(text).toMatch(/^http_requests_total\{status="502"\} [1-9]/m);
      expect(text).toMatch(
        /^http_request_duration_seconds_bucket\{le="0.005",method="GET",path="status",status="502"\}/m,
      );
      expect(text).toMatch(
        /^http_request_duration_seconds_count\{method="GET",path="root",status="200"\} [1-9]/m,
      );
    }
    expect(await (await fetch(`${metricsPort}/healthz`)).text()).toBe('OK');
  });

  it('logs JSON lines with the message in msg', () => {
    const messages = podinfo.logs().map((line) => line.msg);
    expect(messages).toContain('Starting HTTP Server.');
    expect(messages).toContain('request started');
  });
});

describe('weir local podinfo: graceful stop', () => {
  it('on SIGTERM turns unready, finishes in-flight requests and exits 0', async () => {
    const ip = '127.201.1.2';
    const podinfo = await startWeirServer(
      ['local', 'podinfo', `--host=${ip}`, '--shutdown-delay=0s', '--level=debug'],
      { readyUrl: `http://${ip}:9898/healthz` },
    );
    try {
      const inFlight = fetch(`http://${ip}:9898/delay/1`);
      // Signal only once the app has the request.
      await eventually(() => expect(podinfo.logs().some((l) => l.uri === '/delay/1')).toBe(true));
      const exit = podinfo.stop('SIGTERM');
      const res = await inFlight;
      expect(await res.json()).toEqual({ delay: 1 });
      expect(await exit).toEqual({ code: 0, signal: null });
      expect(podinfo.logs().map((l) => l.msg)).toContain('Shutting down HTTP/HTTPS server');
      await expect(fetch(`http://${ip}:9898/healthz`)).rejects.toThrow();
    } finally {
      await podinfo.stop('SIGKILL');
    }
  });
});
