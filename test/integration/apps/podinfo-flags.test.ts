import { describe, expect, it } from 'vitest';
import { spawnWeir } from '../../support/weir-process.js';

describe('weir local podinfo: bad flags', () => {
  it('an unknown flag exits 2 naming it and the valid flags', async () => {
    const podinfo = spawnWeir(['local', 'podinfo', '--host=127.201.1.31', '--colour=red']);
    expect(await podinfo.exited).toEqual({ code: 2, signal: null });
    expect(podinfo.stderr()).toContain('unknown flag --colour');
    expect(podinfo.stderr()).toContain('--ui-color');
  });

  it('a bad value exits 2 saying what is valid', async () => {
    const podinfo = spawnWeir(['local', 'podinfo', '--host=127.201.1.32', '--level=loud']);
    expect(await podinfo.exited).toEqual({ code: 2, signal: null });
    expect(podinfo.stderr()).toContain('invalid value "loud" for flag --level: must be one of debug, info');
  });

  it('-h prints the flags and exits 0', async () => {
    const podinfo = spawnWeir(['local', 'podinfo', '-h']);
    expect(await podinfo.exited).toEqual({ code: 0, signal: null });
    expect(podinfo.stdout()).toContain('--random-error');
  });
});
