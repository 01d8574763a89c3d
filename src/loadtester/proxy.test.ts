import { describe, expect, it } from 'vitest';
import { throughProxy } from './proxy.js';

describe('throughProxy', () => {
  const url = ['http://podinfo.test:9898/'];

  it('gives hey -x with the proxy from HTTP_PROXY', () => {
    const { argv } = throughProxy(['hey', '-z', '1m', ...url], { HTTP_PROXY: 'http://127.0.0.1:15001' });
    expect(argv).toEqual(['hey', '-x', 'http://127.0.0.1:15001', '-z', '1m', ...url]);
  });

  it('adds the scheme Debian’s hey needs, and reads http_proxy too', () => {
    expect(throughProxy(['/usr/bin/hey', ...url], { http_proxy: '127.0.0.1:15001' }).argv).toEqual([
      '/usr/bin/hey',
      '-x',
      'http://127.0.0.1:15001',
      ...url,
    ]);
  });

  it('leaves a hey that has its own -x alone', () => {
    for (const own of [['-x', 'http://other:1'], ['-x=http://other:1'], ['--x', 'http://other:1']]) {
      const argv = ['hey', ...own, ...url];
      expect(throughProxy(argv, { HTTP_PROXY: 'http://127.0.0.1:15001' }).argv).toEqual(argv);
    }
  });

  it('passes the proxy to other programs in both spellings of the variable', () => {
    const { argv, env } = throughProxy(['curl', ...url], {
      HTTP_PROXY: 'http://127.0.0.1:15001',
      PATH: '/bin',
    });
    expect(argv).toEqual(['curl', ...url]);
    expect(env).toEqual({
      HTTP_PROXY: 'http://127.0.0.1:15001',
      http_proxy: 'http://127.0.0.1:15001',
      PATH: '/bin',
    });
  });

  it('changes nothing without a proxy', () => {
    expect(throughProxy(['hey', ...url], { PATH: '/bin' })).toEqual({
      argv: ['hey', ...url],
      env: { PATH: '/bin' },
    });
  });
});
