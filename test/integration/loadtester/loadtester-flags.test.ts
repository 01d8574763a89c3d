import { describe, expect, it } from 'vitest';
import { spawnWeir } from '../../support/weir-process.js';

describe('weir loadtester: bad flags', () => {
  it('exit 2 naming the flag and what is valid, in Go flag style', async () => {
    const [unknown, badRegexp] = [
      spawnWeir(['loadtester', '-host=127.201.2.31', '-prot=8080']),
      spawnWeir(['loadtester', '-host=127.201.2.32', '-namespace-regexp=(']),
    ];
    expect(await unknown.exited).toEqual({ code: 2, signal: null });
    expect(unknown.stderr()).toContain('unknown flag -prot; valid flags: -host, -port, -log-level, -timeout');
    expect(await badRegexp.exited).toEqual({ code: 2, signal: null });
    expect(badRegexp.stderr()).toContain('invalid value "(" for flag -namespace-regexp');
  });
});
