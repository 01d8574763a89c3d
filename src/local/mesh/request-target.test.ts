import { describe, expect, it } from 'vitest';
import { requestTarget } from './request-target.js';

describe('requestTarget', () => {
  it('reads an absolute-form URI (forward proxy)', () => {
    expect(requestTarget('http://podinfo.test:9898/api/info?x=1#frag', 'ignored')).toEqual({
      form: 'absolute',
      authority: 'podinfo.test:9898',
      host: { host: 'podinfo.test', port: 9898 },
      rawPath: '/api/info?x=1',
      path: '/api/info',
      query: 'x=1',
    });
    expect(requestTarget('HTTP://user:pw@podinfo?q', undefined)).toMatchObject({
      authority: 'podinfo',
      rawPath: '/?q',
      path: '/',
      query: 'q',
    });
  });

  it('reads an origin-form path with its Host header (reverse proxy)', () => {
    expect(requestTarget('/status/500', 'podinfo-canary:9898')).toMatchObject({
      form: 'origin',
      host: { host: 'podinfo-canary', port: 9898 },
      rawPath: '/status/500',
    });
  });

  it('refuses what names no host or another scheme', () => {
    expect(requestTarget('/', undefined)).toBeUndefined();
    expect(requestTarget('https://podinfo.test/', undefined)).toBeUndefined();
  });
});
