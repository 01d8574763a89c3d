import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWeirServer, type WeirProcess } from '../../support/weir-process.js';

describe('weir local podinfo: replicas as pods', () => {
  const replicas = [
    { ip: '127.201.1.11', hostname: 'podinfo-5d9f-aaaaa', version: '6.0.0' },
    { ip: '127.201.1.12', hostname: 'podinfo-6c8e-bbbbb', version: '6.0.1' },
  ];
  let running: WeirProcess[] = [];

  beforeAll(async () => {
    running = await Promise.all(
      replicas.map((r) =>
        startWeirServer(
          [
            'local',
            'podinfo',
            `--host=${r.ip}`,
            '--port=9898',
            `--version=${r.version}`,
            `--hostname=${r.hostname}`,
          ],
          { readyUrl: `http://${r.ip}:9898/healthz` },
        ),
      ),
    );
  });

  afterAll(async () => {
    await Promise.all(running.map((p) => p.stop('SIGKILL')));
  });

  it('listen on the same port on different IPs, each answering as itself', async () => {
    for (const r of replicas) {
      const body = (await (await fetch(`http://${r.ip}:9898/`)).json()) as Record<string, string>;
      expect(body).toMatchObject({
        hostname: r.hostname,
        version: r.version,
        message: `greetings from podinfo v${r.version}`,
      });
    }
  });

  it('keep their own readiness', async () => {
    const [first, second] = replicas as [(typeof replicas)[0], (typeof replicas)[0]];
    await fetch(`http://${first.ip}:9898/readyz/disable`, { method: 'POST' });
    expect((await fetch(`http://${first.ip}:9898/readyz`)).status).toBe(503);
    expect((await fetch(`http://${second.ip}:9898/readyz`)).status).toBe(200);
  });
});

describe('weir local podinfo --random-error', () => {
  const ip = '127.201.1.21';
  let podinfo: WeirProcess;

  beforeAll(async () => {
    podinfo = await startWeirServer(['local', 'podinfo', `--host=${ip}`, '--random-error'], {
      readyUrl: `http://${ip}:9898/healthz`,
    });
  });

  afterAll(async () => {
    await podinfo?.stop('SIGKILL');
  });

  async function statuses(path: string, count: number): Promise<number[]> {
    const out: number[] = [];
    for (let batch = 0; batch < count / 20; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 20 }, () =>
          fetch(`http://${ip}:9898${path}`).then(async (r) => {
            await r.arrayBuffer();
            return r.status;
          }),
        ),
      );
      out.push(...answers);
    }
    return out;
  }

  it("fails about a third of application requests with podinfo's 500/400/409", async () => {
    const codes = await statuses('/', 600);
    const failed = codes.filter((c) => c !== 200);
    // Binomial(600, 1/3): the bounds are more than six standard deviations wide.
    expect(failed.length / codes.length).toBeGreaterThan(0.2);
    expect(failed.length / codes.length).toBeLessThan(0.47);
    expect(new Set(failed)).toEqual(new Set([500, 400, 409]));
  });

  it('spares the probes, so a faulty replica stays Ready', async () => {
    expect(new Set(await statuses('/readyz', 100))).toEqual(new Set([200]));
    expect(new Set(await statuses('/healthz', 100))).toEqual(new Set([200]));
  });

  it('shows the errors in http_requests_total', async () => {
    const text = await (await fetch(`http://${ip}:9898/metrics`)).text();
    expect(text).toMatch(/^http_requests_total\{status="500"\} [1-9]/m);
    expect(text).toMatch(
      /^http_request_duration_seconds_count\{method="GET",path="root",status="409"\} [1-9]/m,
    );
  });
});
