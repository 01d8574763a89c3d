import { describe, expect, it } from 'vitest';
import { applyHeaderOps, compileHeaderEdits, endToEndHeaders } from './header-edits.js';

describe('header edits', () => {
  it('removes, then sets, then adds (Envoy order)', () => {
    const edits = compileHeaderEdits({
      request: { remove: ['X-Secret'], set: { 'x-set': 'new' }, add: { 'x-add': 'more' } },
    });
    const raw = ['Host', 'h', 'X-Secret', 's', 'X-Set', 'old', 'x-add', 'first'];
    expect(applyHeaderOps(raw, edits!.request!)).toEqual([
      'Host',
      'h',
      'x-add',
      'first',
      'x-set',
      'new',
      'x-add',
      'more',
    ]);
    expect(edits?.response).toBeUndefined();
    expect(compileHeaderEdits({ request: {} })).toBeUndefined();
  });

  it('drops hop-by-hop headers, those Connection names, Expect, and Host on request', () => {
    const raw = [
      'Host',
      'podinfo',
      'Connection',
      'keep-alive, X-Hop',
      'X-Hop',
      '1',
      'Proxy-Authorization',
      'Basic x',
      'Transfer-Encoding',
      'chunked',
      'Expect',
      '100-continue',
      'X-Keep',
      'yes',
    ];
    expect(endToEndHeaders(raw)).toEqual(['Host', 'podinfo', 'X-Keep', 'yes']);
    expect(endToEndHeaders(raw, true)).toEqual(['X-Keep', 'yes']);
  });
});
