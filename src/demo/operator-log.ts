import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';

/** One line of the operator's JSON log. */
export interface OperatorLogLine {
  level: string;
  msg: string;
  canary?: string;
}

/**
 * Follows the operator's JSON log from where it ends now, the way `kubectl logs -f … | jq .msg` would:
 * `poll()` answers the lines written since the last call.
 */
export class OperatorLogTail {
  private offset: number;
  private partial = '';

  constructor(private readonly path: string) {
    this.offset = existsSync(path) ? statSync(path).size : 0;
  }

  /** New complete lines since the last poll, parsed (lines that are not JSON are skipped). */
  poll(): OperatorLogLine[] {
    if (!existsSync(this.path)) return [];
    const size = statSync(this.path).size;
    if (size < this.offset) this.offset = 0;
    if (size === this.offset) return [];
    const fd = openSync(this.path, 'r');
    const buffer = Buffer.alloc(size - this.offset);
    readSync(fd, buffer, 0, buffer.length, this.offset);
    closeSync(fd);
    this.offset = size;
    const text = this.partial + buffer.toString('utf8');
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    const parsed: OperatorLogLine[] = [];
    for (const line of lines) {
      try {
        const value = JSON.parse(line) as Partial<OperatorLogLine>;
        if (typeof value.msg === 'string')
          parsed.push({
            level: String(value.level ?? ''),
            msg: value.msg,
            ...(value.canary ? { canary: value.canary } : {}),
          });
      } catch {
        // not a JSON line (a stack trace, say): not part of the story
      }
    }
    return parsed;
  }
}
