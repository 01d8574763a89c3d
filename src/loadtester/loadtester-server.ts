import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../platform/logger.js';
import { toolPath as bundledToolPath } from '../platform/tools.js';
import { GateStore } from './gates.js';
import { LoadTesterError } from './loadtester-error.js';
import { LoadTesterMetrics } from './loadtester-metrics.js';
import { type RunningProcess, startProcess } from './process-run.js';
import type { Invocation } from './proxy.js';
import { handleTask, type Reply } from './task-handler.js';
import { TaskRunner } from './task-runner.js';
import { type CanaryWebhookPayload, canaryKey, parseWebhookPayload } from './webhook-payload.js';

/** How to start the load tester; everything but the address, timeout and logger has a real default. */
export interface LoadTesterOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Per-task limit (`-timeout`). */
  timeoutMs: number;
  /** Only payloads whose namespace matches are served (`-namespace-regexp`); all when absent. */
  namespaceRegexp?: RegExp;
  logger: Logger;
  /** The environment commands run in; `process.env` by default. */
  env?: NodeJS.ProcessEnv;
  /** Starts a process; `startProcess` by default. */
  start?: (invocation: Invocation, timeoutMs: number) => RunningProcess;
  /** Where `helm` and `kubectl` are; the bundled tools by default. */
  toolPath?: (name: 'helm' | 'kubectl') => string;
}

/** A serving load tester. */
export interface RunningLoadTester {
  /** `http://<host>:<port>`. */
  readonly url: string;
  /** The manual gates. */
  readonly gates: GateStore;
  /** The background `cmd` tasks. */
  readonly runner: TaskRunner;
  /** Stops accepting requests, kills every running command and resolves once all have ended. */
  stop(): Promise<void>;
}

const text = (status: number, body: string): Reply => ({
  status,
  contentType: 'text/plain; charset=utf-8',
  body,
});

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
  });
}

/** Starts Flagger's load tester API on `host:port`. */
export async function startLoadTester(options: LoadTesterOptions): Promise<RunningLoadTester> {
  const { logger } = options;
  const live = new Set<RunningProcess>();
  const start = (invocation: Invocation, timeoutMs: number) => {
    const process = (options.start ?? startProcess)(invocation, timeoutMs);
    live.add(process);
    void process.result.finally(() => live.delete(process));
    return process;
  };
  const metrics = new LoadTesterMetrics();
  const gates = new GateStore();
  const runner = new TaskRunner({ logger, metrics, timeoutMs: options.timeoutMs, start });
  const taskDeps = {
    logger,
    runner,
    metrics,
    timeoutMs: options.timeoutMs,
    env: options.env ?? process.env,
    start,
    toolPath: options.toolPath ?? bundledToolPath,
  };

  const payloadOf = async (req: IncomingMessage): Promise<CanaryWebhookPayload> => {
    const payload = parseWebhookPayload(await readBody(req));
    if (options.namespaceRegexp && !options.namespaceRegexp.test(payload.namespace)) {
      throw new LoadTesterError('forbidden', 'Forbidden', { namespace: payload.namespace });
    }
    return payload;
  };

  const gate = async (req: IncomingMessage, prefix: '' | 'rollback.', action: string): Promise<Reply> => {
    const key = `${prefix}${canaryKey(await payloadOf(req))}`;
    const noun = prefix === '' ? 'gate' : 'rollback';
    switch (action) {
      case 'check': {
        const approved = gates.isOpen(key);
        logger.info(`${key} ${noun} check: approved ${approved}`);
        return approved ? text(200, 'Approved') : text(403, 'Forbidden');
      }
      case 'open':
        gates.openGate(key);
        logger.info(`${key} ${noun} opened`);
        return { status: 202, body: '' };
      default:
        gates.closeGate(key);
        logger.info(`${key} ${noun} closed`);
        return { status: 202, body: '' };
    }
  };

  const route = async (req: IncomingMessage, path: string): Promise<Reply> => {
    switch (path) {
      case '/healthz':
        return text(200, 'OK');
      case '/metrics': {
        const { contentType, body } = await metrics.render();
        return { status: 200, contentType, body };
      }
      case '/gate/approve':
        return text(200, 'OK');
      case '/gate/halt':
        return text(403, 'Forbidden');
    }
    const gateMatch = /^\/(gate|rollback)\/(check|open|close)$/.exec(path);
    if (gateMatch) return gate(req, gateMatch[1] === 'gate' ? '' : 'rollback.', gateMatch[2] ?? '');
    return handleTask(await payloadOf(req), taskDeps);
  };

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://loadtester').pathname;
    route(req, path)
      .catch((error: unknown): Reply => {
        if (error instanceof LoadTesterError) {
          if (error.code === 'bad-json')
            logger.error('decoding the request body failed', { error: error.message });
          const body = error.body();
          return { status: error.status, contentType: body.contentType, body: body.text };
        }
        logger.error('request failed', { path, error: String(error) });
        return text(500, String(error));
      })
      .then((reply) => {
        res.writeHead(reply.status, {
          ...(reply.contentType ? { 'Content-Type': reply.contentType } : {}),
          'Content-Length': Buffer.byteLength(reply.body),
        });
        res.end(reply.body);
      });
  };

  // Flagger's server keeps idle connections open; a minute is plenty for webhook callers that pool.
  const server = createServer({ keepAliveTimeout: 60_000, headersTimeout: 65_000 }, handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  logger.info(`Starting load tester API on ${options.host}:${port}`);

  let stopping: Promise<void> | undefined;
  return {
    url: `http://${options.host}:${port}`,
    gates,
    runner,
    stop: () => {
      stopping ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        const processes = [...live];
        for (const running of processes) running.kill();
        await Promise.all([...processes.map((running) => running.result), runner.stop()]);
        // Blocking requests have their answers now; cut whatever is left.
        const cut = setTimeout(() => server.closeAllConnections(), 5_000);
        await closed;
        clearTimeout(cut);
        logger.info('HTTP server stopped');
      })();
      return stopping;
    },
  };
}
