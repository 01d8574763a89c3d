import { type DestinationStream, pino } from 'pino';

/** Log levels, as `-log-level` accepts them. */
export const LogLevels = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LogLevels)[number];

/** Structured fields attached to a log line. */
export type LogFields = Record<string, unknown>;

/** JSON-lines logging with the message in `msg` (so `jq .msg` reads Flagger-style logs the same). */
export interface Logger {
  /** Detail for debugging. */
  debug(msg: string, fields?: LogFields): void;
  /** Normal operation. */
  info(msg: string, fields?: LogFields): void;
  /** Something went wrong but the operator carries on. */
  warn(msg: string, fields?: LogFields): void;
  /** A failure that needs attention. */
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line. */
  child(fields: LogFields): Logger;
}

class PinoLogger implements Logger {
  constructor(private readonly log: pino.Logger) {}
  debug(msg: string, fields?: LogFields): void {
    this.log.debug(fields ?? {}, msg);
  }
  info(msg: string, fields?: LogFields): void {
    this.log.info(fields ?? {}, msg);
  }
  warn(msg: string, fields?: LogFields): void {
    this.log.warn(fields ?? {}, msg);
  }
  error(msg: string, fields?: LogFields): void {
    this.log.error(fields ?? {}, msg);
  }
  child(fields: LogFields): Logger {
    return new PinoLogger(this.log.child(fields));
  }
}

/** A JSON logger writing `{"level":"info","ts":"…","msg":"…",…}` lines to `destination` (stdout by default). */
export function createLogger(
  options: { level?: LogLevel; destination?: DestinationStream; base?: LogFields } = {},
): Logger {
  const log = pino(
    {
      level: options.level ?? 'info',
      base: options.base ?? null,
      messageKey: 'msg',
      timestamp: () => `,"ts":"${new Date().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
  return new PinoLogger(log);
}

/** A logger that keeps lines in memory, for tests. */
export class MemoryLogger implements Logger {
  constructor(
    readonly lines: { level: LogLevel; msg: string; fields: LogFields }[] = [],
    private readonly fields: LogFields = {},
  ) {}
  debug(msg: string, fields?: LogFields): void {
    this.lines.push({ level: 'debug', msg, fields: { ...this.fields, ...fields } });
  }
  info(msg: string, fields?: LogFields): void {
    this.lines.push({ level: 'info', msg, fields: { ...this.fields, ...fields } });
  }
  warn(msg: string, fields?: LogFields): void {
    this.lines.push({ level: 'warn', msg, fields: { ...this.fields, ...fields } });
  }
  error(msg: string, fields?: LogFields): void {
    this.lines.push({ level: 'error', msg, fields: { ...this.fields, ...fields } });
  }
  child(fields: LogFields): Logger {
    return new MemoryLogger(this.lines, { ...this.fields, ...fields });
  }
}
