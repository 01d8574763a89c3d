import { describe, expect, it } from 'vitest';
import { checkedFormatName, formatCheckers } from './formats.js';

const check = (format: string, value: string) => {
  const name = checkedFormatName(format);
  if (!name) throw new Error(`${format} is not checked`);
  return formatCheckers[name]!(value);
};

describe('formats', () => {
  it('checks only the formats apiextensions supports, ignoring dashes in the name', () => {
    expect(checkedFormatName('date-time')).toBe('datetime');
    expect(checkedFormatName('uri')).toBe('uri');
    for (const ignored of ['int32', 'int64', 'float', 'double', 'string', 'url', 'DateTime', undefined]) {
      expect(checkedFormatName(ignored)).toBeUndefined();
    }
  });

  it('validates date-time like kube-openapi', () => {
    for (const ok of ['2024-05-01T10:00:00Z', '2024-05-01t10:00:00.123+02:00', '2024-02-29T23:59:59-07:00'])
      expect(check('date-time', ok)).toBe(true);
    for (const bad of [
      '2024-05-01',
      '2024-05-01T24:00:00Z',
      '2024-13-01T10:00:00Z',
      '2024-05-01T10:00:00',
      'yesterday',
    ]) {
      expect(check('date-time', bad)).toBe(false);
    }
  });

  it('validates network and identifier formats', () => {
    expect(check('ipv6', '::1')).toBe(true);
    expect(check('ipv6', '10.0.0.1')).toBe(false);
    expect(check('cidr', '10.0.0.0/8')).toBe(true);
    expect(check('cidr', '10.0.0.0/33')).toBe(false);
    expect(check('hostname', 'podinfo.test.svc')).toBe(true);
    expect(check('hostname', '-bad-.example')).toBe(false);
    expect(check('mac', '01:23:45:67:89:ab')).toBe(true);
    expect(check('byte', 'aGVsbG8=')).toBe(true);
    expect(check('byte', 'aGVsbG8')).toBe(false);
    expect(check('duration', '1h30m')).toBe(true);
    expect(check('duration', '5 minutes')).toBe(true);
    expect(check('duration', 'soon')).toBe(false);
    expect(check('uri', 'http://flagger-loadtester.test/')).toBe(true);
    expect(check('uri', 'flagger-loadtester')).toBe(false);
    expect(check('email', 'dev@example.com')).toBe(true);
    expect(check('isbn', '978-0321751041')).toBe(true);
    expect(check('creditcard', '4111 1111 1111 1111')).toBe(true);
    expect(check('creditcard', '4111 1111 1111 1112')).toBe(false);
  });
});
