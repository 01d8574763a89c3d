import type { Logger } from '../platform/logger.js';
import { parseCommandLine } from './command-line.js';
import { LoadTesterError } from './loadtester-error.js';
import type { LoadTesterMetrics } from './loadtester-metrics.js';
import type { RunningProcess } from './process-run.js';
import { type Invocation, throughProxy } from './proxy.js';
import type { TaskRunner } from './task-runner.js';
import { isTaskType, type TaskType, TaskTypes } from './task-types.js';
import { type CanaryWebhookPayload, canaryKey, metadataFlag } from './webhook-payload.js';

/** An HTTP answer. */
export interface Reply {
  status: number;
  contentType?: string;
  body: string;
}

/** What running tasks needs. */
export interface TaskHandlerDeps {
  logger: Logger;
  runner: TaskRunner;
  metrics: LoadTesterMetrics;
  /** Per-task limit (`-timeout`), also for blocking tasks. */
  timeoutMs: number;
  /** The environment commands run in (and `$VAR`s in a `cmd` expand from). */
  env: NodeJS.ProcessEnv;
  /** Starts a process; `startProcess` in production. */
  start(invocation: Invocation, timeoutMs: number): RunningProcess;
  /** Where the bundled `helm` and `kubectl` are. */
  toolPath(name: 'helm' | 'kubectl'): string;
}

/** The command line of a task of `type` (blocking types other than bash run the bundled tool). */
function invocationFor(
  type: TaskType,
  cmd: string,
  env: NodeJS.ProcessEnv,
  deps: TaskHandlerDeps,
): Invocation {
  switch (type) {
    case 'cmd': {
      const argv = parseCommandLine(cmd, env);
      if (argv.length === 0) throw new LoadTesterError('no-cmd', 'cmd not found in metadata');
      return throughProxy(argv, env);
    }
    case 'bash':
      return throughProxy(['bash', '-c', cmd], env);
    case 'helm':
    case 'helmv3':
      return throughProxy([deps.toolPath('helm'), ...parseCommandLine(cmd, env)], env);
    case 'kubectl':
      return throughProxy([deps.toolPath('kubectl'), ...parseCommandLine(cmd, env)], env);
    default:
      return assertNever(type);
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected task type ${String(value)}`);
}

async function runBlocking(
  type: TaskType,
  cmd: string,
  invocation: Invocation,
  returnOutput: boolean,
  canary: string,
  deps: TaskHandlerDeps,
): Promise<Reply> {
  const log = deps.logger.child({ canary });
  log.info(`${type} command ${cmd}`);
  deps.metrics.started(type);
  const result = await deps.start(invocation, deps.timeoutMs).result;
  deps.metrics.finished(type, result.ok ? 'succeeded' : 'failed');
  if (!result.ok) {
    log.error(`command failed ${cmd} ${result.error} ${result.output}`);
    return {
      status: 500,
      contentType: 'text/plain; charset=utf-8',
      body: `command ${cmd} failed: ${result.output.trimEnd()}: ${result.error}`,
    };
  }
  log.info(result.output);
  log.info(`command finished ${cmd}`);
  return { status: 200, contentType: 'text/plain; charset=utf-8', body: returnOutput ? result.output : '' };
}

/**
 * Serves `POST /`: runs the payload's `metadata.cmd` as its `metadata.type` says (default `cmd`). `cmd`
 * answers 202 at once and runs in the background; the other types answer when the command has ended.
 */
export async function handleTask(payload: CanaryWebhookPayload, deps: TaskHandlerDeps): Promise<Reply> {
  const metadata = payload.metadata ?? {};
  if (Object.keys(metadata).length === 0) {
    throw new LoadTesterError('no-metadata', 'metadata not found in payload');
  }
  const type = metadata.type || 'cmd';
  if (!isTaskType(type)) {
    throw new LoadTesterError(
      'unknown-type',
      `unknown metadata.type "${type}"; valid types: ${TaskTypes.join(', ')}`,
      { type, validTypes: [...TaskTypes] },
    );
  }
  const cmd = metadata.cmd;
  if (cmd === undefined || cmd.trim() === '')
    throw new LoadTesterError('no-cmd', 'cmd not found in metadata');
  const canary = canaryKey(payload);
  const invocation = invocationFor(type, cmd, deps.env, deps);
  if (type === 'cmd') {
    deps.runner.add({
      canary,
      command: cmd,
      invocation,
      logCmdOutput: metadataFlag(metadata, 'logCmdOutput'),
    });
    return { status: 202, body: '' };
  }
  return runBlocking(type, cmd, invocation, metadataFlag(metadata, 'returnCmdOutput'), canary, deps);
}
