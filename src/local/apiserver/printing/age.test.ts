import { describe, expect, it } from 'vitest';
import { formatRfc3339Utc, humanDuration, parseRfc3339, translateTimestampSince } from './age.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('humanDuration', () => {
  it.each([
    [-2 * S, '<invalid>'],
    [-1999, '0s'],
    [-S, '0s'],
    [0, '0s'],
    [5 * S, '5s'],
    [119 * S + 999, '119s'],
    [2 * M, '2m'],
    [2 * M + 3 * S, '2m3s'],
    [9 * M + 59 * S, '9m59s'],
    [10 * M + 30 * S, '10m'],
    [179 * M, '179m'],
    [3 * H, '3h'],
    [3 * H + 30 * M, '3h30m'],
    [7 * H + 59 * M, '7h59m'],
    [8 * H + 59 * M, '8h'],
    [47 * H + 59 * M, '47h'],
    [48 * H, '2d'],
    [2 * D + H, '2d1h'],
    [7 * D + 23 * H, '7d23h'],
    [8 * D, '8d'],
    [5 * D, '5d'],
    [729 * D, '729d'],
    [730 * D, '2y'],
    [730 * D + 100 * D, '2y100d'],
    [8 * 365 * D, '8y'],
    [9 * 365 * D + 200 * D, '9y'],
  ])('%d ms is %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});

describe('translateTimestampSince', () => {
  const now = new Date('2024-06-01T12:00:00Z');

  it('measures from the timestamp to now', () => {
    expect(translateTimestampSince('2024-06-01T11:57:55Z', now)).toBe('2m5s');
    expect(translateTimestampSince('2024-05-27T12:00:00.5+00:00', now)).toBe('4d23h');
  });

  it('prints <unknown> for missing, empty, invalid or Go-zero timestamps', () => {
    expect(translateTimestampSince(undefined, now)).toBe('<unknown>');
    expect(translateTimestampSince('', now)).toBe('<unknown>');
    expect(translateTimestampSince('yesterday', now)).toBe('<unknown>');
    expect(translateTimestampSince('0001-01-01T00:00:00Z', now)).toBe('<unknown>');
  });
});

describe('RFC 3339', () => {
  it('accepts what Go accepts and rejects date-only strings', () => {
    expect(parseRfc3339('2024-01-01T10:00:00.123456+02:00')).toBe(Date.parse('2024-01-01T08:00:00.123Z'));
    expect(parseRfc3339('2024-01-01')).toBeUndefined();
  });

  it('re-renders as UTC whole seconds, Go zero time when unset', () => {
    expect(formatRfc3339Utc('2024-01-01T10:00:00.987+02:00')).toBe('2024-01-01T08:00:00Z');
    expect(formatRfc3339Utc(undefined)).toBe('0001-01-01T00:00:00Z');
  });
});
