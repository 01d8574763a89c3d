import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from '../../../src/webhooks/http-post.js';
import { type HttpRecorder, selfSignedCertificate, startHttpRecorder } from '../../support/http-recorder.js';

describe('postJson through a forward proxy', () => {
  let proxy: HttpRecorder;
  let secure: HttpRecorder;

  beforeAll(async () => {
    proxy = await startHttpRecorder();
    secure = await startHttpRecorder({
      tls: selfSignedCertificate(),
      defaultReply: { status: 201, body: 'made' },
    });
  });
  afterAll(async () => {
    await proxy.close();
    await secure.close();
  });

  it('tunnels https:// targets with CONNECT and speaks TLS end to end', async () => {
    const url = secure.url('/hook?x=1');
    const answer = await postJson({
      url,
      body: '{"a":1}',
      timeoutMs: 5000,
      proxy: proxy.url(),
      insecureSkipVerify: true,
    });
    expect([answer.status, answer.body]).toEqual([201, 'made']);
    expect(proxy.requests.map((r) => [r.method, r.url])).toEqual([['CONNECT', new URL(url).host]]);
    expect(secure.requests.map((r) => [r.method, r.url, r.body])).toEqual([['POST', '/hook?x=1', '{"a":1}']]);
  });

  it('still verifies the certificate inside the tunnel', async () => {
    await expect(
      postJson({ url: secure.url('/hook'), body: '{}', timeoutMs: 5000, proxy: proxy.url() }),
    ).rejects.toMatchObject({ code: 'TlsVerificationFailed' });
  });

  it("sends http:// targets to the proxy by absolute URL, with the proxy URL's credentials", async () => {
    const withCredentials = new URL(proxy.url());
    withCredentials.username = 'weir';
    withCredentials.password = 's3cret';
    proxy.reset();
    await postJson({
      url: 'http://loadtester.test/hook',
      body: '{"b":2}',
      timeoutMs: 5000,
      proxy: withCredentials.href,
    });
    expect(
      proxy.requests.map((r) => [r.method, r.url, r.headers.host, r.headers['proxy-authorization'], r.body]),
    ).toEqual([
      [
        'POST',
        'http://loadtester.test/hook',
        'loadtester.test',
        `Basic ${Buffer.from('weir:s3cret').toString('base64')}`,
        '{"b":2}',
      ],
    ]);
  });

  it('rejects unsupported schemes without connecting', async () => {
    await expect(
      postJson({ url: 'ftp://files.example.com/x', body: '{}', timeoutMs: 1000 }),
    ).rejects.toMatchObject({
      code: 'InvalidUrl',
      message: 'Post "ftp://files.example.com/x": unsupported protocol scheme "ftp"',
    });
  });
});
