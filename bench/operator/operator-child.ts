import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadConfig } from '../../src/config/config.js';
import type { TickTiming } from '../../src/controller/canary-controller.js';
import { startOperator } from '../../src/main/operator.js';
import { createLogger } from '../../src/platform/logger.js';
import type { OperatorReply, OperatorRequest, OperatorSample } from './operator-process.js';

// The benchmark's operator process: `weir operator <flags>` (the same config, logger and startOperator),
// plus an observer of tick timings that the benchmark collects over IPC.

type Ticks = Pick<OperatorSample, 'lateMs' | 'durationMs' | 'byChange' | 'keys'>;
const empty = (): Ticks => ({ lateMs: [], durationMs: [], byChange: [], keys: [] });
let ticks = empty();

const record = (timing: TickTiming) => {
  ticks.lateMs.push(timing.startedMs - timing.dueMs);
  ticks.durationMs.push(timing.endedMs - timing.startedMs);
  ticks.byChange.push(timing.cause === 'change' ? 1 : 0);
  ticks.keys.push(timing.key);
};

const send = (reply: OperatorReply) => process.send?.(reply);

// V8's profiler, for the measured window only (the benchmark's --cpu-prof); connected on first use.
let profiler: Session | undefined;

const config = loadConfig(process.argv.slice(2));
const logger = createLogger({ level: config.logLevel });
const operator = await startOperator({ config, logger, version: 'bench', onTick: record });
send({ type: 'ready', opsUrl: operator.opsUrl });

// A benchmark that dies leaves no operator behind.
process.on('disconnect', () => process.exit(1));

process.on('message', (request: OperatorRequest) => {
  if (request.type === 'take') {
    const taken = ticks;
    ticks = empty();
    const memory = process.memoryUsage();
    const cpu = process.cpuUsage();
    send({
      type: 'sample',
      ...taken,
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      heapTotalBytes: memory.heapTotal,
      externalBytes: memory.external,
      cpuUs: cpu.user + cpu.system,
    });
  } else if (request.type === 'profile-start') {
    const session = new Session();
    session.connect();
    profiler = session;
    void session
      .post('Profiler.enable')
      .then(() => session.post('Profiler.start'))
      .then(() => send({ type: 'profiling' }));
  } else if (request.type === 'profile-stop') {
    void profiler?.post('Profiler.stop').then(({ profile }) => {
      writeFileSync(request.file, JSON.stringify(profile));
      profiler?.disconnect();
      send({ type: 'profiled' });
    });
  } else if (request.type === 'stop') {
    void operator.stop().finally(() => {
      send({ type: 'stopped' });
      process.exit(0);
    });
  }
});
