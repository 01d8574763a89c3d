const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Go's zero `time.Time` as JSON; the server treats it like a missing timestamp. */
const GO_ZERO_TIME = Date.parse('0001-01-01T00:00:00Z');

/**
 * Formats a duration (milliseconds) like apimachinery `duration.HumanDuration`: ~2-3 significant figures.
 */
export function humanDuration(ms: number): string {
  // Go truncates toward zero; up to 2 s in the future still reads as "now" (clock skew).
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) {
    const dy = days % 365;
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${years}y`;
}

/** Parses an RFC 3339 timestamp as Go's `time.Parse(time.RFC3339, …)` accepts it; `undefined` if invalid. */
export function parseRfc3339(value: string): number | undefined {
  if (!RFC3339.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Epoch ms of a JSON timestamp, or `undefined` for a missing, empty, invalid or Go-zero one. */
function timestampMs(timestamp: unknown): number | undefined {
  if (typeof timestamp !== 'string' || timestamp === '') return undefined;
  const ms = parseRfc3339(timestamp);
  return ms === undefined || ms === GO_ZERO_TIME ? undefined : ms;
}

/**
 * Elapsed time since `timestamp` as the printers show it (`translateTimestampSince`): `<unknown>` when unset.
 */
export function translateTimestampSince(timestamp: unknown, now: Date): string {
  const ms = timestampMs(timestamp);
  return ms === undefined ? '<unknown>' : humanDuration(now.getTime() - ms);
}

/** Whether a JSON timestamp is set (not missing, empty or Go's zero time). */
export function isTimestampSet(timestamp: unknown): boolean {
  return timestampMs(timestamp) !== undefined;
}

/** Epoch ms of a set timestamp, or `undefined` (for ordering restart times). */
export function timestampValue(timestamp: unknown): number | undefined {
  return timestampMs(timestamp);
}

/** A timestamp re-rendered as Go's `Time.UTC().Format(time.RFC3339)` (whole seconds, `Z`). */
export function formatRfc3339Utc(timestamp: unknown): string {
  const ms = timestampMs(timestamp);
  if (ms === undefined) return '0001-01-01T00:00:00Z';
  return `${new Date(Math.floor(ms / SECOND) * SECOND).toISOString().slice(0, 19)}Z`;
}
