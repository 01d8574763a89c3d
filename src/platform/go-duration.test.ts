import { describe, expect, it } from 'vitest';
import { formatGoDuration, parseGoDuration } from './go-duration.js';

describe('Go durations', () => {
  it('parses what time.ParseDuration accepts', () => {
    expect(parseGoDuration('10s')).toBe(10_000);
    expect(parseGoDuration('1m30s')).toBe(90_000);
    expect(parseGoDuration('500ms')).toBe(500);
    expect(parseGoDuration('1.5h')).toBe(5_400_000);
    expect(parseGoDuration('0')).toBe(0);
    expect(parseGoDuration('-2s')).toBe(-2000);
  });

  it('refuses what time.ParseDuration refuses', () => {
    for (const bad of ['', '10', '1x', 's', '1m 30s', '--1s']) expect(parseGoDuration(bad)).toBeUndefined();
  });

  it('formats like time.Duration.String()', () => {
    expect(formatGoDuration(500)).toBe('500ms');
    expect(formatGoDuration(1500)).toBe('1.5s');
    expect(formatGoDuration(90_000)).toBe('1m30s');
    expect(formatGoDuration(7_200_000)).toBe('2h0m0s');
    expect(formatGoDuration(0)).toBe('0s');
    expect(formatGoDuration(0.5)).toBe('500µs');
    expect(formatGoDuration(61_500)).toBe('1m1.5s');
  });
});
