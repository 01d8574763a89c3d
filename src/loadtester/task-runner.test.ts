import { describe, expect, it } from 'vitest';
import { MemoryLogger } from '../platform/logger.js';
import { LoadTesterMetrics } from './loadtester-metrics.js';
import { startProcess } from './process-run.js';
import { TaskRunner } from './task-runner.js';

const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };

function runner() {
  const logger = new MemoryLogger();
  const tasks = new TaskRunner({
    logger,
    metrics: new LoadTesterMetrics(),
    timeoutMs: 60_000,
    start: startProcess,
  });
  return { logger, tasks };
}

function task(canary: string, command: string) {
  return { canary, command, invocation: { argv: command.split(' '), env }, logCmdOutput: true };
}

describe('TaskRunner', () => {
  it('skips a command already running for the same canary, not for another canary', async () => {
    const { logger, tasks } = runner();
    expect(tasks.add(task('podinfo.test', 'sleep 30'))).toBe('started');
    expect(tasks.add(task('podinfo.test', 'sleep 30'))).toBe('skipped');
    expect(tasks.add(task('other.test', 'sleep 30'))).toBe('started');
    expect(tasks.running()).toEqual([
      { canary: 'podinfo.test', command: 'sleep 30' },
      { canary: 'other.test', command: 'sleep 30' },
    ]);
    expect(logger.lines.map((l) => [l.msg, l.fields.canary])).toContainEqual([
      'command skipped sleep 30 is already running',
      'podinfo.test',
    ]);
    await tasks.stop();
    expect(tasks.running()).toEqual([]);
  });

  it('starts the command again once it has finished, logging its output', async () => {
    const { logger, tasks } = runner();
    tasks.add(task('podinfo.test', 'echo hello'));
    await tasks.idle();
    expect(tasks.add(task('podinfo.test', 'echo hello'))).toBe('started');
    await tasks.idle();
    const messages = logger.lines.map((l) => l.msg);
    expect(messages.filter((m) => m === 'command starting echo hello')).toHaveLength(2);
    expect(messages.filter((m) => m === 'command finished echo hello')).toHaveLength(2);
    expect(messages).toContain('hello\n');
  });

  it('logs a failure at error level with the exit status and output', async () => {
    const { logger, tasks } = runner();
    tasks.add(task('podinfo.test', 'ls /no-such-dir-for-weir'));
    await tasks.idle();
    const failure = logger.lines.find((l) =>
      l.msg.startsWith('command failed ls /no-such-dir-for-weir exit status'),
    );
    expect(failure?.level).toBe('error');
  });
});
