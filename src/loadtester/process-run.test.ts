import { describe, expect, it } from 'vitest';
import { startProcess } from './process-run.js';

const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };

describe('startProcess', () => {
  it('collects stdout and stderr together', async () => {
    const result = await startProcess({ argv: ['bash', '-c', 'echo out; echo err >&2'], env }, 10_000).result;
    expect(result).toEqual({ ok: true, output: 'out\nerr\n' });
  });

  it("reports a non-zero exit in Go's words", async () => {
    const result = await startProcess({ argv: ['bash', '-c', 'echo no; exit 7'], env }, 10_000).result;
    expect(result).toEqual({ ok: false, output: 'no\n', error: 'exit status 7' });
  });

  it('reports a missing program instead of throwing', async () => {
    const result = await startProcess({ argv: ['weir-no-such-program'], env }, 10_000).result;
    expect(result).toMatchObject({
      ok: false,
      error: 'exec: "weir-no-such-program": executable file not found in $PATH',
    });
  });

  it('kills the whole process group at the timeout', async () => {
    // bash forks sleep as a child here (two commands), so killing bash alone would leave sleep holding the pipes.
    const result = await startProcess({ argv: ['bash', '-c', 'sleep 30; echo late'], env }, 200).result;
    expect(result).toEqual({ ok: false, output: '', error: 'signal: killed (timeout 200ms reached)' });
  });

  it('kill() ends the command', async () => {
    const running = startProcess({ argv: ['bash', '-c', 'sleep 30; echo late'], env }, 60_000);
    running.kill();
    expect(await running.result).toEqual({ ok: false, output: '', error: 'signal: killed' });
  });
});
