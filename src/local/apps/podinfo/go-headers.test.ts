import { describe, expect, it } from 'vitest';
import { canonicalHeaderKey, goHeaderMap } from './go-headers.js';

describe('Go header maps', () => {
  it('canonicalizes keys as net/http does', () => {
    expect(['user-agent', 'X-API-VERSION', 'x-b3-traceid', 'accept'].map(canonicalHeaderKey)).toEqual([
      'User-Agent',
      'X-Api-Version',
      'X-B3-Traceid',
      'Accept',
    ]);
  });

  it('groups repeated headers, sorts keys and leaves out Host', () => {
    expect(goHeaderMap(['Host', 'podinfo', 'x-b', '1', 'Accept', '*/*', 'X-B', '2'])).toEqual({
      Accept: ['*/*'],
      'X-B': ['1', '2'],
    });
    expect(Object.keys(goHeaderMap(['b', '1', 'a', '2']))).toEqual(['A', 'B']);
  });
});
