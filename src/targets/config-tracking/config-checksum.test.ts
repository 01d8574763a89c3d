import { describe, expect, it } from 'vitest';
import { configChecksum, goJsonOfStringMap } from './config-checksum.js';

describe("goJsonOfStringMap (Go's json.Marshal of a map[string]string)", () => {
  it('sorts keys and escapes like Go (HTML characters, JS line separators, controls)', () => {
    expect(goJsonOfStringMap({ b: '<x> & y', a: '1' })).toBe('{"a":"1","b":"\\u003cx\\u003e \\u0026 y"}');
    expect(goJsonOfStringMap({ k: 'line\nnext\ttab\u2028"q"\\\u0001' })).toBe(
      '{"k":"line\\nnext\\ttab\\u2028\\"q\\"\\\\\\u0001"}',
    );
  });

  it('writes null for a nil map and {} for an empty one', () => {
    expect(goJsonOfStringMap(undefined)).toBe('null');
    expect(goJsonOfStringMap({})).toBe('{}');
  });
});

describe("configChecksum (Flagger's checksum of a config's data)", () => {
  it('is the first 8 bytes of sha256 of that JSON, in hex', () => {
    // printf '%s' '{"a":"1","b":"\u003cx\u003e"}' | sha256sum → 84e943b2c665ef12ab51…
    expect(configChecksum({ b: '<x>', a: '1' })).toBe('84e943b2c665ef12');
  });

  it('changes with any value, and with binaryData only when there is some', () => {
    const data = { color: 'blue' };
    expect(configChecksum({ color: 'green' })).not.toBe(configChecksum(data));
    expect(configChecksum(data, undefined)).toBe(configChecksum(data));
    expect(configChecksum(data, { logo: 'iVBORw0=' })).not.toBe(configChecksum(data));
  });
});
